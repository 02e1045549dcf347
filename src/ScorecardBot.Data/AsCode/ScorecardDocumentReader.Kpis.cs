using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.AsCode;

/// <summary>Reading KPIs and their targets, the densest part of the file.</summary>
internal sealed partial class ScorecardDocumentReader
{
    private KpiDoc Kpi(YamlValue node)
    {
        var k = new KpiDoc();
        var f = YamlFields.Open(node, "kpi", k, problems,
            "key", "name", "objective", "aliases", "description", "unit", "format", "decimals", "formula", "data_source",
            "direction", "indicator", "frequency", "aggregation", "baseline", "owner", "delegate", "weight", "fed_by_api", "pair", "retired", "targets");
        if (f is null)
        {
            return k;
        }

        k.Key = f.Text("key", required: true) ?? "";
        f.What = k.Key.Length > 0 ? $"kpi '{k.Key}'" : "kpi";
        k.Name = f.Text("name", required: true) ?? "";
        k.Objective = f.Text("objective", required: true) ?? "";
        k.Aliases.AddRange(f.Words("aliases").Select(a => a.Value));
        k.Description = f.Text("description");
        k.Unit = f.Text("unit");
        k.Format = f.Choice<KpiFormat>("format") ?? KpiFormat.Number;
        k.Decimals = f.Integer("decimals", 0, 6) ?? 1;
        k.Formula = f.Text("formula");
        k.DataSource = f.Text("data_source");
        k.Direction = f.Choice<Direction>("direction") ?? Direction.HigherIsBetter;
        k.Indicator = f.Choice<IndicatorType>("indicator") ?? IndicatorType.Lagging;
        k.Frequency = f.Choice<Frequency>("frequency") ?? Frequency.Monthly;
        k.Aggregation = f.Choice<Aggregation>("aggregation");
        k.Baseline = f.Number("baseline");
        k.Owner = f.Text("owner")?.ToLowerInvariant();
        k.Delegate = f.Text("delegate")?.ToLowerInvariant();
        k.Weight = f.Number("weight", min: 0m) ?? 1m;
        k.FedByApi = f.Flag("fed_by_api") ?? false;
        k.Pair = f.Text("pair");
        k.Retired = f.Flag("retired") ?? false;
        switch (f.Node("targets"))
        {
            case null:
                break;
            case YamlMap targets:
                foreach (var (period, value) in targets.Entries)
                {
                    k.Targets.Add(Target(period, value, f.What));
                }

                break;
            case var other:
                problems.Add(other.At, $"{f.What}: 'targets' should map periods to targets, like '2026-10: 95' or 'FY2027: {{ value: 95, amber: 92, red: 88 }}'");
                break;
        }

        return k;
    }

    private TargetDoc Target(YamlText periodKey, YamlValue node, string kpi)
    {
        var t = new TargetDoc { At = periodKey.At };
        if (!YamlFields.TryPeriod(periodKey.Value, out var period))
        {
            problems.Add(periodKey.At, $"{kpi} has a target for '{periodKey.Value}', which is not a period; use a month like 2026-10, a quarter like FY2027-Q1 or a fiscal year like FY2027");
        }

        t.Period = period;
        var what = $"target {periodKey.Value} of {kpi}";
        if (node is YamlText { IsNull: false } scalar)
        {
            if (AsCodeTokens.TryParseNumber(scalar.Value, out var v))
            {
                t.Value = v;
            }
            else
            {
                problems.Add(scalar.At, $"{what} should be a number (like 95) or a mapping (like {{ value: 95, amber: 92, red: 88 }}), not '{scalar.Value}'");
            }

            return t;
        }

        var f = YamlFields.Open(node, what, t, problems, "value", "band", "amber", "red", "style");
        t.At = periodKey.At;
        if (f is null)
        {
            return t;
        }

        t.Value = f.Number("value");
        var band = f.List("band");
        if (band.Count > 0)
        {
            if (band is [YamlText low, YamlText high] &&
                AsCodeTokens.TryParseNumber(low.Value, out var lo) &&
                AsCodeTokens.TryParseNumber(high.Value, out var hi))
            {
                t.BandLow = lo;
                t.BandHigh = hi;
            }
            else
            {
                problems.Add(t.Of("band"), $"{what}: 'band' should be two numbers, low and high, like [40, 55]");
            }
        }

        t.Amber = f.Number("amber");
        t.Red = f.Number("red");
        t.Style = f.Choice<ThresholdStyle>("style");
        if (t.Value is null && t.BandLow is null && band.Count == 0)
        {
            problems.Add(periodKey.At, $"{what} needs a 'value' (or a 'band' for a within_band kpi)");
        }

        return t;
    }
}
