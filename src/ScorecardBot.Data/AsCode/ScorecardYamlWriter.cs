using System.Globalization;
using ScorecardBot.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ScorecardBot.Data.AsCode;

/// <summary>
/// Writes a <see cref="ScorecardDocument"/> as YAML in one canonical layout: fields in a fixed
/// order, defaults left out, small things (perspectives, targets, links) on one line each.
/// The same document always gives the same text, which is what makes export diffable.
/// </summary>
internal sealed class ScorecardYamlWriter
{
    private readonly Emitter _emitter;

    private ScorecardYamlWriter(TextWriter writer) =>
        _emitter = new Emitter(writer, new EmitterSettings().WithBestWidth(int.MaxValue).WithIndentedSequences());

    public static string Write(ScorecardDocument doc)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var w = new ScorecardYamlWriter(text);
        w._emitter.Emit(new StreamStart());
        w._emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        w.Document(doc);
        w._emitter.Emit(new DocumentEnd(isImplicit: true));
        w._emitter.Emit(new StreamEnd());
        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private void Document(ScorecardDocument doc)
    {
        Begin();
        Number("version", doc.Version);
        Key("organization");
        Organization(doc.Organization);
        Items("people", doc.People, p =>
        {
            Begin();
            Text("name", p.Name);
            Text("email", p.Email);
            Text("role", AsCodeTokens.Token(p.Role));
            Text("time_zone", p.TimeZone);
            End();
        });
        Items("holidays", doc.Holidays, h =>
        {
            Begin(flow: true);
            Text("date", AsCodeTokens.FormatDate(h.Date));
            Text("name", h.Name);
            End();
        });
        Items("scorecards", doc.Scorecards, Scorecard);
        End();
    }

    private void Organization(OrganizationDoc o)
    {
        Begin();
        Text("name", o.Name);
        Text("time_zone", o.TimeZone);
        Text("fiscal_year_start", AsCodeTokens.MonthName(o.FiscalYearStartMonth));
        Text("locale", o.Locale);
        Text("currency", o.Currency);
        Text("teams_tenant", o.TeamsTenant);
        Text("slack_team", o.SlackTeam);
        if (!o.MentionOwners)
        {
            Key("mention_owners");
            Plain("false");
        }

        if (!o.WeekendDays.Order().SequenceEqual([DayOfWeek.Sunday, DayOfWeek.Saturday]))
        {
            Text("weekend", Core.Periods.BusinessCalendar.FormatWeekend(o.WeekendDays));
        }

        Flag("away_from_slack_status", o.AwayFromSlackStatus);
        End();
    }

    private void Scorecard(ScorecardDoc s)
    {
        Begin();
        Text("key", s.Key);
        Text("name", s.Name);
        Text("description", s.Description);
        Text("parent", s.Parent);
        Text("supports", s.Supports);
        Weight(s.Weight);
        Text("manager", s.Manager);
        Flag("requires_approval", s.RequiresApproval);
        Flag("lock_after_review", s.LockAfterReview);
        Items("channels", s.Channels, c =>
        {
            Begin(flow: true);
            Text("platform", AsCodeTokens.Token(c.Platform));
            Text("conversation", c.Conversation);
            Text("service_url", c.ServiceUrl);
            Text("name", c.Name);
            End();
        });
        Items("perspectives", s.Perspectives ?? [], p =>
        {
            Begin(flow: true);
            Text("kind", AsCodeTokens.Token(p.Kind));
            Text("name", p.Name);
            Weight(p.Weight);
            End();
        });
        Items("objectives", s.Objectives, o =>
        {
            Begin();
            Text("key", o.Key);
            Text("name", o.Name);
            Text("description", o.Description);
            Text("perspective", o.Perspective);
            Text("owner", o.Owner);
            Text("parent", o.Parent);
            Weight(o.Weight);
            End();
        });
        Items("links", s.Links, l =>
        {
            Begin(flow: true);
            Text("cause", l.Cause);
            Text("effect", l.Effect);
            Text("rationale", l.Rationale);
            End();
        });
        Items("kpis", s.Kpis, Kpi);
        Items("initiatives", s.Initiatives, Initiative);
        if (s.Review is not null)
        {
            Key("review");
            Review(s.Review);
        }

        if (s.QuarterlyReview is not null)
        {
            Key("quarterly_review");
            Review(s.QuarterlyReview);
        }

        End();
    }

