using System.Globalization;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Rhythm;

namespace ScorecardBot.Data.AsCode;

/// <summary>
/// Reads the YAML file into a <see cref="ScorecardDocument"/>, checking shapes and types. The
/// cross-references (emails, keys, periods against frequencies) are checked afterwards by
/// <see cref="ScorecardDocumentValidator"/> so that both kinds of problems are reported together.
/// </summary>
internal sealed partial class ScorecardDocumentReader(ProblemList problems)
{
    public static ScorecardDocument? Read(string text, ProblemList problems)
    {
        var root = YamlTree.Load(text, problems);
        if (root is null)
        {
            if (!problems.Any)
            {
                problems.Add(new SourcePosition(1, 1), "the file is empty; it needs at least 'organization' and 'scorecards'");
            }

            return null;
        }

        return new ScorecardDocumentReader(problems).Document(root);
    }

    private ScorecardDocument? Document(YamlValue root)
    {
        var doc = new ScorecardDocument();
        var top = new TopLevel();
        var f = YamlFields.Open(root, "the file", top, problems, "version", "organization", "people", "holidays", "scorecards");
        if (f is null)
        {
            return null;
        }

        var version = f.Integer("version", 1, ScorecardDocument.CurrentVersion);
        doc.Version = version ?? ScorecardDocument.CurrentVersion;
        if (f.Node("organization") is { } org)
        {
            doc.Organization = Organization(org);
        }
        else
        {
            problems.Add(f.At, "the file is missing 'organization'");
        }

        doc.People.AddRange(f.List("people").Select(Person));
        doc.Holidays.AddRange(f.List("holidays").Select(Holiday));
        var scorecards = f.List("scorecards");
        if (scorecards.Count == 0)
        {
            problems.Add(top.Of("scorecards"), "the file has no 'scorecards'; add at least one");
        }

        doc.Scorecards.AddRange(scorecards.Select(Scorecard));
        return doc;
    }

    private OrganizationDoc Organization(YamlValue node)
    {
        var o = new OrganizationDoc();
        var f = YamlFields.Open(node, "organization", o, problems,
            "name", "time_zone", "fiscal_year_start", "locale", "currency", "teams_tenant", "slack_team", "mention_owners",
            "weekend", "away_from_slack_status");
        if (f is null)
        {
            return o;
        }

        o.Name = f.Text("name", required: true) ?? "";
        o.TimeZone = f.Text("time_zone") ?? o.TimeZone;
        if (f.Text("fiscal_year_start") is { } start)
        {
            if (AsCodeTokens.TryParseMonth(start, out var month))
            {
                o.FiscalYearStartMonth = month;
            }
            else
            {
                problems.Add(o.Of("fiscal_year_start"), $"organization: 'fiscal_year_start' should be a month like April or 4, not '{start}'");
            }
        }

        o.Locale = f.Text("locale") ?? o.Locale;
        o.Currency = f.Text("currency") ?? o.Currency;
        o.TeamsTenant = f.Text("teams_tenant");
        o.SlackTeam = f.Text("slack_team");
        o.MentionOwners = f.Flag("mention_owners") ?? true;
        if (f.Text("weekend") is { } weekend)
        {
            if (Core.Periods.BusinessCalendar.ReadWeekend(weekend, out var error) is { } days)
            {
                o.WeekendDays = [.. days];
            }
            else
            {
                problems.Add(o.Of("weekend"), $"organization: 'weekend' {error}");
            }
        }

        o.AwayFromSlackStatus = f.Flag("away_from_slack_status") ?? false;
        return o;
    }

    private PersonDoc Person(YamlValue node)
    {
        var p = new PersonDoc();
        var f = YamlFields.Open(node, "person", p, problems, "name", "email", "role", "time_zone");
        if (f is null)
        {
            return p;
        }

        p.Email = (f.Text("email", required: true) ?? "").ToLowerInvariant();
        f.What = p.Email.Length > 0 ? $"person '{p.Email}'" : "person";
        p.Name = f.Text("name", required: true) ?? "";
        p.Role = f.Choice<Role>("role") ?? Role.Viewer;
        p.TimeZone = f.Text("time_zone");
        return p;
    }

    private HolidayDoc Holiday(YamlValue node)
    {
        var h = new HolidayDoc();
        var f = YamlFields.Open(node, "holiday", h, problems, "date", "name");
        if (f is null)
        {
            return h;
        }

        h.Date = f.Date("date", required: true) ?? default;
        h.Name = f.Text("name", required: true) ?? "";
        return h;
    }

