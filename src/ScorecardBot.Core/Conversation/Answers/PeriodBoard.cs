using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>
/// Every KPI of an organization read for one period, once per snapshot
/// (<see cref="OrganizationSnapshot.Board"/>): the readings in the snapshot's KPI order and, per
/// status, the positions of the KPIs that have it. A status, a group table or a red list over
/// 10,000 KPIs looks its KPIs up here instead of reading each of them on every question.
/// </summary>
internal sealed class PeriodBoard
{
    private readonly KpiReading[] _readings;
    private readonly int[][] _byStatus;
    private readonly int[][] _bySeverity;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int Start, int Count), StatusSummary> _summaries = new();

    private PeriodBoard(KpiReading[] readings, int[][] byStatus)
    {
        _readings = readings;
        _byStatus = byStatus;
        _bySeverity = [.. byStatus.Select(positions => Paging.Order(positions, p => readings[p]).Select(k => positions[k]).ToArray())];
    }

    /// <summary>The positions of the KPIs with <paramref name="status"/>, furthest off target first (<see cref="Paging.Order{T}"/>).</summary>
    public IReadOnlyList<int> WorstWith(Status status) => _bySeverity[(int)status];

    /// <summary>The readings of <paramref name="count"/> KPIs from <paramref name="start"/> in the snapshot's order (a scorecard's KPIs are together).</summary>
    public ArraySegment<KpiReading> Slice(int start, int count) => new(_readings, start, count);

    /// <summary>The status of the KPIs of <see cref="Slice"/>, counted once per board.</summary>
    public StatusSummary SummaryOf(int start, int count) => _summaries.GetOrAdd((start, count), key => StatusSummary.Of(Slice(key.Start, key.Count)));

    /// <summary>The readings of all KPIs, in the snapshot's KPI order (<see cref="OrganizationSnapshot.KpiList"/>).</summary>
    public IReadOnlyList<KpiReading> All => _readings;

    public KpiReading this[int index] => _readings[index];

    /// <summary>The positions of the KPIs with <paramref name="status"/>, in the snapshot's KPI order.</summary>
    public IReadOnlyList<int> With(Status status) => _byStatus[(int)status];

    public static PeriodBoard Build(OrganizationSnapshot snapshot, Period period)
    {
        var kpis = snapshot.KpiList;
        var readings = new KpiReading[kpis.Count];
        var byStatus = new List<int>[4];
        for (var s = 0; s < byStatus.Length; s++)
        {
            byStatus[s] = [];
        }

        for (var i = 0; i < readings.Length; i++)
        {
            readings[i] = KpiReading.For(snapshot, kpis[i], period);
            byStatus[(int)readings[i].Status].Add(i);
        }

        return new PeriodBoard(readings, [.. byStatus.Select(l => l.ToArray())]);
    }
}

/// <summary>
/// What is outstanding for the review of one month over the whole organization, once per snapshot
/// (<see cref="OrganizationSnapshot.OutstandingOf"/>): each KPI's missing period (null when it is in or
/// has no period then), the missing ones in the snapshot's KPI order, and how many KPIs report for the month.
/// </summary>
internal sealed class MonthOutstanding
{
    private readonly MissingActual?[] _missing;
    private readonly bool[] _reporting;

    private MonthOutstanding(MissingActual?[] missing, bool[] reports, List<MissingActual> all, int reporting)
    {
        _missing = missing;
        _reporting = reports;
        All = all;
        Reporting = reporting;
    }

    /// <summary>The missing actuals of all KPIs, in the snapshot's KPI order.</summary>
    public IReadOnlyList<MissingActual> All { get; }

    /// <summary>How many KPIs report a period in the review of the month.</summary>
    public int Reporting { get; }

    /// <summary>The KPI at <paramref name="index"/> reports a period in the review of the month.</summary>
    public bool Reports(int index) => _reporting[index];

    public MissingActual? this[int index] => _missing[index];

    public static MonthOutstanding Build(OrganizationSnapshot snapshot, Period month)
    {
        var kpis = snapshot.KpiList;
        var missing = new MissingActual?[kpis.Count];
        var reports = new bool[kpis.Count];
        var all = new List<MissingActual>();
        var reporting = 0;
        for (var i = 0; i < kpis.Count; i++)
        {
            if (Outstanding.PeriodFor(snapshot, kpis[i], month) is not { } period)
            {
                continue;
            }

            reports[i] = true;
            reporting++;
            if (Outstanding.Of(snapshot, kpis[i], period) is { } m)
            {
                missing[i] = m;
                all.Add(m);
            }
        }

        return new MonthOutstanding(missing, reports, all, reporting);
    }
}
