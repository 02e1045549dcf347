using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>
/// The answer about one KPI: current value with unit, target, status colour, trend against the
/// period before and the same period last year, owner and the owner's latest comment, a link to
/// the chart, and the objective it serves.
/// </summary>
internal static class KpiAnswer
{
    public const string Kind = "kpi";

    /// <param name="missing">The sentence saying that the period being reported now has no value yet, whose it is and when it is due; null when it has one.</param>
    public static Message Build(OrganizationSnapshot snapshot, KpiReading r, IChartLinks charts, bool trendFocus, string? question = null, bool forecastFocus = false, string? missing = null)
    {
        var trends = snapshot.Locale.Trends;
        var culture = snapshot.Locale.Culture;
        var kpi = r.Kpi;
        var scorecard = snapshot.ScorecardOf(kpi);
        var objective = snapshot.ObjectiveOf(kpi);
        var period = ValueText.Period(r.Period, culture);
        var value = Readings.Format(snapshot, r.Value, kpi);
        var target = r.Target is null ? "not set" : Readings.Format(snapshot, r.Target.Value, kpi);
        var targetLines = r.Target is null ? "not set" : StatusLineText.Target(r.Target, kpi, snapshot.Locale.Formatter);
        var vsPrevious = trends.Comparison(r.VsPrevious, r.Scored);
        var vsLastYear = trends.Comparison(r.VsLastYear, r.Scored);
        // A value without a target has no colour: say why, rather than "no data" beside a number.
        var status = r.Target is null && r.Actual?.Value is not null ? "not scored (no target)" : ValueText.Status(r.Status);

        var facts = new List<Fact>
        {
            new("Value", r.Actual is null ? $"not reported for {period}"
                : r.Actual.PendingApproval ? $"{Readings.Format(snapshot, r.Actual.Value, kpi)} ({period}), pending approval"
                : r.Actual.Value is null ? $"no data ({r.Actual.NoDataReason})" : $"{value} ({period})"),
            new("Target", targetLines),
            new("Status", status),
            new("vs last period", vsPrevious),
            new("vs last year", vsLastYear),
            new("Trend", trends.Clause(r.Scored)),
            new("Owner", r.Owner?.Name ?? "no owner"),
        };
        if (objective is not null)
        {
            facts.Add(new Fact("Objective", $"{objective.Name} ({scorecard.Name})"));
        }

        // Its counterweights: named as a fact, and one sentence when they moved apart.
        var pairs = KpiPairs.CounterweightsOf(kpi, scorecard.Kpis).ToList();
        if (pairs.Count > 0)
        {
            facts.Add(new Fact("Pair", string.Join(", ", pairs.Select(p => p.Name))));
        }

        var apart = pairs
            .Where(p => p.Frequency == kpi.Frequency)
            .Select(p => KpiPairs.Diverging(r.Scored, KpiSnapshot.Compute(p, r.Period)))
            .OfType<PairDivergence>()
            .Select(trends.Pair)
            .ToList();

        var forecasts = Forecasts(snapshot, r);
        facts.AddRange(forecasts.Select(f => new Fact($"Forecast {f.Forecast.Period}", f.Text)));

        if (trendFocus)
        {
            var last = kpi.Actuals.Where(a => a.Period <= r.Period && a.Period.Kind == r.Period.Kind && a.HasValue)
                .OrderByDescending(a => a.Period).Take(6).Reverse()
                .Select(a => $"{ValueText.Period(a.Period, culture)} {Readings.Format(snapshot, a.Value, kpi)}");
            facts.Add(new Fact("Last 6", string.Join(" · ", last)));
        }

        var blocks = new List<Block> { new Heading(kpi.Name) };
        if (missing is not null)
        {
            blocks.Add(Paragraph.Of(missing, TextTone.Warning));
        }

        blocks.Add(new FactList(facts));
        blocks.AddRange(apart.Select(line => Paragraph.Of(line, TextTone.Warning)));
        string? commentLine = null;
        if (r.LatestComment is { } c)
        {
            // A comment a system sent through the API is the system's, not the owner's.
            var by = ActualStore.CommentAuthor(c, snapshot.FindPerson) ?? r.Owner?.Name ?? "owner";
            commentLine = $"{by} ({ValueText.Period(c.Period, culture)}): \"{c.Comment}\"";
            blocks.Add(new Paragraph([new Run(c.Comment!, Italic: true)]));
            blocks.Add(new Note($"— {by}, {ValueText.Period(c.Period, culture)}"));
        }

        var chart = charts.KpiChart(snapshot.Organization.Id, kpi.Id);
        blocks.Add(new Image($"Chart of {kpi.Name}", Url: chart));
        blocks.Add(new ActionBar([new MessageAction("open-chart", "Open chart") { Url = chart }]));

        // The comparisons follow in the summary; the lead says the trend and where it stands.
        var lead = forecastFocus ? ForecastLead(r, forecasts, question)
            : trendFocus
            ? TrendQuestion.Answer(TrendQuestion.Read(question), r.Scored.Trend) + trends.Headline(r.Scored) + (trends.Distance(r.Scored) is { } distance ? " " + distance : string.Empty) + " "
            : OnTrackLead(r, question);
        var valuePart = r.Actual is null
            ? $"{kpi.Name} ({scorecard.Name}) is not reported yet for {period}"
            : r.Actual.PendingApproval
                ? $"{kpi.Name} ({scorecard.Name}) has {Readings.Format(snapshot, r.Actual.Value, kpi)} for {period}, pending approval: it does not count yet"
            : r.Actual.Value is null
                ? $"{kpi.Name} ({scorecard.Name}) has no data for {period}: {r.Actual.NoDataReason}"
                : r.Target is null
                    ? $"{kpi.Name} ({scorecard.Name}) was {value} in {period}; no target is set, so it is not scored"
                    : $"{kpi.Name} ({scorecard.Name}) was {value} in {period} against a target of {target} — {status}";
        var summary = $"{lead}{valuePart}.{(missing is null ? string.Empty : " " + missing)} vs last period: {vsPrevious}; vs last year: {vsLastYear}. Owner: {r.Owner?.Name ?? "no owner"}." +
            string.Concat(apart.Select(line => " " + line)) +
            (commentLine is null ? string.Empty : $" Latest comment by {commentLine}.") +
            (objective is null ? string.Empty : $" Serves: {objective.Name}.");
        return new Message(blocks, summary) { Kind = Kind };
    }

