using ScorecardBot.Core.Conversation.InMemory;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>
/// The two sample scorecards (manufacturing and logistics) of one organization, with people,
/// owners, targets and two years of actuals up to October 2026; "now" is 10 November 2026.
/// October is still open for Net Promoter Score and Empty miles; On-time delivery and Scrap
/// rate are red in October.
/// </summary>
internal sealed class SampleOrganization
{
    public static readonly DateTimeOffset Now = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
    public static readonly Period LastMonth = Period.Month(2026, 10);
    public const string LogisticsChannel = "C0LOGISTICS";

    public Organization Organization { get; } = new() { Name = "Acme Group", TimeZoneId = "Europe/Berlin", Locale = "en-US", CreatedAt = Now.AddYears(-2) };
    public List<Person> People { get; } = [];
    public Scorecard Manufacturing { get; }
    public Scorecard Logistics { get; }
    public InMemoryScorecardStore Store { get; } = new();

    public Person Ana => PersonNamed("Ana Costa");
    public Person Luis => PersonNamed("Luis Ortega");
    public Person Priya => PersonNamed("Priya Shah");
    public Person Ben => PersonNamed("Ben Okafor");
    public Person Chen => PersonNamed("Chen Wei");
    public Person Eva => PersonNamed("Eva Lind");
    public Person Farid => PersonNamed("Farid Haddad");
    public Person Grace => PersonNamed("Grace Kim");
    public Person Victor => PersonNamed("Victor Stone");

