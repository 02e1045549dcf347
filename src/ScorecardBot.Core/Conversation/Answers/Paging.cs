using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>
/// How much of a long list a chat answer shows: a red list of 3,000 KPIs or a table of 10,000 is
/// no answer to read. Past these sizes an answer shows the KPIs furthest off target and says how
/// many more there are and how to see them; below them it shows everything, as it always did.
/// </summary>
internal static class Paging
{
    /// <summary>Rows of a red or amber list, and names in a line of outstanding actuals.</summary>
    public const int Rows = 25;

    /// <summary>KPIs of a group answer (all its tables together) shown as tables; a larger group is summed up per section.</summary>
    public const int GroupRows = 60;

    /// <summary>Sections of a summed-up group answer named one by one.</summary>
    public const int Sections = 25;

    /// <summary>
    /// Severity order: red before amber before the rest, then the lowest score first (furthest
    /// off target), KPIs without a score last; ties keep the order given.
    /// </summary>
    /// <returns>The indices of <paramref name="items"/> in that order.</returns>
    public static int[] Order<T>(IReadOnlyList<T> items, Func<T, KpiReading> reading) =>
        [.. Enumerable.Range(0, items.Count)
            .OrderBy(i => Rank(reading(items[i]).Status))
            .ThenBy(i => reading(items[i]).Scored.Score is null ? 1 : 0)
            .ThenBy(i => reading(items[i]).Scored.Score ?? 0)
            .ThenByDescending(i => Shortfall(reading(items[i])))
            .ThenBy(i => i)];

    /// <summary>The first <paramref name="count"/> of <paramref name="readings"/> in severity order, without sorting them all.</summary>
    public static List<KpiReading> Worst(IReadOnlyList<KpiReading> readings, int count)
    {
        var worst = new List<(KpiReading Reading, int Index)>(count + 1);
        for (var i = 0; i < readings.Count; i++)
        {
            var at = worst.Count;
            while (at > 0 && Before(readings[i], i, worst[at - 1].Reading, worst[at - 1].Index))
            {
                at--;
            }

            if (at < count)
            {
                worst.Insert(at, (readings[i], i));
                if (worst.Count > count)
                {
                    worst.RemoveAt(count);
                }
            }
        }

        return [.. worst.Select(w => w.Reading)];
    }

    private static bool Before(KpiReading a, int ai, KpiReading b, int bi)
    {
        var byRank = Rank(a.Status).CompareTo(Rank(b.Status));
        if (byRank != 0)
        {
            return byRank < 0;
        }

        var byScored = (a.Scored.Score is null ? 1 : 0).CompareTo(b.Scored.Score is null ? 1 : 0);
        if (byScored != 0)
        {
            return byScored < 0;
        }

        var byScore = (a.Scored.Score ?? 0).CompareTo(b.Scored.Score ?? 0);
        if (byScore != 0)
        {
            return byScore < 0;
        }

        var byShortfall = Shortfall(b).CompareTo(Shortfall(a));
        return byShortfall != 0 ? byShortfall < 0 : ai < bi;
    }

    /// <summary>
    /// How far the value is on the wrong side of its target, relative to the target: scores stop at
    /// the bottom of red, so among KPIs scored alike the one further off comes first.
    /// </summary>
    private static decimal Shortfall(KpiReading reading)
    {
        if (reading.Value is not { } value || reading.Target is not { } target)
        {
            return 0;
        }

        var scale = Math.Abs(target.Value) > 0 ? Math.Abs(target.Value) : 1;
        return reading.Kpi.Direction switch
        {
            Direction.HigherIsBetter => (target.Value - value) / scale,
            Direction.LowerIsBetter => (value - target.Value) / scale,
            _ => Math.Max(
                target.BandLow is { } low ? low - value : 0,
                target.BandHigh is { } high ? value - high : 0) / scale,
        };
    }

    private static int Rank(Status status) => status switch
    {
        Status.Red => 0,
        Status.Amber => 1,
        Status.Green => 2,
        _ => 3,
    };
}
