using ScorecardBot.Core.Conversation.InMemory;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Benchmarks.Conversation;

/// <summary>
/// An organization with 100 scorecards of 100 KPIs each (10,000 KPIs): every site or business
/// line measures the same hundred things, so names repeat their words across thousands of KPIs —
/// the hard case for matching. Each KPI has two years of actuals and targets; every scorecard holds
/// its monthly review on the 2nd Tuesday, so on 10 November October is still being collected, and
/// one KPI in fifty has not reported it yet. A fifth of the KPIs count things (summed over a range).
/// </summary>
internal static class LargeOrganization
{
    public static readonly DateTimeOffset Now = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    public static readonly string[] Sites =
    [
        "Berlin", "Munich", "Hamburg", "Cologne", "Frankfurt", "Stuttgart", "Dresden", "Leipzig", "Hanover", "Nuremberg",
        "Vienna", "Graz", "Zurich", "Basel", "Geneva", "Lyon", "Paris", "Lille", "Marseille", "Toulouse",
        "Madrid", "Barcelona", "Valencia", "Seville", "Lisbon", "Porto", "Milan", "Turin", "Rome", "Naples",
        "Warsaw", "Krakow", "Gdansk", "Poznan", "Prague", "Brno", "Budapest", "Bratislava", "Ljubljana", "Zagreb",
        "Vienna Airport", "Rotterdam", "Amsterdam", "Utrecht", "Antwerp", "Brussels", "Ghent", "Luxembourg", "Copenhagen", "Aarhus",
        "Stockholm", "Gothenburg", "Malmo", "Oslo", "Bergen", "Helsinki", "Tampere", "Tallinn", "Riga", "Vilnius",
        "Dublin", "Cork", "London", "Leeds", "Manchester", "Glasgow", "Edinburgh", "Cardiff", "Bristol", "Birmingham",
        "Athens", "Thessaloniki", "Sofia", "Bucharest", "Cluj", "Belgrade", "Skopje", "Tirana", "Istanbul", "Izmir",
        "Spare parts", "Aftermarket", "Gearboxes", "Drive units", "Motors", "Service", "Online shop", "Key accounts", "Distributors", "Exports",
        "North region", "South region", "East region", "West region", "Central region", "Plant 1", "Plant 2", "Plant 3", "Plant 4", "Plant 5",
    ];

    public static readonly string[] Measures =
    [
        "On-time delivery", "On-time in full", "Customer retention", "Net Promoter Score", "Customer satisfaction", "Customer complaints", "Customer churn", "Order accuracy", "Order lead time", "Backorder rate",
        "Revenue growth", "Gross margin", "Operating margin", "EBIT", "Cost per unit", "Cost per mile", "Revenue per employee", "Working capital", "Days sales outstanding", "Inventory turns",
        "Scrap rate", "First pass yield", "Overall equipment effectiveness", "Unplanned downtime", "Mean time between failures", "Mean time to repair", "Changeover time", "Cycle time", "Throughput", "Capacity utilization",
        "Energy per unit", "Water use", "CO2 emissions", "Waste to landfill", "Recycling rate", "Fuel efficiency", "Empty miles", "Fleet utilization", "Dock-to-stock time", "Pick accuracy",
        "Lost time injury rate", "Safety incidents", "Near misses reported", "Safety training completion", "Employee engagement", "Employee turnover", "Absenteeism", "Training hours per employee", "Time to hire", "Open positions",
        "Supplier on-time delivery", "Supplier defect rate", "Purchase price variance", "Spend under contract", "Supplier lead time", "Quote win rate", "Pipeline coverage", "Sales per rep", "Average order value", "New customers",
        "Warranty claims", "Returns rate", "Customer defect rate", "Audit findings", "Corrective actions closed", "Right first time", "Rework hours", "Engineering change lead time", "Product launches on time", "R&D spend",
        "Website conversion", "Web orders share", "Service level", "Call answer time", "First contact resolution", "Ticket backlog", "Field service first-time fix", "Spare parts availability", "Service revenue", "Contract renewals",
        "Forecast accuracy", "Schedule adherence", "Plan attainment", "Stock accuracy", "Obsolete stock", "Slow-moving stock", "Freight cost per shipment", "Damaged shipments", "Carrier on-time pickup", "Truck turnaround time",
        "Idea submissions", "Kaizen events", "5S audit score", "Digital maturity", "System uptime", "Cyber incidents", "Data quality score", "Automation rate", "Paperless processes", "Overtime hours",
    ];

