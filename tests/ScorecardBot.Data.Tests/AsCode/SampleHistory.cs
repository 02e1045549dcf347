using System.Globalization;
using System.Text;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.AsCode;

namespace ScorecardBot.Data.Tests.AsCode;

/// <summary>
/// Generates the sample history (samples/NAME.actuals.csv): 24 months per KPI up to
/// <see cref="LastMonth"/>, or the 8 quarters inside them for quarterly KPIs. Deterministic:
/// a seeded random per KPI. Each KPI climbs from its baseline to sit a little better than its
/// target, with noise, the sample's seasonality on money KPIs, the misses its story needs in
/// recent months, and lagging KPIs that echo their leading indicator one or two months later.
/// Lives in the tests so it never ships; <see cref="SampleHistoryTests"/> checks the committed
/// files against it.
/// </summary>
internal static class SampleHistory
{
    public static readonly Period LastMonth = Period.Month(2026, 10);
    public const int Months = 24;

    public static string Generate(string yamlPath, HistoryStory story)
    {
        var doc = ScorecardImporter.Parse(File.ReadAllText(yamlPath), yamlPath);
        var fiscalStart = doc.Organization.FiscalYearStartMonth;
        var kpis = doc.Scorecards.SelectMany(s => s.Kpis).ToList();
        var shocks = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var lines = new List<string> { "kpi,period,value,comment" };

        // Leading indicators first, so that their lagging KPIs can echo them.
        foreach (var kpi in kpis.OrderBy(k => story.Leads.Any(l => l.Lagging == k.Key) ? 1 : 0))
        {
            var periods = Periods(kpi.Frequency, fiscalStart);
            var random = new Random(story.Seed ^ StableHash(kpi.Key));
            var shock = new double[periods.Count];
            var lead = story.Leads.FirstOrDefault(l => l.Lagging == kpi.Key);
            for (var t = 0; t < periods.Count; t++)
            {
                var echo = lead is not null && t >= lead.Months && shocks.TryGetValue(lead.Leading, out var leading) ? 0.6 * leading[t - lead.Months] : 0;
                shock[t] = Math.Clamp((Gaussian(random) * 0.22) + echo, -0.55, 0.55);
            }

            shocks[kpi.Key] = shock;
            var misses = story.Misses.GetValueOrDefault(kpi.Key) ?? "";
            for (var t = 0; t < periods.Count; t++)
            {
                var missAt = misses.Length - (periods.Count - t);
                var miss = missAt >= 0 ? misses[missAt] : 'G';
                var missNumber = missAt < 0 ? 0 : misses[..missAt].Count(c => c != 'G');
                var (value, comment) = Value(kpi, periods, t, shock[t], miss, missNumber, story, fiscalStart);
                lines.Add(Csv(kpi.Key, periods[t].ToString(), value.ToString("F" + kpi.Decimals, CultureInfo.InvariantCulture), comment));
            }
        }

        var order = kpis.Select((k, i) => (k.Key, i)).ToDictionary(x => x.Key, x => x.i);
        return string.Join('\n', lines.Take(1).Concat(lines.Skip(1).OrderBy(l => order[l[..l.IndexOf(',', StringComparison.Ordinal)]]))) + "\n";
    }