    public SampleOrganization()
    {
        AddPerson("Ana Costa", Role.ScorecardManager, "U0ANA");
        AddPerson("Luis Ortega", Role.ScorecardManager, "U0LUIS");
        AddPerson("Priya Shah", Role.Admin, "U0PRIYA");
        AddPerson("Ben Okafor", Role.Owner, "U0BEN");
        AddPerson("Chen Wei", Role.Owner, "U0CHEN");
        AddPerson("Dana Fischer", Role.Owner, "U0DANA");
        AddPerson("Eva Lind", Role.Owner, "U0EVA");
        AddPerson("Farid Haddad", Role.Owner, "U0FARID");
        AddPerson("Grace Kim", Role.Owner, "U0GRACE");
        AddPerson("Victor Stone", Role.Viewer, "U0VICTOR");

        Manufacturing = new Scorecard { Key = "manufacturing", Name = "Manufacturing", ManagerId = Ana.Id };
        Build(Manufacturing,
        [
            ("Financial", "grow-revenue", "Grow profitable revenue",
            [
                K("revenue-growth", "Revenue growth", "%", KpiFormat.Percent, Direction.HigherIsBetter, 6, "Dana Fischer", ["sales growth"]),
                K("gross-margin", "Gross margin", "%", KpiFormat.Percent, Direction.HigherIsBetter, 32, "Dana Fischer", ["GM", "margin"]),
            ]),
            ("Financial", "reduce-cost-of-quality", "Reduce the cost of quality",
            [
                K("cost-of-poor-quality", "Cost of poor quality", "EUR", KpiFormat.Currency, Direction.LowerIsBetter, 120000, "Chen Wei", ["COPQ", "quality cost"]),
            ]),
            ("Customer", "keep-customers-loyal", "Keep customers loyal",
            [
                K("customer-retention", "Customer retention", "%", KpiFormat.Percent, Direction.HigherIsBetter, 92, "Ben Okafor", ["retention", "customer retention rate"]),
                K("nps", "Net Promoter Score", null, KpiFormat.Number, Direction.HigherIsBetter, 45, "Ben Okafor", ["NPS", "promoter score"]),
                K("customer-complaints", "Customer complaints", null, KpiFormat.Number, Direction.LowerIsBetter, 20, "Ben Okafor", ["complaints"]),
            ]),
            ("Customer", "deliver-otif", "Deliver on time and in full",
            [
                K("otif", "On-time in full", "%", KpiFormat.Percent, Direction.HigherIsBetter, 95, "Ben Okafor", ["OTIF"]),
            ]),
            ("Internal Process", "reliable-plants", "Run reliable plants",
            [
                K("oee", "Overall equipment effectiveness", "%", KpiFormat.Percent, Direction.HigherIsBetter, 78, "Chen Wei", ["OEE"]),
                K("unplanned-downtime", "Unplanned downtime", "hours", KpiFormat.Duration, Direction.LowerIsBetter, 40, "Chen Wei", ["downtime"]),
            ]),
            ("Internal Process", "build-quality-in", "Build quality in",
            [
                K("first-pass-yield", "First pass yield", "%", KpiFormat.Percent, Direction.HigherIsBetter, 96, "Chen Wei", ["FPY", "yield"]),
                K("scrap-rate", "Scrap rate", "%", KpiFormat.Percent, Direction.LowerIsBetter, 2, "Chen Wei", ["scrap"]),
            ]),
            ("Learning & Growth", "skilled-workforce", "Develop a skilled workforce",
            [
                K("training-hours", "Training hours per employee", "hours", KpiFormat.Number, Direction.HigherIsBetter, 4, "Dana Fischer", ["training hours"]),
                K("employee-engagement", "Employee engagement", "%", KpiFormat.Percent, Direction.HigherIsBetter, 75, "Dana Fischer", ["engagement"]),
            ]),
            ("Learning & Growth", "work-safely", "Work safely",
            [
                K("lost-time-injury-rate", "Lost time injury rate", null, KpiFormat.Number, Direction.LowerIsBetter, 1.2m, "Dana Fischer", ["LTIR", "injury rate", "safety incidents"]),
            ]),
        ]);

        Logistics = new Scorecard { Key = "logistics", Name = "Logistics", ManagerId = Luis.Id };
        Build(Logistics,
        [
            ("Financial", "margin-per-shipment", "Grow margin per shipment",
            [
                K("revenue-per-shipment", "Revenue per shipment", "USD", KpiFormat.Currency, Direction.HigherIsBetter, 850, "Farid Haddad", ["RPS"]),
                K("cost-per-mile", "Cost per mile", "USD", KpiFormat.Currency, Direction.LowerIsBetter, 2.1m, "Farid Haddad", ["CPM"]),
            ]),
            ("Financial", "cut-fuel-cost", "Cut fuel cost",
            [
                K("fuel-efficiency", "Fuel efficiency", "mpg", KpiFormat.Number, Direction.HigherIsBetter, 7.5m, "Farid Haddad", ["fuel economy", "MPG", "miles per gallon"]),
            ]),
            ("Customer", "deliver-reliably", "Deliver reliably",
            [
                K("on-time-delivery", "On-time delivery", "%", KpiFormat.Percent, Direction.HigherIsBetter, 95, "Eva Lind", ["OTD", "on time"]),
                K("customer-satisfaction", "Customer satisfaction", null, KpiFormat.Number, Direction.HigherIsBetter, 4.4m, "Eva Lind", ["CSAT"]),
            ]),
            ("Customer", "keep-shippers", "Keep our shippers",
            [
                K("customer-churn", "Customer churn", "%", KpiFormat.Percent, Direction.LowerIsBetter, 3, "Eva Lind", ["churn", "churn rate"]),
            ]),
            ("Internal Process", "use-fleet-well", "Use the fleet well",
            [
                K("fleet-utilization", "Fleet utilization", "%", KpiFormat.Percent, Direction.HigherIsBetter, 85, "Farid Haddad", ["fleet utilisation", "truck utilization"]),
                K("empty-miles", "Empty miles", "%", KpiFormat.Percent, Direction.LowerIsBetter, 12, "Farid Haddad", ["deadhead"]),
            ]),
            ("Internal Process", "ship-accurately", "Ship accurately",
            [
                K("order-accuracy", "Order accuracy", "%", KpiFormat.Percent, Direction.HigherIsBetter, 99, "Eva Lind", []),
                K("dock-to-stock", "Dock-to-stock time", "hours", KpiFormat.Duration, Direction.LowerIsBetter, 8, "Farid Haddad", []),
            ]),
            ("Learning & Growth", "train-drivers", "Train our drivers",
            [
                K("driver-training", "Driver training completion", "%", KpiFormat.Percent, Direction.HigherIsBetter, 90, "Grace Kim", ["driver training"]),
                K("driver-turnover", "Driver turnover", "%", KpiFormat.Percent, Direction.LowerIsBetter, 25, "Grace Kim", []),
            ]),
            ("Learning & Growth", "drive-safely", "Drive safely",
            [
                K("safety-incidents", "Safety incidents", "per million miles", KpiFormat.Number, Direction.LowerIsBetter, 1.5m, "Grace Kim", ["accidents"]),
            ]),
        ]);

        Logistics.Channels.Add(new TeamChannel { ScorecardId = Logistics.Id, Platform = Platform.Slack, ConversationId = LogisticsChannel, Name = "#logistics-review" });
        FillHistory();
        Store.Add(Organization, [Manufacturing, Logistics], People);
    }

    public Kpi Kpi(string key) =>
        Manufacturing.Kpis.Concat(Logistics.Kpis).Single(k => k.Key == key);

    public Person PersonNamed(string name) => People.Single(p => p.Name == name);

    private void AddPerson(string name, Role role, string slackId)
    {
        var email = name.ToLowerInvariant().Replace(' ', '.') + "@acme.example";
        var person = new Person { Name = name, Email = email, Role = role, OrganizationId = Organization.Id };
        person.Accounts.Add(new ChannelAccount { PersonId = person.Id, Platform = Platform.Slack, ExternalId = slackId });
        person.Accounts.Add(new ChannelAccount { PersonId = person.Id, Platform = Platform.Teams, ExternalId = "aad-" + slackId[2..].ToLowerInvariant(), ChannelUserId = "29:" + slackId });
        People.Add(person);
    }

