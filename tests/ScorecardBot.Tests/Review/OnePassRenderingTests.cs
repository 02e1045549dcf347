using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Values;
using ScorecardBot.LocalChat;
using ScorecardBot.Slack.Rendering;
using ScorecardBot.Teams.Cards;

namespace ScorecardBot.Tests.Review;

/// <summary>
/// The digest, the agenda and the prompt card as a manager reads them in Teams, in Slack and in the
/// local chat: the same words in all three, since each renderer only translates the neutral message.
/// </summary>
public partial class OnePassRenderingTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly ValueFormatter Formatter = new(English, "USD");
    private static readonly FiscalCalendar Calendar = FiscalCalendar.Create(1, "Europe/Berlin");
    private static readonly Period Oct = Period.Month(2026, 10);

    public static TheoryData<string> Renderers => ["teams", "slack", "html"];

    [Theory]
    [MemberData(nameof(Renderers))]
    public void The_digest_agenda_and_prompt_read_the_same_in_every_channel(string renderer)
    {
        var (request, dana, nps) = Review();
        var digest = Read(renderer, new DigestBuilder(Formatter, culture: English).Build(request));
        var summary = Read(renderer, new ChannelDigest(Formatter, culture: English).Build(request, DigestLayout.SummaryAndThread).Select(p => p.Message));
        var agenda = Read(renderer, new AgendaBuilder(Formatter, English).Build(request));
        var prompt = Read(renderer, [new PromptBuilder(Calendar, Formatter, English).Prompt(dana, Oct, [new(nps, Oct)])]);

        // The score with its scale.
        Assert.Contains("Score 5.0 / 10 (amber)", summary, StringComparison.Ordinal);
        Assert.Contains("Score 5.0 / 10 (amber)", digest, StringComparison.Ordinal);
        Assert.Contains("Customer: 5.0 / 10 (amber)", summary, StringComparison.Ordinal);
        // A percentage moves in points; a count in its unit with the relative change.
        Assert.Contains("better than Sep 2026 (80.0 %): +16.0 pts", digest, StringComparison.Ordinal);
        Assert.Contains("worse than Sep 2026 (120): -30 (-25 %)", digest, StringComparison.Ordinal);
        Assert.DoesNotContain("20 %", digest, StringComparison.Ordinal);
        // One month style.
        Assert.Contains("Ops: digest for Oct 2026", digest, StringComparison.Ordinal);
        Assert.Contains("agenda for the Oct 2026 review", agenda, StringComparison.Ordinal);
        Assert.Contains("Your KPIs for Oct 2026", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("October", digest + agenda + prompt, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"20\d\d-\d\d\b", digest + agenda + prompt);
        // Missing actuals: one item for their owner.
        Assert.Contains("2. Dana Ortiz: 3 KPIs without an actual — NPS, Cargo claims, Empty miles · 2 min", agenda, StringComparison.Ordinal);
        // Where amber and red start.
        Assert.Contains("45 · amber below 42 · red below 38", prompt, StringComparison.Ordinal);
    }

    /// <summary>A small review: an on-time rate that rose 80 → 96 %, shipments that fell 120 → 90, three KPIs of Dana's without an October actual.</summary>
    private static (ReviewRequest Request, Person Dana, Kpi Nps) Review()
    {
        var scorecard = new Scorecard { Key = "ops", Name = "Ops" };
        var perspective = new Perspective { ScorecardId = scorecard.Id, Name = "Customer", Kind = PerspectiveKind.Customer };
        scorecard.Perspectives.Add(perspective);
        var objective = new Objective { ScorecardId = scorecard.Id, PerspectiveId = perspective.Id, Key = "serve", Name = "Serve" };
        scorecard.Objectives.Add(objective);
        var dana = new Person { Name = "Dana Ortiz", Email = "dana@example.com" };
        var lee = new Person { Name = "Lee Park", Email = "lee@example.com" };

        Kpi Add(string name, KpiFormat format, string? unit, int decimals, Person owner, decimal target, bool octoberMissing, params decimal[] values)
        {
            var kpi = new Kpi { ScorecardId = scorecard.Id, ObjectiveId = objective.Id, Key = name, Name = name, Format = format, Unit = unit, Decimals = decimals, OwnerId = owner.Id, Order = scorecard.Kpis.Count };
            var last = octoberMissing ? Oct.Previous : Oct;
            for (var i = 0; i < values.Length; i++)
            {
                kpi.Actuals.Add(new Actual { KpiId = kpi.Id, Period = last.AddPeriods(i - values.Length + 1), Value = values[i] });
            }

            kpi.Targets.Add(new Target { KpiId = kpi.Id, Period = Oct, Value = target, ThresholdStyle = ThresholdStyle.Absolute, Amber = target - 3, Red = target - 7 });
            scorecard.Kpis.Add(kpi);
            return kpi;
        }

        Add("On-time rate", KpiFormat.Percent, "%", 1, lee, 95, false, 80, 96);
        Add("Shipments", KpiFormat.Number, null, 0, lee, 130, false, 120, 90);
        var nps = Add("NPS", KpiFormat.Number, null, 0, dana, 45, true, 40, 41);
        Add("Cargo claims", KpiFormat.Number, null, 0, dana, 10, true, 12, 11);
        Add("Empty miles", KpiFormat.Number, null, 0, dana, 10, true, 9, 8);
        var request = new ReviewRequest
        {
            Scorecard = scorecard,
            Period = Oct,
            Calendar = Calendar,
            People = new Dictionary<Guid, Person> { [dana.Id] = dana, [lee.Id] = lee },
            Today = new DateOnly(2026, 11, 9),
            MentionOwners = false,
        };
        return (request, dana, nps);
    }

    /// <summary>What a person sees of the messages in one channel, markup removed and spaces collapsed.</summary>
    private static string Read(string renderer, IEnumerable<Message> messages) => string.Join("\n", messages.Select(m => renderer switch
    {
        // Teams: the card's texts and facts (not the data its buttons submit).
        "teams" => Markdown().Replace(Strings(JsonNode.Parse(AdaptiveCardRenderer.Render(m)), ["data"]), "$1").Replace("**", "", StringComparison.Ordinal),
        // Slack: the blocks' texts (not the values buttons and options carry).
        "slack" => WebUtility.HtmlDecode(Strings(BlockKitRenderer.Render(m), ["value", "action_id", "block_id"]).Replace("*", "", StringComparison.Ordinal)),
        _ => WebUtility.HtmlDecode(Tags().Replace(InlineTags().Replace(HtmlMessageRenderer.Render(m, "m1"), ""), " ")),
    }).Select(t => Spaces().Replace(t, " ")));

    /// <summary>Every string of a JSON payload, in order, but those under the skipped keys.</summary>
    private static string Strings(JsonNode? node, string[] skip) => node switch
    {
        JsonObject o => string.Join(" ", o.Where(p => !skip.Contains(p.Key) && p.Key is not ("type" or "id" or "url" or "msteams")).Select(p => Strings(p.Value, skip))),
        JsonArray a => string.Join(" ", a.Select(n => Strings(n, skip))),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => string.Empty,
    };

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex Markdown();

    [GeneratedRegex("</?(strong|em|b|i|span)( [^>]*)?>")]
    private static partial Regex InlineTags();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
