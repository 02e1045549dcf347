namespace ScorecardBot.Core.Conversation.Matching;

/// <summary>Edit distance with adjacent transpositions (optimal string alignment), stopping early past a limit.</summary>
internal static class FuzzyToken
{
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var width = b.Length + 1;
        Span<int> rows = (3 * width) <= 256 ? stackalloc int[3 * width] : new int[3 * width];
        var before = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            var spare = before;
            before = previous;
            previous = current;
            current = spare;
        }

        return previous[b.Length];
    }

    /// <summary>How many typos a word of this length may carry and still be recognised.</summary>
    public static int AllowedTypos(int length) => length switch
    {
        < 4 => 0,
        < 7 => 1,
        _ => 2,
    };

    public static IEnumerable<string> Trigrams(string word)
    {
        var padded = "$" + word + "$";
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            yield return padded.Substring(i, 3);
        }
    }

    public static string Anagram(string word)
    {
        var chars = word.ToCharArray();
        Array.Sort(chars);
        return new string(chars);
    }
}