    private void Kpi(KpiDoc k)
    {
        Begin();
        Text("key", k.Key);
        Text("name", k.Name);
        Text("objective", k.Objective);
        if (k.Aliases.Count > 0)
        {
            Key("aliases");
            _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Flow));
            k.Aliases.ForEach(Scalar);
            _emitter.Emit(new SequenceEnd());
        }

        Text("description", k.Description);
        Text("unit", k.Unit);
        if (k.Format != KpiFormat.Number)
        {
            Text("format", AsCodeTokens.Token(k.Format));
        }

        if (k.Decimals != 1)
        {
            Number("decimals", k.Decimals);
        }

        Text("formula", k.Formula);
        Text("data_source", k.DataSource);
        Text("direction", AsCodeTokens.Token(k.Direction));
        Text("indicator", AsCodeTokens.Token(k.Indicator));
        if (k.Frequency != Frequency.Monthly)
        {
            Text("frequency", AsCodeTokens.Token(k.Frequency));
        }

        if (k.Aggregation is { } aggregation)
        {
            Text("aggregation", AsCodeTokens.Token(aggregation));
        }

        if (k.Baseline is { } baseline)
        {
            Number("baseline", baseline);
        }

        Text("owner", k.Owner);
        Text("delegate", k.Delegate);
        Weight(k.Weight);
        Flag("fed_by_api", k.FedByApi);
        Text("pair", k.Pair);
        Flag("retired", k.Retired);
        if (k.Targets.Count > 0)
        {
            Key("targets");
            Begin();
            foreach (var t in k.Targets)
            {
                Target(t);
            }

            End();
        }

        End();
    }

    private void Target(TargetDoc t)
    {
        Key(t.Period.ToString());
        var isBand = t.BandLow is not null;
        if (!isBand && t.Amber is null && t.Red is null && t.Style is null or ThresholdStyle.PercentOfTarget)
        {
            Plain(AsCodeTokens.FormatNumber(t.EffectiveValue));
            return;
        }

        Begin(flow: true);
        if (isBand)
        {
            Key("band");
            _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Flow));
            Plain(AsCodeTokens.FormatNumber(t.BandLow!.Value));
            Plain(AsCodeTokens.FormatNumber(t.BandHigh!.Value));
            _emitter.Emit(new SequenceEnd());
            if (t.Value is { } v && v != (t.BandLow + t.BandHigh) / 2m)
            {
                Number("value", v);
            }
        }
        else
        {
            Number("value", t.EffectiveValue);
        }

        if (t.Amber is { } amber)
        {
            Number("amber", amber);
        }

        if (t.Red is { } red)
        {
            Number("red", red);
        }

        if (t.Style is { } style && style != TargetDoc.DefaultStyle(t.Amber, t.Red))
        {
            Text("style", AsCodeTokens.Token(style));
        }

        End();
    }

    private void Initiative(InitiativeDoc i)
    {
        Begin();
        Text("key", i.Key);
        Text("name", i.Name);
        Text("description", i.Description);
        Text("owner", i.Owner);
        Text("status", AsCodeTokens.Token(i.Status));
        Text("start", i.Start is { } s ? AsCodeTokens.FormatDate(s) : null);
        Text("end", i.End is { } e ? AsCodeTokens.FormatDate(e) : null);
        if (i.Budget is { } budget)
        {
            Number("budget", budget);
        }

        if (i.Spent is { } spent)
        {
            Number("spent", spent);
        }

        Text("decision_needed", i.DecisionNeeded);
        Words("objectives", i.Objectives.Select(o => o.Key));
        Words("kpis", i.Kpis.Select(k => k.Key));
        Items("milestones", i.Milestones, m =>
        {
            Begin(flow: true);
            Text("name", m.Name);
            Text("due", AsCodeTokens.FormatDate(m.Due));
            Text("done", m.Done is { } d ? AsCodeTokens.FormatDate(d) : null);
            End();
        });
        End();
    }

    private void Review(ReviewDoc r)
    {
        Begin();
        Text("meeting", AsCodeTokens.FormatMeeting(r.WeekOfMonth, r.Day, r.MeetingTime));
        Number("minutes", r.MeetingMinutes);
        Number("window_opens", r.WindowOpens);
        Number("due", r.Due);
        Key("reminders");
        _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Flow));
        r.Reminders.ForEach(d => Plain(d.ToString(CultureInfo.InvariantCulture)));
        _emitter.Emit(new SequenceEnd());
        Number("escalate_after", r.EscalateAfter);
        Number("digest_before", r.DigestBefore);
        if (r.PreRead != new ReviewDoc().PreRead)
        {
            Number("pre_read", r.PreRead);
        }

        Text("send_time", AsCodeTokens.FormatTime(r.SendTime));
        End();
    }

    private void Begin(bool flow = false) =>
        _emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, flow ? MappingStyle.Flow : MappingStyle.Block));

    private void End() => _emitter.Emit(new MappingEnd());

    private void Key(string key) => Plain(key);

    private void Text(string key, string? value)
    {
        if (value is not null)
        {
            Key(key);
            Scalar(value);
        }
    }

    private void Number(string key, decimal value)
    {
        Key(key);
        Plain(AsCodeTokens.FormatNumber(value));
    }

    private void Weight(decimal weight)
    {
        if (weight != 1m)
        {
            Number("weight", weight);
        }
    }

    private void Flag(string key, bool value)
    {
        if (value)
        {
            Key(key);
            Plain("true");
        }
    }

    private void Words(string key, IEnumerable<string> words)
    {
        var list = words.ToList();
        if (list.Count > 0)
        {
            Key(key);
            _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Flow));
            list.ForEach(Scalar);
            _emitter.Emit(new SequenceEnd());
        }
    }

    private void Items<T>(string key, IReadOnlyCollection<T> items, Action<T> write)
    {
        if (items.Count == 0)
        {
            return;
        }

        Key(key);
        _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Block));
        foreach (var item in items)
        {
            write(item);
        }

        _emitter.Emit(new SequenceEnd());
    }

    private void Plain(string value) =>
        _emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: true));

    /// <summary>Text that a reader could take for null, a flag, a number or (YAML 1.1) a sexagesimal time is quoted.</summary>
    private void Scalar(string value)
    {
        var ambiguous = value.Length == 0 || value is "~" or "null" or "Null" or "NULL" or "true" or "false" or "yes" or "no" ||
            decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ||
            TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
        _emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, ambiguous ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, isPlainImplicit: true, isQuotedImplicit: true));
    }
}