    private static (decimal Value, string? Comment) Value(KpiDoc kpi, List<Period> periods, int t, double shock, char miss, int missNumber, HistoryStory story, int fiscalStart)
    {
        var target = TargetOf(kpi, periods[t], fiscalStart);
        var (unit, amberShare) = Unit(kpi, target);
        var better = kpi.Direction == Direction.LowerIsBetter ? -1.0 : 1.0;
        string? comment = null;
        double value;
        if (target is null)
        {
            value = (double)(kpi.Baseline ?? 0m);
        }
        else if (miss is 'A' or 'R')
        {
            var depth = miss == 'A' ? (amberShare + 1) / 2 : 1.25;
            value = kpi.Direction == Direction.WithinBand
                ? (double)target.BandHigh!.Value + ((miss == 'A' ? (double)(target.Amber! + target.Red!) / 2 : (double)target.Red! * 1.25) * (story.BandMissBelow.Contains(kpi.Key) ? -1 : 1))
                : (double)target.EffectiveValue - (better * unit * (depth + (shock * 0.1)));
            if (kpi.Direction == Direction.WithinBand && story.BandMissBelow.Contains(kpi.Key))
            {
                value += (double)(target.BandLow!.Value - target.BandHigh!.Value);
            }

            var reasons = story.Comments.GetValueOrDefault(kpi.Key) ?? ["Below plan; recovery actions agreed in the review"];
            comment = reasons[missNumber % reasons.Length];
        }
        else if (story.Ramps.TryGetValue(kpi.Key, out var slack))
        {
            // Roll-outs climb steadily towards the last target, reached `slack` periods after the history ends.
            var start = (double)(kpi.Baseline ?? 0m);
            var final = (double)kpi.Targets.OrderBy(x => x.Period).Last().EffectiveValue;
            value = start + ((final - start) * t / (periods.Count - 1 + slack)) + (better * unit * shock * 0.2);
        }
        else
        {
            // The level: the average target around this period, a little better than it, blended
            // in from the baseline over the first months.
            var around = Enumerable.Range(t - 2, 5).Where(i => i >= 0 && i < periods.Count)
                .Select(i => TargetOf(kpi, periods[i], fiscalStart)).Where(x => x is not null).Select(x => (double)x!.EffectiveValue).Average();
            var margin = kpi.Direction == Direction.WithinBand ? 0 : better * unit * 0.35;
            var level = around + margin;
            if (t < 4 && kpi.Baseline is { } baseline)
            {
                level = (double)baseline + ((level - (double)baseline) * t / 4.0);
            }

            value = level + (better * unit * shock);
            if (kpi.Format == KpiFormat.Currency && kpi.Frequency == Frequency.Monthly)
            {
                var factor = story.Seasonality[periods[t].Number - 1];
                value *= factor;
                if (factor < 0.92)
                {
                    comment = story.SeasonalComment;
                }
            }
        }

        value = kpi.Format == KpiFormat.Percent ? Math.Clamp(value, 0, 100) : value;
        value = kpi.Unit == "points" ? Math.Clamp(value, -100, 100) : Math.Max(value, 0);
        return (Math.Round((decimal)value, kpi.Decimals, MidpointRounding.AwayFromZero), comment);
    }

    /// <summary>The size of "one red step" in the KPI's unit, and where amber starts as a share of it.</summary>
    private static (double Unit, double AmberShare) Unit(KpiDoc kpi, TargetDoc? target)
    {
        if (target is null)
        {
            return (1, 0.5);
        }

        var t = (double)target.EffectiveValue;
        if (kpi.Direction == Direction.WithinBand || target.Amber is null || target.Red is null)
        {
            return target.Red is { } r ? ((double)r, (double)(target.Amber ?? r / 2) / (double)r) : (Math.Max(Math.Abs(t) * 0.05, 0.01), 0.5);
        }

        double amber = (double)target.Amber, red = (double)target.Red;
        if (target.EffectiveStyle == ThresholdStyle.PercentOfTarget)
        {
            (amber, red) = (t * (100 - amber) / 100, t * (100 - red) / 100);
            return (red, amber / red);
        }

        return (Math.Abs(t - red), Math.Abs(t - amber) / Math.Abs(t - red));
    }

    /// <summary>The target that applies: the period's own, else its quarter's, else its fiscal year's.</summary>
    private static TargetDoc? TargetOf(KpiDoc kpi, Period period, int fiscalStart)
    {
        var (fiscalYear, quarter) = Fiscal(period, fiscalStart);
        return kpi.Targets.FirstOrDefault(t => t.Period == period)
            ?? kpi.Targets.FirstOrDefault(t => t.Period == Period.Quarter(fiscalYear, quarter))
            ?? kpi.Targets.FirstOrDefault(t => t.Period == Period.FiscalYear(fiscalYear));
    }