    private sealed record KpiSpec(string Key, string Name, string? Unit, KpiFormat Format, Direction Direction, decimal Target, string Owner, string[] Aliases);

    private static KpiSpec K(string key, string name, string? unit, KpiFormat format, Direction direction, decimal target, string owner, string[] aliases) =>
        new(key, name, unit, format, direction, target, owner, aliases);

    private void Build(Scorecard scorecard, (string Perspective, string ObjectiveKey, string Objective, KpiSpec[] Kpis)[] layout)
    {
        scorecard.OrganizationId = Organization.Id;
        var order = 0;
        foreach (var (kind, name) in Perspective.Defaults)
        {
            scorecard.Perspectives.Add(new Perspective { ScorecardId = scorecard.Id, Name = name, Kind = kind, Order = order++ });
        }

        foreach (var (perspectiveName, objectiveKey, objectiveName, kpis) in layout)
        {
            var perspective = scorecard.Perspectives.Single(p => p.Name == perspectiveName);
            var objective = new Objective { ScorecardId = scorecard.Id, PerspectiveId = perspective.Id, Key = objectiveKey, Name = objectiveName, Order = order++ };
            scorecard.Objectives.Add(objective);
            foreach (var spec in kpis)
            {
                scorecard.Kpis.Add(new Kpi
                {
                    OrganizationId = Organization.Id,
                    ScorecardId = scorecard.Id,
                    ObjectiveId = objective.Id,
                    Key = spec.Key,
                    Name = spec.Name,
                    Aliases = [.. spec.Aliases],
                    Unit = spec.Unit,
                    Format = spec.Format,
                    Direction = spec.Direction,
                    OwnerId = PersonNamed(spec.Owner).Id,
                    Decimals = spec.Target >= 100 ? 0 : 1,
                    Order = order++,
                    Baseline = spec.Target,
                });
            }
        }

        scorecard.Links.Add(new ObjectiveLink
        {
            ScorecardId = scorecard.Id,
            CauseObjectiveId = scorecard.Objectives[^2].Id,
            EffectObjectiveId = scorecard.Objectives[2].Id,
        });
        scorecard.Links.Add(new ObjectiveLink
        {
            ScorecardId = scorecard.Id,
            CauseObjectiveId = scorecard.Objectives[2].Id,
            EffectObjectiveId = scorecard.Objectives[0].Id,
        });
    }

    /// <summary>Two years of monthly targets and actuals around each KPI's target, with a few set to tell a story.</summary>
    private void FillHistory()
    {
        var index = 0;
        foreach (var kpi in Manufacturing.Kpis.Concat(Logistics.Kpis))
        {
            var target = kpi.Baseline!.Value;
            var lowerIsBetter = kpi.Direction == Direction.LowerIsBetter;
            for (var period = LastMonth.AddPeriods(-23); period <= LastMonth; period = period.Next)
            {
                kpi.Targets.Add(new Target { OrganizationId = Organization.Id, KpiId = kpi.Id, Period = period, Value = target, Amber = 95, Red = 85 });
                var age = LastMonth.Ordinal - period.Ordinal;
                var wobble = (decimal)Math.Sin((index * 7) + age) * 0.02m;
                var drift = (lowerIsBetter ? 1 : -1) * 0.002m * age; // most KPIs improved over the two years
                var value = Math.Round(target * (1 + wobble + drift), 2);
                kpi.Actuals.Add(new Actual
                {
                    OrganizationId = Organization.Id,
                    KpiId = kpi.Id,
                    Period = period,
                    Value = value,
                    SubmittedById = kpi.OwnerId,
                    SubmittedAt = Now.AddMonths(-age).AddDays(-5),
                    Source = EntrySource.Card,
                });
            }

            index++;
        }

        Set("on-time-delivery", LastMonth, 79.0m, "Two carriers failed in the storm week; recovery plan agreed with both.");
        Set("on-time-delivery", LastMonth.Previous, 91.5m, null);
        Set("scrap-rate", LastMonth, 2.9m, "New resin batch; supplier is replacing it.");
        Set("customer-retention", LastMonth, 93.1m, "Two key accounts renewed for three years.");
        Set("fuel-efficiency", LastMonth, 7.9m, "Eco-driving coaching pays off.");
        Kpi("nps").Actuals.RemoveAll(a => a.Period == LastMonth);
        Kpi("empty-miles").Actuals.RemoveAll(a => a.Period == LastMonth);
    }

    private void Set(string key, Period period, decimal value, string? comment)
    {
        var actual = Kpi(key).Actuals.Single(a => a.Period == period);
        actual.Value = value;
        actual.Comment = comment;
    }
}
