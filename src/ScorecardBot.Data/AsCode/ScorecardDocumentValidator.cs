using System.Globalization;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Rhythm;

namespace ScorecardBot.Data.AsCode;

/// <summary>
/// Checks what the file says against itself: every email, scorecard, objective and KPI key it
/// refers to is declared in it, keys are unique, periods fit the KPI's frequency, thresholds
/// sit on the right side of the target. The file must be self-contained so that it can be
/// reviewed on its own and imported into an empty database.
/// </summary>
internal sealed class ScorecardDocumentValidator(ProblemList problems)
{
    private readonly HashSet<string> _emails = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ScorecardDoc> _scorecards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ObjectiveDoc Objective, ScorecardDoc Scorecard)> _objectives = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KpiDoc> _kpis = new(StringComparer.Ordinal);

    /// <summary>The reviews checked for fitting their months: two years from this month.</summary>
    internal const int MonthsChecked = 24;

    private ScorecardDocument? _doc;

    public void Validate(ScorecardDocument doc)
    {
        _doc = doc;
        Organization(doc.Organization);
        People(doc.People);
        Holidays(doc.Holidays);
        Index(doc);
        var names = new Dictionary<string, KpiDoc>(StringComparer.OrdinalIgnoreCase);
        var initiatives = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in doc.Scorecards)
        {
            Scorecard(s);
            foreach (var k in s.Kpis)
            {
                Kpi(k, s, names);
            }

            foreach (var i in s.Initiatives)
            {
                if (i.Key.Length > 0 && !initiatives.Add(i.Key))
                {
                    problems.Add(i.Of("key"), $"initiative key '{i.Key}' is used twice; keys must be unique in the file");
                }

                Initiative(i);
            }
        }
    }

    private void Organization(OrganizationDoc o)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _))
        {
            problems.Add(o.Of("time_zone"), $"organization: '{o.TimeZone}' is not a known time zone; use an IANA id like Europe/Berlin");
        }

        if (!IsCulture(o.Locale))
        {
            problems.Add(o.Of("locale"), $"organization: '{o.Locale}' is not a known locale; use a name like en-GB or de-DE");
        }

        if (o.Currency.Length != 3 || !o.Currency.All(char.IsAsciiLetterUpper))
        {
            problems.Add(o.Of("currency"), $"organization: currency '{o.Currency}' should be a three-letter ISO code like EUR");
        }
    }

    private static bool IsCulture(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true).Name.Length > 0;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    private void People(List<PersonDoc> people)
    {
        foreach (var p in people.Where(p => p.Email.Length > 0))
        {
            if (!p.Email.Contains('@', StringComparison.Ordinal))
            {
                problems.Add(p.Of("email"), $"person '{p.Email}' has no valid email address");
            }

            if (!_emails.Add(p.Email))
            {
                problems.Add(p.Of("email"), $"person '{p.Email}' is declared twice");
            }

            if (p.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(p.TimeZone, out _))
            {
                problems.Add(p.Of("time_zone"), $"person '{p.Email}': '{p.TimeZone}' is not a known time zone");
            }
        }
    }

    private void Holidays(List<HolidayDoc> holidays)
    {
        foreach (var group in holidays.Where(h => h.Date != default).GroupBy(h => h.Date).Where(g => g.Count() > 1))
        {
            foreach (var h in group.Skip(1))
            {
                problems.Add(h.Of("date"), $"holiday {AsCodeTokens.FormatDate(h.Date)} is listed twice");
            }
        }
    }

    private void Index(ScorecardDocument doc)
    {
        foreach (var s in doc.Scorecards.Where(s => s.Key.Length > 0))
        {
            if (!_scorecards.TryAdd(s.Key, s))
            {
                problems.Add(s.Of("key"), $"scorecard key '{s.Key}' is used twice");
            }

            foreach (var o in s.Objectives.Where(o => o.Key.Length > 0))
            {
                if (!_objectives.TryAdd(o.Key, (o, s)))
                {
                    problems.Add(o.Of("key"), $"objective key '{o.Key}' is used twice; keys must be unique in the file");
                }
            }

            foreach (var k in s.Kpis.Where(k => k.Key.Length > 0))
            {
                if (!_kpis.TryAdd(k.Key, k))
                {
                    problems.Add(k.Of("key"), $"kpi key '{k.Key}' is used twice; keys must be unique in the file");
                }
            }
        }
    }

    private void Person(string? email, Located where, string field, string what)
    {
        if (email is not null && !_emails.Contains(email))
        {
            problems.Add(where.Of(field), $"{what} has {field} '{email}', who is not declared under 'people'");
        }
    }

    private void Scorecard(ScorecardDoc s)
    {
        var what = $"scorecard '{s.Key}'";
        Person(s.Manager, s, "manager", what);
        ScorecardDoc? parent = null;
        if (s.Parent is not null && !_scorecards.TryGetValue(s.Parent, out parent))
        {
            problems.Add(s.Of("parent"), $"{what} has parent '{s.Parent}', which is not a scorecard in the file");
        }
        else if (parent is not null && CascadesFrom(parent, s.Key))
        {
            problems.Add(s.Of("parent"), $"{what} would cascade from itself through parent '{s.Parent}'");
            parent = null;
        }

        if (s.Supports is not null)
        {
            if (s.Parent is null)
            {
                problems.Add(s.Of("supports"), $"{what} supports '{s.Supports}' but has no 'parent'");
            }
            else if (parent is not null && !parent.Objectives.Any(o => o.Key == s.Supports))
            {
                problems.Add(s.Of("supports"), $"{what} supports '{s.Supports}', which is not an objective of its parent '{parent.Key}'");
            }
        }

        foreach (var dup in s.Channels.GroupBy(c => (c.Platform, c.Conversation)).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            problems.Add(dup.At, $"{what} lists channel '{dup.Conversation}' twice");
        }

        var perspectives = s.EffectivePerspectives;
        foreach (var dup in perspectives.Where(p => p.Kind != PerspectiveKind.Custom).GroupBy(p => p.Kind).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            problems.Add(dup.At, $"{what} has the {AsCodeTokens.Token(dup.Kind)} perspective twice");
        }

        foreach (var dup in perspectives.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            problems.Add(dup.At, $"{what} has two perspectives named '{dup.Name}'");
        }

        foreach (var o in s.Objectives)
        {
            Objective(o, s, parent, perspectives);
        }

        var pairs = new HashSet<(string, string)>();
        foreach (var l in s.Links)
        {
            var lw = $"link {l.Cause} -> {l.Effect}";
            foreach (var (key, field) in new[] { (l.Cause, "cause"), (l.Effect, "effect") })
            {
                if (key.Length > 0 && !s.Objectives.Any(o => o.Key == key))
                {
                    problems.Add(l.Of(field), _objectives.ContainsKey(key)
                        ? $"{lw}: {field} '{key}' is an objective of another scorecard; a strategy map links objectives of one scorecard"
                        : $"{lw}: {field} '{key}' is not an objective of scorecard '{s.Key}'");
                }
            }

            if (l.Cause == l.Effect && l.Cause.Length > 0)
            {
                problems.Add(l.At, $"{lw}: an objective cannot cause itself");
            }
            else if (!pairs.Add((l.Cause, l.Effect)))
            {
                problems.Add(l.At, $"{lw} is listed twice");
            }
        }

        Review(s.Review, ReviewKind.Monthly, s.Name);
        Review(s.QuarterlyReview, ReviewKind.Quarterly, s.Name);
    }

    private bool CascadesFrom(ScorecardDoc start, string key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (ScorecardDoc? s = start; s is not null && seen.Add(s.Key); s = s.Parent is null ? null : _scorecards.GetValueOrDefault(s.Parent))
        {
            if (s.Key == key)
            {
                return true;
            }
        }

        return false;
    }

    private void Objective(ObjectiveDoc o, ScorecardDoc s, ScorecardDoc? parent, IReadOnlyList<PerspectiveDoc> perspectives)
    {
        var what = $"objective '{o.Key}'";
        if (o.Perspective.Length > 0 && FindPerspective(perspectives, o.Perspective) is null)
        {
            problems.Add(o.Of("perspective"), $"{what} has perspective '{o.Perspective}', which scorecard '{s.Key}' does not have; use {AsCodeTokens.OneOf([.. perspectives.Select(p => p.Name)])}");
        }

        Person(o.Owner, o, "owner", what);
        if (o.Parent is null)
        {
            return;
        }

        if (!_objectives.TryGetValue(o.Parent, out var p))
        {
            problems.Add(o.Of("parent"), $"{what} has parent '{o.Parent}', which is not an objective in the file");
        }
        else if (parent is null || p.Scorecard != parent)
        {
            problems.Add(o.Of("parent"), parent is null
                ? $"{what} has parent '{o.Parent}' but scorecard '{s.Key}' has no parent scorecard"
                : $"{what} has parent '{o.Parent}', which is not an objective of the parent scorecard '{parent.Key}'");
        }
    }

    /// <summary>An objective names its perspective by name ("Customer") or by kind ("learning_and_growth").</summary>
    public static PerspectiveDoc? FindPerspective(IReadOnlyList<PerspectiveDoc> perspectives, string name) =>
        perspectives.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) ??
        (AsCodeTokens.TryParse<PerspectiveKind>(name, out var kind) && kind != PerspectiveKind.Custom
            ? perspectives.FirstOrDefault(p => p.Kind == kind)
            : null);

    private void Kpi(KpiDoc k, ScorecardDoc s, Dictionary<string, KpiDoc> names)
    {
        var what = $"kpi '{k.Key}'";
        if (k.Objective.Length > 0 && !s.Objectives.Any(o => o.Key == k.Objective))
        {
            problems.Add(k.Of("objective"), _objectives.ContainsKey(k.Objective)
                ? $"{what} measures objective '{k.Objective}', which belongs to another scorecard than '{s.Key}'"
                : $"{what} measures objective '{k.Objective}', which is not an objective of scorecard '{s.Key}'");
        }

        Person(k.Owner, k, "owner", what);
        Person(k.Delegate, k, "delegate", what);
        Pair(k, s, what);
        foreach (var name in k.Aliases.Prepend(k.Name).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (names.TryGetValue(name, out var other) && other != k)
            {
                problems.Add(k.Of(name == k.Name ? "name" : "aliases"), $"{what}: the name or alias '{name}' is already used by kpi '{other.Key}'; people could not tell them apart");
            }
            else
            {
                names[name] = k;
            }
        }

        var periods = new HashSet<Period>();
        foreach (var t in k.Targets.Where(t => t.Period != default))
        {
            if (!periods.Add(t.Period))
            {
                problems.Add(t.At, $"{what} has two targets for {t.Period}");
            }

            if (k.Frequency == Frequency.Quarterly && t.Period.Kind == PeriodKind.Month)
            {
                problems.Add(t.At, $"{what} is quarterly, so it cannot have a target for month {t.Period}; use a quarter like FY{t.Period.Year + 1}-Q1 or a fiscal year");
            }

            Target(k, t, $"target {t.Period} of {what}");
        }
    }

    private void Target(KpiDoc k, TargetDoc t, string what)
    {
        if (k.Direction == Direction.WithinBand)
        {
            if (t.BandLow is null)
            {
                problems.Add(t.At, $"{what}: a within_band kpi needs a 'band' like [40, 55]");
                return;
            }

            if (t.BandLow > t.BandHigh)
            {
                problems.Add(t.Of("band"), $"{what}: the band's low end {t.BandLow} is above its high end {t.BandHigh}");
            }

            if (t.Amber < 0 || t.Red < 0 || t.Amber > t.Red)
            {
                problems.Add(t.Of("amber"), $"{what}: for a band, amber and red are distances outside it, with 0 <= amber <= red");
            }

            return;
        }

        if (t.BandLow is not null)
        {
            problems.Add(t.Of("band"), $"{what}: only a within_band kpi has a 'band'; this kpi is {AsCodeTokens.Token(k.Direction)}");
        }

        if (t.Value is null || (t.Amber is null && t.Red is null))
        {
            return;
        }

        var higher = k.Direction == Direction.HigherIsBetter;
        var (target, word) = t.EffectiveStyle == ThresholdStyle.PercentOfTarget ? (100m, "100 (% of target)") : (t.Value.Value, $"the target {AsCodeTokens.FormatNumber(t.Value.Value)}");
        var inOrder = t.EffectiveStyle == ThresholdStyle.PercentOfTarget || higher
            ? (t.Red ?? decimal.MinValue) <= (t.Amber ?? target) && (t.Amber ?? target) <= target
            : (t.Red ?? decimal.MaxValue) >= (t.Amber ?? target) && (t.Amber ?? target) >= target;
        if (!inOrder)
        {
            problems.Add(t.Of("amber"), t.EffectiveStyle == ThresholdStyle.PercentOfTarget || higher
                ? $"{what}: thresholds should fall as things get worse: red <= amber <= {word}"
                : $"{what}: for a lower_is_better kpi, thresholds should rise as things get worse: {word} <= amber <= red");
        }
    }

    /// <summary>A pair is another KPI of the same scorecard (a scorecard is deleted with its KPIs, so a pair never points out of it).</summary>
    private void Pair(KpiDoc k, ScorecardDoc s, string what)
    {
        if (k.Pair is not { } pair)
        {
            return;
        }

        if (pair == k.Key)
        {
            problems.Add(k.Of("pair"), $"{what} names itself as its pair; name the kpi that should not worsen while this one improves");
        }
        else if (!_kpis.ContainsKey(pair))
        {
            problems.Add(k.Of("pair"), $"{what} has pair '{pair}', which is not a kpi in the file");
        }
        else if (!s.Kpis.Any(x => x.Key == pair))
        {
            problems.Add(k.Of("pair"), $"{what} has pair '{pair}', which is a kpi of another scorecard; a pair must be in the same scorecard '{s.Key}'");
        }
    }

    private void Initiative(InitiativeDoc i)
    {
        var what = $"initiative '{i.Key}'";
        Person(i.Owner, i, "owner", what);
        foreach (var (key, at) in i.Objectives.Where(o => !_objectives.ContainsKey(o.Key)))
        {
            problems.Add(at, $"{what} names objective '{key}', which is not in the file");
        }

        foreach (var (key, at) in i.Kpis.Where(k => !_kpis.ContainsKey(k.Key)))
        {
            problems.Add(at, $"{what} names kpi '{key}', which is not in the file");
        }

        if (i.Start > i.End)
        {
            problems.Add(i.Of("end"), $"{what} ends before it starts");
        }

        foreach (var dup in i.Milestones.GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            problems.Add(dup.At, $"{what} has two milestones named '{dup.Name}'");
        }
    }

    private void Review(ReviewDoc? r, ReviewKind kind, string scorecard)
    {
        if (r is null)
        {
            return;
        }

        Fits(r, kind, scorecard);

        if (r.Due >= r.WindowOpens)
        {
            problems.Add(r.Of("due"), $"review: actuals are due {r.Due} business days before the meeting, which is not after the window opens ({r.WindowOpens} days before)");
        }

        foreach (var day in r.Reminders.Where(d => d >= r.WindowOpens - r.Due))
        {
            problems.Add(r.Of("reminders"), $"review: a reminder {day} business days after the window opens comes on or after the due date; use a day below {r.WindowOpens - r.Due}");
        }
    }

    /// <summary>
    /// The cycle's moments keep their order in each of the next reviews, with the organization's
    /// weekend and the file's holidays (<see cref="ReviewCycleFit"/>); the first review that does not
    /// fit is named, with the moment that does not.
    /// </summary>
    private void Fits(ReviewDoc r, ReviewKind kind, string scorecard)
    {
        if (_doc is null || r.WeekOfMonth is not (-1 or (>= 1 and <= 4)) || r.WindowOpens <= r.Due)
        {
            return;
        }

        var organization = new Organization
        {
            Name = _doc.Organization.Name,
            TimeZoneId = _doc.Organization.TimeZone,
            FiscalYearStartMonth = _doc.Organization.FiscalYearStartMonth is >= 1 and <= 12 ? _doc.Organization.FiscalYearStartMonth : 1,
            WeekendDays = [.. _doc.Organization.WeekendDays],
        };
        var cycle = new ReviewCycle
        {
            Kind = kind,
            WeekOfMonth = r.WeekOfMonth,
            DayOfWeek = r.Day,
            MeetingTime = r.MeetingTime,
            MeetingMinutes = r.MeetingMinutes,
            WindowOpensBusinessDaysBefore = r.WindowOpens,
            DueBusinessDaysBefore = r.Due,
            ReminderBusinessDays = [.. r.Reminders],
            EscalateBusinessDaysAfterDue = r.EscalateAfter,
            DigestBusinessDaysBefore = r.DigestBefore,
            SendTime = r.SendTime,
        };
        ReviewCalendar calendar;
        try
        {
            calendar = ReviewCalendar.For(organization, cycle, _doc.Holidays.Select(h => new Holiday { Date = h.Date, Name = h.Name }));
        }
        catch (Exception e) when (e is ArgumentException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return; // the organization's own problems are reported where they are
        }

        var month = calendar.Fiscal.MonthOf(DateTimeOffset.UtcNow);
        var count = kind == ReviewKind.Quarterly ? MonthsChecked / 3 : MonthsChecked;
        if (ReviewCycleFit.Check(calendar, month, count) is [var first, ..] misfits)
        {
            var more = misfits.Count > 1 ? $" ({misfits.Count - 1} more review(s) in the next {MonthsChecked} months do not fit either)" : "";
            problems.Add(r.At, $"{(kind == ReviewKind.Quarterly ? "quarterly_review" : "review")} of '{scorecard}' does not fit its month: {first.Message}{more} Hold the meeting later in the month, or open the window, set the due date and the digest closer to it.");
        }
    }
}
