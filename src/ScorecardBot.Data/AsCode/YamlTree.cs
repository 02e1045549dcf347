using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ScorecardBot.Data.AsCode;

/// <summary>
/// A minimal YAML tree that keeps the position of every node and keeps duplicate keys, so the
/// reader can report each problem at its place instead of stopping at the first one.
/// </summary>
internal abstract class YamlValue(SourcePosition at)
{
    public SourcePosition At { get; } = at;

    public abstract string Kind { get; }
}

internal sealed class YamlText(SourcePosition at, string value, bool quoted) : YamlValue(at)
{
    public string Value { get; } = value;

    /// <summary>Quoted scalars are always strings; plain "null" or "~" is null.</summary>
    public bool Quoted { get; } = quoted;

    public bool IsNull => !Quoted && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Kind => "a single value";
}

internal sealed class YamlList(SourcePosition at, List<YamlValue> items) : YamlValue(at)
{
    public List<YamlValue> Items { get; } = items;

    public override string Kind => "a list";
}

internal sealed class YamlMap(SourcePosition at, List<KeyValuePair<YamlText, YamlValue>> entries) : YamlValue(at)
{
    public List<KeyValuePair<YamlText, YamlValue>> Entries { get; } = entries;

    public override string Kind => "a mapping";
}

internal static class YamlTree
{
    /// <summary>Loads the single document of a file; a syntax error is reported at its place.</summary>
    public static YamlValue? Load(string text, ProblemList problems)
    {
        _lastRead = null;
        try
        {
            var parser = new Parser(new StringReader(text));
            var anchors = new Dictionary<string, YamlValue>(StringComparer.Ordinal);
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = Read(parser, anchors, problems, depth: 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var next = parser.Current!;
                problems.Add(Position(next.Start), "the file holds more than one YAML document; put everything in one");
            }

            return root;
        }
        catch (YamlException e)
        {
            problems.Add(Position(e.Start), "YAML syntax error: " + Clean(e.Message));
            return null;
        }
        catch (TooDeepException e)
        {
            problems.Add(e.At, $"the file nests deeper than {MaxDepth} levels; a scorecard needs fewer than ten");
            return null;
        }
        catch (InvalidOperationException)
        {
            // The scanner gives up this way on some broken input, such as a flow mapping left open
            // at the end of the file; the last event read is the best position there is.
            problems.Add(_lastRead ?? new SourcePosition(1, 1), "YAML syntax error: the file cannot be read past this point; is a {, [ or quote left open?");
            return null;
        }
    }

    [ThreadStatic]
    private static SourcePosition? _lastRead;

    /// <summary>Guards the recursive reader against a hostile file's stack overflow.</summary>
    private const int MaxDepth = 64;

    private sealed class TooDeepException(SourcePosition at) : Exception
    {
        public SourcePosition At { get; } = at;
    }

    private static YamlValue Read(IParser parser, Dictionary<string, YamlValue> anchors, ProblemList problems, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new TooDeepException(parser.Current is { } deep ? Position(deep.Start) : new SourcePosition(1, 1));
        }

        if (parser.Current is { } current)
        {
            _lastRead = Position(current.Start);
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
                or ScalarStyle.Literal or ScalarStyle.Folded;
            return Remember(anchors, scalar.Anchor, new YamlText(Position(scalar.Start), scalar.Value, quoted));
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            problems.Add(Position(alias.Start), $"alias '*{alias.Value.Value}' refers to no anchor");
            return new YamlText(Position(alias.Start), "", quoted: false);
        }

        if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            var items = new List<YamlValue>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(Read(parser, anchors, problems, depth + 1));
            }

            return Remember(anchors, seqStart.Anchor, new YamlList(Position(seqStart.Start), items));
        }

        var mapStart = parser.Consume<MappingStart>();
        var entries = new List<KeyValuePair<YamlText, YamlValue>>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = Read(parser, anchors, problems, depth + 1);
            var value = Read(parser, anchors, problems, depth + 1);
            if (key is YamlText text)
            {
                entries.Add(new(text, value));
            }
            else
            {
                problems.Add(key.At, "a key must be a single word, not " + key.Kind);
            }
        }

        return Remember(anchors, mapStart.Anchor, new YamlMap(Position(mapStart.Start), entries));
    }

    private static YamlValue Remember(Dictionary<string, YamlValue> anchors, AnchorName anchor, YamlValue value)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = value;
        }

        return value;
    }

    private static SourcePosition Position(Mark mark) => new((int)mark.Line, (int)mark.Column);

    /// <summary>YamlDotNet prefixes messages with the position, which the problem already carries.</summary>
    private static string Clean(string message)
    {
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }
}
