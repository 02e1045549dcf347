using System.Globalization;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Submission;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Core.Values;
using ScorecardBot.Data.Configurations;

namespace ScorecardBot.Data.Ingest;

/// <summary>A row that passed every check: its KPI found, its period read, its value in the KPI's unit (null: no data, the comment says why).</summary>
/// <param name="Locked">Its period was locked after its business review (only a key of scope manage gets this far with such a row).</param>
/// <param name="NeedsApproval">Its scorecard requires approval: the value is stored pending, and the approver asked.</param>
internal sealed record CheckedActual(int Index, Kpi Kpi, Period Period, decimal? Value, string? Comment, string? SourceSystem, bool Locked = false, bool NeedsApproval = false);

/// <summary>
/// Reads the rows a system sent against one organization's snapshot: the KPI by id or key (only
/// this organization's), a period of the KPI's frequency that has begun, a number or a text read
/// by the cards' <see cref="ValueParser"/> in the organization's locale, and <see cref="ActualRules"/>;
/// then the scorecard's review rules, as a card submit follows them (<see cref="ActualStore"/>): a
/// change of a period locked after its review is refused unless the key may change locked periods
/// (scope manage), and a value of a scorecard that requires approval waits for its manager.
/// </summary>
internal static class ActualChecks
{
    public static (List<CheckedActual> Valid, List<RefusedActual> Refused) Check(
        OrganizationSnapshot snapshot, IReadOnlyList<IncomingActual> rows, DateTimeOffset now, bool mayChangeLocked = false)
    {
        var organization = snapshot.Organization;
        var parser = new ValueParser(CultureOf(organization.Locale), organization.Currency);
        var calendar = FiscalCalendar.For(organization);
        var byKey = snapshot.Kpis.GroupBy(k => k.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var current = new Dictionary<Frequency, Period>
        {
            [Frequency.Monthly] = calendar.LastCompletePeriod(Frequency.Monthly, now).Next,
            [Frequency.Quarterly] = calendar.LastCompletePeriod(Frequency.Quarterly, now).Next,
        };
        var valid = new List<CheckedActual>(rows.Count);
        var refused = new List<RefusedActual>();
        var seen = new Dictionary<(Guid, Period), int>();
        var histories = new Dictionary<Guid, ReportedHistory>();
        foreach (var row in rows)
        {
            var named = row.KpiId?.ToString("D") ?? row.KpiKey;
            RefusedActual Refuse(RefusalCode code, string reason) => new(row.Index, named, row.Period, code, reason);

            var (kpi, missing) = FindKpi(snapshot, byKey, row);
            if (kpi is null)
            {
                refused.Add(Refuse(missing!.Value.Code, missing.Value.Reason));
                continue;
            }

            var problem = ReadPeriod(row.Period, kpi, current[kpi.Frequency], out var period) ?? Fields(row);
            if (problem is not null)
            {
                refused.Add(Refuse(RefusalCode.Invalid, problem));
                continue;
            }

            if (seen.TryGetValue((kpi.Id, period), out var first))
            {
                refused.Add(Refuse(RefusalCode.Duplicate, $"Row {first} already gives {kpi.Key} for {period}; send each KPI and period once."));
                continue;
            }

            var reading = row.Value is { } number ? ActualRules.Exact(number, kpi) : parser.Parse(row.Text, kpi);
            if (ActualRules.Problem(kpi, reading, row.Comment) is { } wrong)
            {
                refused.Add(Refuse(RefusalCode.Invalid, wrong));
                continue;
            }

            if (!row.Confirmed && HistoryOf(kpi).Implausible(period, reading.Value) is { } how)
            {
                refused.Add(Refuse(RefusalCode.NeedsConfirmation,
                    $"{reading.Value!.Value.ToString(CultureInfo.InvariantCulture)} is {how} the usual level of {kpi.Key} (median of the last 12 periods). " +
                    "If it is right, send it again with \"confirmed\": true."));
                continue;
            }

            var value = reading.IsNoData ? null : reading.Value;
            var scorecard = snapshot.ScorecardOf(kpi);
            var lockedSince = scorecard.LockAfterReview ? PeriodLock.LockedSince(organization, scorecard, period, snapshot.Holidays) : null;
            var locked = ActualStore.IsLocked(lockedSince, now) && Changes(kpi, period, value, row.Comment);
            if (locked && ActualStore.LockRefusal(mayChangeLocked, kpi, period, lockedSince, now, null) is { } refusal)
            {
                var ask = ScorecardPermissions.WhomToAsk(scorecard, snapshot.People)?.Name;
                refused.Add(Refuse(RefusalCode.Locked,
                    $"{refusal} Its review ended {lockedSince!.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. " +
                    (ask is null ? "Ask a scorecard manager to correct it in the chat" : $"Ask {ask} to correct it in the chat") +
                    ", or send it with a key of scope manage (an admin makes one with: apikey create \"<name>\" scope manage)."));
                continue;
            }

            seen[(kpi.Id, period)] = row.Index;
            valid.Add(new CheckedActual(row.Index, kpi, period, value, row.Comment, row.SourceSystem, locked,
                ActualStore.NeedsApproval(scorecard, reporterManages: false)));
        }

        return (valid, refused);

        ReportedHistory HistoryOf(Kpi kpi)
        {
            if (!histories.TryGetValue(kpi.Id, out var history))
            {
                histories[kpi.Id] = history = new ReportedHistory(kpi);
            }

            return history;
        }
    }

    /// <summary>Whether storing the row would change what the snapshot holds (a repeat of a locked month is no change, so a feed may resend its history).</summary>
    private static bool Changes(Kpi kpi, Period period, decimal? value, string? comment)
    {
        var existing = kpi.Actuals.FirstOrDefault(a => a.Period == period);
        return existing is null || !ActualStore.SameAs(existing, ActualIngest.EntryOf(kpi.Id, period, value, comment, existing));
    }

    private static (Kpi? Kpi, (RefusalCode Code, string Reason)? Missing) FindKpi(OrganizationSnapshot snapshot, Dictionary<string, Kpi> byKey, IncomingActual row)
    {
        if (row.KpiId is null && string.IsNullOrWhiteSpace(row.KpiKey))
        {
            return (null, (RefusalCode.Invalid, "Name the KPI by kpiId or kpiKey."));
        }

        var byId = row.KpiId is { } id ? snapshot.FindKpi(id) : null;
        var byName = string.IsNullOrWhiteSpace(row.KpiKey) ? null : byKey.GetValueOrDefault(row.KpiKey.Trim());
        if (row.KpiId is not null && byId is null)
        {
            return (null, (RefusalCode.NotFound, $"There is no KPI {row.KpiId:D} in this organization."));
        }

        if (!string.IsNullOrWhiteSpace(row.KpiKey) && byName is null)
        {
            return (null, (RefusalCode.NotFound, $"There is no KPI with the key \"{row.KpiKey.Trim()}\" in this organization."));
        }

        if (byId is not null && byName is not null && byId.Id != byName.Id)
        {
            return (null, (RefusalCode.Invalid, $"kpiId {byId.Id:D} is {byId.Key}, not \"{row.KpiKey}\": give one of them."));
        }

        return (byId ?? byName, null);
    }

    private static string? ReadPeriod(string? text, Kpi kpi, Period current, out Period period)
    {
        if (!Period.TryParse(text, out period))
        {
            return string.IsNullOrWhiteSpace(text)
                ? "Give the period, like 2026-10 (a month) or FY2027-Q1 (a fiscal quarter)."
                : $"\"{text}\" is not a period: give a month like 2026-10 or a fiscal quarter like FY2027-Q1.";
        }

        var wanted = kpi.Frequency == Frequency.Quarterly ? PeriodKind.Quarter : PeriodKind.Month;
        if (period.Kind != wanted)
        {
            return kpi.Frequency == Frequency.Quarterly
                ? $"{kpi.Key} is reported per fiscal quarter: give a quarter like {current}, not {period}."
                : $"{kpi.Key} is reported monthly: give a month like {current.Previous}, not {period}.";
        }

        return period > current ? $"{period} has not begun yet: actuals can be given up to {current}." : null;
    }

    private static string? Fields(IncomingActual row)
    {
        if (row.Value is null && string.IsNullOrWhiteSpace(row.Text))
        {
            return "Give value (a number) or text (as people type it: \"1.2k\", \"95%\", \"n/a\").";
        }

        if (row.Value is not null && !string.IsNullOrWhiteSpace(row.Text))
        {
            return "Give value or text, not both.";
        }

        if (row.Comment?.Length > Lengths.Text)
        {
            return $"A comment can be at most {Lengths.Text} characters; this one has {row.Comment.Length}.";
        }

        return row.SourceSystem?.Length > Lengths.Name ? $"sourceSystem can be at most {Lengths.Name} characters." : null;
    }

    private static CultureInfo CultureOf(string locale)
    {
        try
        {
            return CultureInfo.GetCultureInfo(locale);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