    private ScorecardDoc Scorecard(YamlValue node)
    {
        var s = new ScorecardDoc();
        var f = YamlFields.Open(node, "scorecard", s, problems,
            "key", "name", "description", "parent", "supports", "weight", "manager", "requires_approval", "lock_after_review",
            "channels", "perspectives", "objectives", "links", "kpis", "initiatives", "review", "quarterly_review");
        if (f is null)
        {
            return s;
        }

        s.Key = f.Text("key", required: true) ?? "";
        f.What = s.Key.Length > 0 ? $"scorecard '{s.Key}'" : "scorecard";
        s.Name = f.Text("name", required: true) ?? "";
        s.Description = f.Text("description");
        s.Parent = f.Text("parent");
        s.Supports = f.Text("supports");
        s.Weight = f.Number("weight", min: 0m) ?? 1m;
        s.Manager = f.Text("manager")?.ToLowerInvariant();
        s.RequiresApproval = f.Flag("requires_approval") ?? false;
        s.LockAfterReview = f.Flag("lock_after_review") ?? false;
        s.Channels.AddRange(f.List("channels").Select(n => Channel(n, s.Key)));
        if (f.Has("perspectives"))
        {
            s.Perspectives = [.. f.List("perspectives").Select(n => PerspectiveOf(n, s.Key))];
        }

        s.Objectives.AddRange(f.List("objectives").Select(Objective));
        s.Links.AddRange(f.List("links").Select(n => Link(n, s.Key)));
        s.Kpis.AddRange(f.List("kpis").Select(Kpi));
        s.Initiatives.AddRange(f.List("initiatives").Select(Initiative));
        if (f.Node("review") is { } review)
        {
            s.Review = Review(review, $"review of scorecard '{s.Key}'");
        }

        if (f.Node("quarterly_review") is { } quarterly)
        {
            s.QuarterlyReview = Review(quarterly, $"quarterly review of scorecard '{s.Key}'");
        }

        return s;
    }

    private ChannelDoc Channel(YamlValue node, string scorecard)
    {
        var c = new ChannelDoc();
        var f = YamlFields.Open(node, $"channel of scorecard '{scorecard}'", c, problems, "platform", "conversation", "service_url", "name");
        if (f is null)
        {
            return c;
        }

        c.Platform = f.Choice<Platform>("platform", required: true) ?? Platform.Local;
        c.Conversation = f.Text("conversation", required: true) ?? "";
        c.ServiceUrl = f.Text("service_url");
        c.Name = f.Text("name");
        return c;
    }

    private PerspectiveDoc PerspectiveOf(YamlValue node, string scorecard)
    {
        var p = new PerspectiveDoc();
        var f = YamlFields.Open(node, $"perspective of scorecard '{scorecard}'", p, problems, "kind", "name", "weight");
        if (f is null)
        {
            return p;
        }

        p.Kind = f.Choice<PerspectiveKind>("kind", required: true) ?? PerspectiveKind.Custom;
        p.Name = f.Text("name") ?? Core.Model.Perspective.Defaults.FirstOrDefault(d => d.Kind == p.Kind).Name ?? "";
        if (p.Name.Length == 0)
        {
            problems.Add(f.At, $"a custom perspective of scorecard '{scorecard}' needs a 'name'");
        }

        p.Weight = f.Number("weight", min: 0m) ?? 1m;
        return p;
    }

    private ObjectiveDoc Objective(YamlValue node)
    {
        var o = new ObjectiveDoc();
        var f = YamlFields.Open(node, "objective", o, problems, "key", "name", "description", "perspective", "owner", "parent", "weight");
        if (f is null)
        {
            return o;
        }

        o.Key = f.Text("key", required: true) ?? "";
        f.What = o.Key.Length > 0 ? $"objective '{o.Key}'" : "objective";
        o.Name = f.Text("name", required: true) ?? "";
        o.Description = f.Text("description");
        o.Perspective = f.Text("perspective", required: true) ?? "";
        o.Owner = f.Text("owner")?.ToLowerInvariant();
        o.Parent = f.Text("parent");
        o.Weight = f.Number("weight", min: 0m) ?? 1m;
        return o;
    }