    public static (InMemoryScorecardStore Store, Organization Organization, Person Viewer) Build()
    {
        var organization = new Organization { Name = "Big Group", TimeZoneId = "Europe/Berlin", CreatedAt = Now.AddYears(-3) };
        var viewer = new Person { Name = "Vera Viewer", Email = "vera@big.example", Role = Role.Viewer, OrganizationId = organization.Id };
        var owner = new Person { Name = "Otto Owner", Email = "otto@big.example", Role = Role.Owner, OrganizationId = organization.Id };
        var last = Period.Month(2026, 10);
        var scorecards = new List<Scorecard>();
        var random = new Random(7);
        foreach (var site in Sites)
        {
            var scorecard = new Scorecard { OrganizationId = organization.Id, Key = Key(site), Name = site };
            scorecard.ReviewCycles.Add(new ReviewCycle { ScorecardId = scorecard.Id });
            var perspectives = Perspective.Defaults.Select((p, i) => new Perspective { ScorecardId = scorecard.Id, Name = p.Name, Kind = p.Kind, Order = i }).ToList();
            scorecard.Perspectives.AddRange(perspectives);
            for (var m = 0; m < Measures.Length; m++)
            {
                if (m % 10 == 0)
                {
                    scorecard.Objectives.Add(new Objective { ScorecardId = scorecard.Id, PerspectiveId = perspectives[m / 25].Id, Key = $"objective-{m / 10}", Name = $"Improve {Measures[m].ToLowerInvariant()} and related", Order = m });
                }

                var kpi = new Kpi
                {
                    OrganizationId = organization.Id,
                    ScorecardId = scorecard.Id,
                    ObjectiveId = scorecard.Objectives[^1].Id,
                    Key = $"{Key(site)}-{Key(Measures[m])}",
                    Name = $"{site} {Measures[m]}",
                    OwnerId = owner.Id,
                    Unit = m % 5 == 0 ? "orders" : "%",
                    Format = m % 5 == 0 ? KpiFormat.Number : KpiFormat.Percent,
                    Order = m,
                };
                var late = random.Next(50) == 0;
                for (var p = last.AddPeriods(-23); p <= last; p = p.Next)
                {
                    if (late && p == last)
                    {
                        continue;
                    }

                    kpi.Targets.Add(new Target { OrganizationId = organization.Id, KpiId = kpi.Id, Period = p, Value = 90 });
                    kpi.Actuals.Add(new Actual { OrganizationId = organization.Id, KpiId = kpi.Id, Period = p, Value = 80 + random.Next(0, 20), SubmittedById = owner.Id, Comment = p == last ? "on plan" : null });
                }

                scorecard.Kpis.Add(kpi);
            }

            scorecards.Add(scorecard);
        }

        var store = new InMemoryScorecardStore();
        store.Add(organization, scorecards, [viewer, owner]);
        return (store, organization, viewer);
    }

    /// <summary>Questions as people type them: full names, word order changed, abbreviations, typos.</summary>
    public static string[] Questions(int count)
    {
        var random = new Random(11);
        var questions = new string[count];
        string[] forms =
        [
            "how is {0} doing", "hows {0}", "{0}?", "who owns {0}", "is {0} improving", "what was {0} last month", "{0} in September",
            "{0} in Q3", "{0} ytd", "{0} this quarter vs last", "{0} since last year", "are we on track for {0}", "is {0} getting worse",
            "{0} last 3 months",
        ];
        for (var i = 0; i < count; i++)
        {
            var site = Sites[random.Next(Sites.Length)];
            var measure = Measures[random.Next(Measures.Length)];
            var name = (i % 4) switch
            {
                0 => $"{site} {measure}",
                1 => $"{measure.ToLowerInvariant()} {site.ToLowerInvariant()}",
                2 => $"{site} {Initials(measure)}",
                _ => Typo($"{site} {measure}".ToLowerInvariant(), random),
            };
            questions[i] = string.Format(System.Globalization.CultureInfo.InvariantCulture, forms[i % forms.Length], name);
        }

        return questions;
    }

    private static string Initials(string name) =>
        string.Concat(name.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0])));

    private static string Typo(string text, Random random)
    {
        var words = text.Split(' ');
        var longest = Array.IndexOf(words, words.OrderByDescending(w => w.Length).First());
        var w0 = words[longest];
        var at = random.Next(1, w0.Length - 1);
        words[longest] = w0.Remove(at, 1); // a dropped letter
        return string.Join(' ', words);
    }

    private static string Key(string name) => string.Join('-', name.ToLowerInvariant().Split([' ', '&'], StringSplitOptions.RemoveEmptyEntries));
}
