using System.Globalization;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Configurations;
using ScorecardBot.Core.Rhythm;

namespace ScorecardBot.Data.AsCode;

/// <summary>
/// The fields of one mapping in the file, read with type checks. Every problem is added to the
/// list with its position and reading goes on, so one run reports all of them.
/// </summary>
internal sealed class YamlFields
{
    /// <summary>The database's column lengths, so a long text is a problem at its line, not a failed save.</summary>
    private static readonly Dictionary<string, int> MaxLengths = new(StringComparer.Ordinal)
    {
        ["key"] = Lengths.Key,
        ["name"] = Lengths.Name,
        ["description"] = Lengths.Text,
        ["unit"] = Lengths.Unit,
        ["formula"] = Lengths.ShortText,
        ["data_source"] = Lengths.ShortText,
        ["decision_needed"] = Lengths.ShortText,
        ["rationale"] = Lengths.ShortText,
        ["email"] = Lengths.Email,
        ["conversation"] = Lengths.ConversationId,
        ["service_url"] = Lengths.Url,
        ["time_zone"] = Lengths.TimeZone,
        ["locale"] = Lengths.Locale,
        ["teams_tenant"] = Lengths.ExternalId,
        ["slack_team"] = Lengths.ExternalId,
    };

    private readonly Dictionary<string, YamlValue> _values = new(StringComparer.Ordinal);
    private readonly Located _target;
    private readonly ProblemList _problems;

    private YamlFields(YamlMap map, string what, Located target, ProblemList problems, IReadOnlyList<string> allowed)
    {
        // Name the element by its key from the start, so that even unknown keys say whose they are.
        var key = map.Entries.FirstOrDefault(e => e.Key.Value == "key").Value as YamlText;
        What = key is { IsNull: false } && allowed.Contains("key") ? $"{what} '{key.Value.Trim()}'" : what;
        _target = target;
        _problems = problems;
        target.At = map.At;
        foreach (var (name, value) in map.Entries)
        {
            if (!allowed.Contains(name.Value))
            {
                var hint = AsCodeTokens.Closest(name.Value, allowed);
                problems.Add(name.At, hint is null
                    ? $"unknown key '{name.Value}' in {What}; expected {AsCodeTokens.OneOf(allowed)}"
                    : $"unknown key '{name.Value}' in {What}; did you mean '{hint}'?");
            }
            else if (!_values.TryAdd(name.Value, value))
            {
                problems.Add(name.At, $"'{name.Value}' is given twice in {What}");
            }
        }
    }

    /// <summary>How messages name the element ("kpi 'otd'"); refined once its key is known.</summary>
    public string What { get; set; }

    public SourcePosition At => _target.At;

    public static YamlFields? Open(YamlValue? node, string what, Located target, ProblemList problems, params string[] allowed)
    {
        if (node is YamlMap map)
        {
            return new YamlFields(map, what, target, problems, allowed);
        }

        if (node is not null)
        {
            target.At = node.At;
            problems.Add(node.At, $"{what} should be a mapping of 'key: value' lines, not {node.Kind}");
        }

        return null;
    }

    public bool Has(string key) => _values.TryGetValue(key, out var v) && v is not YamlText { IsNull: true };

    public YamlValue? Node(string key)
    {
        if (!_values.TryGetValue(key, out var value) || value is YamlText { IsNull: true })
        {
            return null;
        }

        _target.Mark(key, value.At);
        return value;
    }

    public string? Text(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required)
            {
                _problems.Add(At, $"{What} is missing '{key}'");
            }