    private static (int FiscalYear, int Quarter) Fiscal(Period period, int fiscalStart)
    {
        if (period.Kind == PeriodKind.Quarter)
        {
            return (period.Year, period.Number);
        }

        var fiscalYear = fiscalStart == 1 || period.Number < fiscalStart ? period.Year : period.Year + 1;
        return (fiscalYear, (((period.Number - fiscalStart + 12) % 12) / 3) + 1);
    }

    /// <summary>The 24 months up to the last one, or the fiscal quarters that end inside them.</summary>
    private static List<Period> Periods(Frequency frequency, int fiscalStart)
    {
        var months = Enumerable.Range(0, Months).Select(i => LastMonth.AddPeriods(i - Months + 1)).ToList();
        if (frequency == Frequency.Monthly)
        {
            return months;
        }

        return [.. months.Where(m => (m.Number - fiscalStart + 13) % 3 == 0).Select(m => Period.Quarter(Fiscal(m, fiscalStart).FiscalYear, Fiscal(m, fiscalStart).Quarter))];
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>string.GetHashCode changes between runs; the history must not.</summary>
    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }

    private static string Csv(params string?[] fields) => string.Join(',', fields.Select(f =>
        f is null ? "" : f.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f));
}

/// <summary>What a sample's history should tell: its seed, seasonality, leads and recent misses.</summary>
/// <param name="Misses">Per KPI, the statuses of the last periods, oldest first: G green, A amber, R red.</param>
internal sealed record HistoryStory(
    int Seed,
    double[] Seasonality,
    string SeasonalComment,
    IReadOnlyList<LeadLag> Leads,
    IReadOnlyDictionary<string, string> Misses,
    IReadOnlyDictionary<string, string[]> Comments,
    IReadOnlySet<string> BandMissBelow,
    IReadOnlyDictionary<string, int> Ramps)
{
    public static HistoryStory Manufacturing { get; } = new(
        Seed: 2026_04,
        // August plant holidays and the Christmas shutdown; March is the fiscal year-end push.
        Seasonality: [0.96, 1.0, 1.09, 0.97, 1.0, 1.03, 1.01, 0.86, 1.04, 1.05, 1.02, 0.89],
        SeasonalComment: "Plant holidays: invoicing stops for two weeks",
        Leads: [new("schedule-adherence", "on-time-delivery", 1), new("first-pass-yield", "defect-rate", 1), new("supplier-otd", "schedule-adherence", 1)],
        Misses: new Dictionary<string, string>
        {
            ["supplier-otd"] = "GARRA",
            ["schedule-adherence"] = "ARRA",
            ["on-time-delivery"] = "ARR",
            ["first-pass-yield"] = "AAG",
            ["defect-rate"] = "AA",
            ["inventory-days"] = "AA",
            ["nps"] = "A",
            ["eu-revenue"] = "A",
            ["voluntary-turnover"] = "A",
        },
        Comments: new Dictionary<string, string[]>
        {
            ["supplier-otd"] = ["Castings from the Czech foundry 2-3 weeks late", "Foundry capacity still short; second source not yet qualified"],
            ["schedule-adherence"] = ["Machining hall cut over to the MES; planning ran on two systems", "Re-sequencing after the MES interface outage", "Orders waiting for castings", "Castings still late; MES stable again"],
            ["on-time-delivery"] = ["Schedule disruption from the MES cut-over reached deliveries", "Late castings and MES cut-over hit gearbox orders", "Backlog from September still shipping late"],
            ["first-pass-yield"] = ["Porosity in castings from a new pour batch"],
            ["defect-rate"] = ["Two field returns at a Polish customer traced to porous castings", "8D open with the foundry"],
            ["inventory-days"] = ["Safety stock of castings raised while the foundry is late"],
            ["nps"] = ["Detractors cite late deliveries"],
            ["eu-revenue"] = ["Two Benelux orders slipped to November"],
            ["voluntary-turnover"] = ["Four machinists left for the new plant nearby"],
        },
        BandMissBelow: new HashSet<string>(),
        Ramps: new Dictionary<string, int> { ["eu-sales-certification"] = 0, ["mes-coverage"] = 5, ["machines-connected"] = 5, ["eu-distributors"] = 2 });

    public static HistoryStory Logistics { get; } = new(
        Seed: 2026_01,
        // Produce season and the peak before Christmas; January is slow.
        Seasonality: [0.88, 0.92, 1.0, 1.02, 1.05, 1.06, 1.0, 1.03, 1.02, 1.04, 1.06, 0.97],
        SeasonalComment: "January slowdown after the holiday peak",
        Leads: [new("drivers-trained", "on-time-delivery", 2), new("fuel-economy", "cost-per-mile", 1), new("pm-compliance", "road-breakdowns", 1)],
        Misses: new Dictionary<string, string>
        {
            ["drivers-trained"] = "AAG",
            ["on-time-delivery"] = "AA",
            ["claims-rate"] = "ARR",
            ["driver-turnover"] = "AA",
            ["seated-trucks"] = "A",
            ["nps"] = "A",
        },
        Comments: new Dictionary<string, string[]>
        {
            ["drivers-trained"] = ["Des Moines classes postponed: trainer on leave", "New hires not yet through the course"],
            ["on-time-delivery"] = ["Newer drivers on the Des Moines lanes missing windows", "Construction on I-80 and newer drivers"],
            ["claims-rate"] = ["Two temperature claims at a food-grade shipper", "Load shift damage on three loads; securing checklist not yet in cabs", "Shortage claims at one DC under review"],
            ["driver-turnover"] = ["Competitor sign-on bonuses in the Joliet area"],
            ["seated-trucks"] = ["Twelve tractors unseated after the turnover spike"],
            ["nps"] = ["Detractors mention claims handling"],
        },
        BandMissBelow: new HashSet<string> { "seated-trucks" },
        Ramps: new Dictionary<string, int>());

    public static HistoryStory Hospital { get; } = new(
        Seed: 2026_07,
        // Money KPIs run with the census: the winter respiratory surge fills beds and brings agency shifts.
        Seasonality: [1.08, 1.05, 1.0, 0.97, 0.96, 0.95, 0.97, 0.98, 0.97, 1.0, 1.02, 1.06],
        SeasonalComment: "Summer census low: fewer cases to spread fixed cost over",
        Leads: [new("hand-hygiene", "infections", 2), new("rn-vacancy", "boarding-time", 1), new("shift-fill-rate", "agency-spend", 1)],
        Misses: new Dictionary<string, string>
        {
            ["hand-hygiene"] = "AAA",
            ["infections"] = "AR",
            ["rn-vacancy"] = "AA",
            ["boarding-time"] = "AA",
            ["bed-occupancy"] = "AA",
            ["lwbs"] = "A",
            ["patient-experience"] = "A",
        },
        Comments: new Dictionary<string, string[]>
        {
            ["hand-hygiene"] = ["Night-shift audits started: compliance lower than on days", "Two new units without a hygiene champion yet"],
            ["infections"] = ["Two CLABSI on 4 West; root cause review open", "C. diff cluster on the medical floor; enhanced cleaning since 12 Oct"],
            ["rn-vacancy"] = ["Fourteen RNs left for the new travel contracts in the city", "Residency cohort starts only in March"],
            ["boarding-time"] = ["Medical beds closed for lack of nurses", "Admitted patients waiting upstairs for discharges before noon"],
            ["bed-occupancy"] = ["Early respiratory season; surge beds open on 5 East"],
            ["lwbs"] = ["Long waits on evenings after the triage provider leaves"],
            ["patient-experience"] = ["Comments cite noise at night and waiting for discharge"],
        },
        BandMissBelow: new HashSet<string>(),
        Ramps: new Dictionary<string, int> { ["sepsis-bundle"] = 3 });
}

/// <summary>The lagging KPI echoes the leading one, <paramref name="Months"/> periods later.</summary>
internal sealed record LeadLag(string Leading, string Lagging, int Months);
