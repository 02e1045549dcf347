using System.Globalization;

namespace ScorecardBot.Core.Values;

/// <summary>
/// Reads the digits-and-separators part of a typed number. The organization's culture decides
/// which of '.' and ',' marks decimals; when a text can only be read one way ("1.234,5" in an
/// en-US organization, "1.5" in a de-DE one, where '.' cannot be a thousands mark with one digit
/// after it) it is read that way rather than refused.
/// </summary>
internal static class NumberReader
{
    private const char Group = 'G';

    public static bool IsBodyChar(char c) => char.IsAsciiDigit(c) || c is '.' or ',' or '\'' or '’' or ' ';

    /// <summary>Returns the value, or an explanation (without the leading "'x' is not a number: ").</summary>
    public static (decimal? Value, string? Problem) Read(string body, CultureInfo culture)
    {
        var format = culture.NumberFormat;
        var cultureDecimal = format.NumberDecimalSeparator.Length == 1 ? format.NumberDecimalSeparator[0] : '.';
        var cultureGroup = NormalizeGroup(format.NumberGroupSeparator);

        // Spaces and apostrophes only ever group thousands (1 234 / 1'234).
        var marks = body.Select(c => c is ' ' or '\'' or '’' ? Group : c).ToArray();
        var kinds = marks.Where(c => !char.IsAsciiDigit(c)).Distinct().ToList();
        var dots = marks.Count(c => c == '.');
        var commas = marks.Count(c => c == ',');

        char? decimalMark;
        char? groupMark;
        if (kinds.Contains('.') && kinds.Contains(','))
        {
            if (kinds.Contains(Group))
            {
                return (null, "it mixes spaces, '.' and ',' as separators.");
            }

            // The one that comes last marks decimals; it may appear only once.
            decimalMark = Array.LastIndexOf(marks, '.') > Array.LastIndexOf(marks, ',') ? '.' : ',';
            groupMark = decimalMark == '.' ? ',' : '.';
            if ((decimalMark == '.' ? dots : commas) > 1)
            {
                return (null, $"'{decimalMark}' marks decimals here but appears more than once.");
            }
        }
        else if (kinds.Count == 0 || (kinds.Count == 1 && kinds[0] == Group))
        {
            decimalMark = null;
            groupMark = kinds.Count == 0 ? null : Group;
        }
        else
        {
            var mark = kinds.Single(k => k != Group);
            var count = mark == '.' ? dots : commas;
            var hasSpaceGroups = kinds.Contains(Group);
            if (count > 1)
            {
                if (hasSpaceGroups)
                {
                    return (null, $"it mixes spaces and '{mark}' as thousands separators.");
                }

                decimalMark = null;
                groupMark = mark;
            }
            else if (hasSpaceGroups || mark == cultureDecimal || mark != cultureGroup)
            {
                decimalMark = mark;
                groupMark = hasSpaceGroups ? Group : null;
            }
            else
            {
                // The culture's thousands mark, once: a thousands mark only when 3 digits follow.
                var after = marks.Length - Array.IndexOf(marks, mark) - 1;
                var groupSizes = format.NumberGroupSizes;
                var firstGroup = groupSizes.Length > 0 && groupSizes[0] > 0 ? groupSizes[0] : 3;
                (decimalMark, groupMark) = after == firstGroup ? ((char?)null, (char?)mark) : (mark, null);
            }
        }

        var text = new string(marks);
        var decimalAt = decimalMark is { } d ? text.IndexOf(d, StringComparison.Ordinal) : -1;
        var integerPart = decimalAt >= 0 ? text[..decimalAt] : text;
        var fractionPart = decimalAt >= 0 ? text[(decimalAt + 1)..] : "";

        if (fractionPart.Any(c => !char.IsAsciiDigit(c)))
        {
            return (null, $"there are separators after the decimal mark '{decimalMark}'.");
        }

        if (groupMark is { } g && integerPart.Contains(g, StringComparison.Ordinal))
        {
            var shown = g == Group ? "a space" : $"'{g}'";
            if (!GroupsAreValid(integerPart.Split(g), format.NumberGroupSizes))
            {
                return (null, $"{shown} separates thousands, so each group after it needs 3 digits.");
            }

            integerPart = integerPart.Replace(g.ToString(), "", StringComparison.Ordinal);
        }

        if (integerPart.Length == 0 && fractionPart.Length == 0)
        {
            return (null, "there are no digits.");
        }

        var canonical = (integerPart.Length == 0 ? "0" : integerPart) + (fractionPart.Length > 0 ? "." + fractionPart : "");
        return decimal.TryParse(canonical, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? (value, null)
            : (null, "it is too large.");
    }

    private static char NormalizeGroup(string separator) =>
        separator.Length == 1 ? (separator[0] is ' ' or '\u00A0' or '\u202F' or '\'' or '’' ? Group : separator[0]) : ',';

    /// <summary>Groups from the right: the culture's sizes (3, or 3 then 2 in India), the leftmost group 1 up to its size.</summary>
    private static bool GroupsAreValid(string[] groups, int[] sizes)
    {
        if (groups.Any(g => g.Length == 0))
        {
            return false;
        }

        var westernOk = groups.Skip(1).All(g => g.Length == 3) && groups[0].Length <= 3;
        if (westernOk || sizes.Length < 2)
        {
            return westernOk;
        }

        // Indian grouping: 12,34,567 — last group 3, the ones before it 2.
        var last = groups[^1].Length == sizes[0];
        var middle = groups.Skip(1).SkipLast(1).All(g => g.Length == sizes[1]);
        return last && middle && groups[0].Length <= sizes[1];
    }
}