    private LinkDoc Link(YamlValue node, string scorecard)
    {
        var l = new LinkDoc();
        var f = YamlFields.Open(node, $"link of scorecard '{scorecard}'", l, problems, "cause", "effect", "rationale");
        if (f is null)
        {
            return l;
        }

        l.Cause = f.Text("cause", required: true) ?? "";
        l.Effect = f.Text("effect", required: true) ?? "";
        l.Rationale = f.Text("rationale");
        return l;
    }

    private InitiativeDoc Initiative(YamlValue node)
    {
        var i = new InitiativeDoc();
        var f = YamlFields.Open(node, "initiative", i, problems,
            "key", "name", "description", "owner", "status", "start", "end", "budget", "spent", "decision_needed",
            "objectives", "kpis", "milestones");
        if (f is null)
        {
            return i;
        }

        i.Key = f.Text("key", required: true) ?? "";
        f.What = i.Key.Length > 0 ? $"initiative '{i.Key}'" : "initiative";
        i.Name = f.Text("name", required: true) ?? "";
        i.Description = f.Text("description");
        i.Owner = f.Text("owner")?.ToLowerInvariant();
        i.Status = f.Choice<InitiativeStatus>("status") ?? InitiativeStatus.NotStarted;
        i.Start = f.Date("start");
        i.End = f.Date("end");
        i.Budget = f.Number("budget", min: 0m);
        i.Spent = f.Number("spent", min: 0m);
        i.DecisionNeeded = f.Text("decision_needed");
        i.Objectives.AddRange(f.Words("objectives"));
        i.Kpis.AddRange(f.Words("kpis"));
        foreach (var m in f.List("milestones"))
        {
            var milestone = new MilestoneDoc();
            var mf = YamlFields.Open(m, $"milestone of {f.What}", milestone, problems, "name", "due", "done");
            if (mf is not null)
            {
                milestone.Name = mf.Text("name", required: true) ?? "";
                milestone.Due = mf.Date("due", required: true) ?? default;
                milestone.Done = mf.Date("done");
                i.Milestones.Add(milestone);
            }
        }

        return i;
    }

    private ReviewDoc Review(YamlValue node, string what)
    {
        var r = new ReviewDoc();
        var f = YamlFields.Open(node, what, r, problems,
            "meeting", "minutes", "window_opens", "due", "reminders", "escalate_after", "digest_before", "pre_read", "send_time");
        if (f is null)
        {
            return r;
        }

        if (f.Text("meeting", required: true) is { } meeting)
        {
            if (AsCodeTokens.TryParseMeeting(meeting, out var week, out var day, out var time))
            {
                (r.WeekOfMonth, r.Day, r.MeetingTime) = (week, day, time);
            }
            else
            {
                problems.Add(r.Of("meeting"), $"{what}: 'meeting' should read like \"2nd Tuesday 10:00\" or \"last Friday 14:30\", not '{meeting}'");
            }
        }

        // The same bounds as the cycle command's (one table): a cycle either accepts, the other does too.
        r.MeetingMinutes = f.Integer(ReviewCycleBounds.Minutes) ?? r.MeetingMinutes;
        r.WindowOpens = f.Integer(ReviewCycleBounds.WindowOpens) ?? r.WindowOpens;
        r.Due = f.Integer(ReviewCycleBounds.Due) ?? r.Due;
        r.EscalateAfter = f.Integer(ReviewCycleBounds.EscalateAfter) ?? r.EscalateAfter;
        r.DigestBefore = f.Integer(ReviewCycleBounds.DigestBefore) ?? r.DigestBefore;
        r.PreRead = f.Integer(ReviewCycleBounds.PreRead) ?? r.PreRead;
        if (f.Has("reminders"))
        {
            r.Reminders.Clear();
            foreach (var (value, at) in f.Words("reminders"))
            {
                if (ReviewCycleBounds.Reminder.Read(value) is { } day)
                {
                    r.Reminders.Add(day);
                }
                else
                {
                    problems.Add(at, $"{what}: {ReviewCycleBounds.Reminder.Problem(value)}");
                }
            }
        }

        if (f.Text("send_time") is { } send)
        {
            if (TimeOnly.TryParseExact(send, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var sendTime))
            {
                r.SendTime = sendTime;
            }
            else
            {
                problems.Add(r.Of("send_time"), $"{what}: 'send_time' should be a time like 09:00, not '{send}'");
            }
        }

        return r;
    }

    private sealed class TopLevel : Located;
}