            return null;
        }

        if (node is YamlText text)
        {
            if (required && string.IsNullOrWhiteSpace(text.Value))
            {
                _problems.Add(node.At, $"{What} has an empty '{key}'");
                return null;
            }

            var value = text.Value.Trim();
            if (MaxLengths.TryGetValue(key, out var max) && value.Length > max)
            {
                _problems.Add(node.At, $"{What}: '{key}' is {value.Length} characters long; the scorecard keeps at most {max}");
            }

            return value;
        }

        _problems.Add(node.At, $"{What}: '{key}' should be a single value, not {node.Kind}");
        return null;
    }

    public decimal? Number(string key, bool required = false, decimal min = decimal.MinValue)
    {
        var text = Text(key, required);
        if (text is null)
        {
            return null;
        }

        if (AsCodeTokens.TryParseNumber(text, out var value) &&
            value >= min)
        {
            return value;
        }

        _problems.Add(_target.Of(key), min == 0m
            ? $"{What}: '{key}' should be a number of 0 or more (like 12.5, at most 6 decimals), not '{text}'"
            : $"{What}: '{key}' should be a number (like 12.5, at most 6 decimals), not '{text}'");
        return null;
    }

    public int? Integer(string key, int min, int max, bool required = false)
    {
        var text = Text(key, required);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        _problems.Add(_target.Of(key), $"{What}: '{key}' should be a whole number from {min} to {max}, not '{text}'");
        return null;
    }

    /// <summary>A review cycle's numeric setting, within the bounds the <c>cycle</c> command applies too.</summary>
    public int? Integer(CycleBound bound)
    {
        var text = Text(bound.Key);
        if (text is null)
        {
            return null;
        }

        if (bound.Read(text) is { } value)
        {
            return value;
        }

        _problems.Add(_target.Of(bound.Key), $"{What}: {bound.Problem(text)}");
        return null;
    }

    public bool? Flag(string key)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }

        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                _problems.Add(_target.Of(key), $"{What}: '{key}' should be true or false, not '{text}'");
                return null;
        }
    }

    public TEnum? Choice<TEnum>(string key, bool required = false)
        where TEnum : struct, Enum
    {
        var text = Text(key, required);
        if (text is null)
        {
            return null;
        }

        if (AsCodeTokens.TryParse<TEnum>(text, out var value))
        {
            return value;
        }

        _problems.Add(_target.Of(key), $"{What} has {key.Replace('_', ' ')} '{text}'; use {AsCodeTokens.OneOf(AsCodeTokens.Tokens<TEnum>())}");
        return null;
    }

    public DateOnly? Date(string key, bool required = false)
    {
        var text = Text(key, required);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        _problems.Add(_target.Of(key), $"{What}: '{key}' should be a date like 2026-10-31, not '{text}'");
        return null;
    }

    /// <summary>The items of a list field; a single value where a list belongs is reported.</summary>
    public IReadOnlyList<YamlValue> List(string key)
    {
        var node = Node(key);
        switch (node)
        {
            case null:
                return [];
            case YamlList list:
                return list.Items;
            default:
                _problems.Add(node.At, $"{What}: '{key}' should be a list, not {node.Kind}");
                return [];
        }
    }

    /// <summary>A list of single words (emails, keys, aliases) with their positions; one word alone counts as a list.</summary>
    public List<(string Value, SourcePosition At)> Words(string key)
    {
        var words = new List<(string, SourcePosition)>();

        // "aliases: OTD" means a list of one; forgiving that costs nothing and the writer always writes lists.
        if (_values.TryGetValue(key, out var single) && single is YamlText { IsNull: false } one)
        {
            _target.Mark(key, one.At);
            words.Add((one.Value.Trim(), one.At));
            return words;
        }

        foreach (var item in List(key))
        {
            if (item is YamlText { IsNull: false } text && !string.IsNullOrWhiteSpace(text.Value))
            {
                words.Add((text.Value.Trim(), text.At));
            }
            else
            {
                _problems.Add(item.At, $"{What}: each entry of '{key}' should be a single value, not {item.Kind}");
            }
        }

        return words;
    }

    public static bool TryPeriod(string text, out Period period) => Period.TryParse(text, CultureInfo.InvariantCulture, out period);
}