    /// <summary>
    /// The KPI projected to the end of the running quarter and fiscal year, from its latest value;
    /// none for an earlier period than its latest value (that is history, not a forecast).
    /// </summary>
    private static List<(KpiForecast Forecast, string Text)> Forecasts(OrganizationSnapshot snapshot, KpiReading r)
    {
        var kpi = r.Kpi;
        if (kpi.Actuals.Any(a => a.Period > r.Period && a.Period.Kind == r.Period.Kind && a.HasValue && !a.PendingApproval))
        {
            return [];
        }

        var calendar = snapshot.Locale.Calendar;
        var through = r.Scored.Trend.Window?.To ?? r.Period;
        return [.. Forecast.PeriodsAhead(kpi, through, calendar)
            .Select(p => Forecast.For(kpi, p, through, calendar))
            .Select(f => (f, snapshot.Locale.Trends.Forecast(f, r.Scored, calendar.Label(f.Period, snapshot.Locale.Culture))))];
    }

    /// <summary>"Are we on track for retention", "is OTD behind target": yes or no by the KPI's status, which the sentence after it states.</summary>
    private static string OnTrackLead(KpiReading r, string? question) =>
        TrendQuestion.ReadOnTrack(question, out var redOnly) is { } onTrack ? TrendQuestion.OnTrackAnswer(onTrack, redOnly, r.Status) : string.Empty;

    /// <summary>"Will we hit the target": the year's forecast answers it, the quarter's follows.</summary>
    private static string ForecastLead(KpiReading r, List<(KpiForecast Forecast, string Text)> forecasts, string? question)
    {
        if (forecasts.Count == 0)
        {
            return $"{r.Kpi.Name} has values after {ValueText.Period(r.Period, System.Globalization.CultureInfo.InvariantCulture)}: ask without a period for a forecast. ";
        }

        var year = forecasts[^1].Forecast;
        var asked = question is not null && TrendQuestion.IsYesNo(question);
        var answer = !asked ? string.Empty : year.Verdict switch
        {
            ForecastVerdict.Likely => "Likely yes. ",
            ForecastVerdict.LikelyShort => "Likely not. ",
            ForecastVerdict.Uncertain => "Too close to call. ",
            _ => string.Empty,
        };
        return answer + string.Join(" ", forecasts.AsEnumerable().Reverse().Select(f => f.Text)) + " ";
    }
}
