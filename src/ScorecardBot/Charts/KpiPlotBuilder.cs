using ScorecardBot.Core.Model;
using ScottPlot;

namespace ScorecardBot.Charts;

/// <summary>Builds the ScottPlot plot of a KPI trend; the caller renders it at whatever size it needs.</summary>
internal static class KpiPlotBuilder
{
    /// <summary>Builds the plot; <paramref name="width"/> is the picture's, to shorten a title that would not fit.</summary>
    public static BuiltKpiPlot Build(KpiSeries series, KpiPlotStyle style, int width)
    {
        ChartFonts.EnsureRegistered();
        var points = Order(series.Points);
        var plot = new Plot();
        Style(plot, style);

        var first = points.Count > 0 ? points[0].Period.Ordinal : 0;
        double X(KpiPoint p) => p.Period.Ordinal - first;
        var span = points.Count > 0 ? points[^1].Period.Ordinal - first + 1 : 12;
        var (yMin, yMax) = ValueRange(series, points);

        if (series.Direction == Direction.WithinBand)
        {
            AddBand(plot, points, X);
        }

        AddThresholds(plot, series.Thresholds);
        AddTarget(plot, points, X, style);
        AddActualLine(plot, points, X, style);
        var markers = AddMarkers(plot, points, X, style, noDataY: yMin + ((yMax - yMin) * 0.04));

        plot.Axes.SetLimits(-0.6, span - 0.4, yMin, yMax);
        SetTicks(plot, series, points, span, style, yMin, yMax);

        if (points.All(p => p.Actual is null))
        {
            var note = plot.Add.Text("No data reported yet", (span - 1) / 2.0, (yMin + yMax) / 2);
            note.LabelFontName = ChartFonts.Family;
            note.LabelFontSize = style == KpiPlotStyle.Full ? 14 : 10;
            note.LabelFontColor = ChartPalette.MutedInk.ToPlot();
            note.LabelAlignment = Alignment.MiddleCenter;
        }

        if (style != KpiPlotStyle.Cell)
        {
            var titleSize = style == KpiPlotStyle.Full ? 17 : 12;
            plot.Title(FitTitle(series.Name, titleSize, maxWidth: width - 40), titleSize);
            plot.Axes.Title.Label.Bold = true;
            plot.Axes.Title.Label.FontName = ChartFonts.Family;
            plot.Axes.Title.Label.ForeColor = ChartPalette.Ink.ToPlot();
        }

        if (yMin < 0 && yMax > 0)
        {
            var zero = plot.Add.HorizontalLine(0, 1, ChartPalette.MutedInk.ToPlot().WithAlpha(0.6));
            zero.ExcludeFromLegend = true;
        }

        if (style == KpiPlotStyle.Full && points.Count > 0)
        {
            AddLegend(plot, series, points);
            var axisTitle = KpiValueFormat.AxisTitle(series.Format, series.Unit);
            if (axisTitle is not null)
            {
                plot.YLabel(axisTitle, 12);
                plot.Axes.Left.Label.FontName = ChartFonts.Family;
                plot.Axes.Left.Label.Bold = false;
                plot.Axes.Left.Label.ForeColor = ChartPalette.MutedInk.ToPlot();
            }
        }

        return new BuiltKpiPlot(plot, markers);
    }

    /// <summary>A name too long for the chart's width ends in an ellipsis instead of running off both sides.</summary>
    private static string FitTitle(string name, float size, float maxWidth)
    {
        using var font = SkiaDrawing.Font(bold: true, size);
        return SkiaDrawing.Fit(name, font, maxWidth);
    }

    private static List<KpiPoint> Order(IReadOnlyList<KpiPoint> points)
    {
        var ordered = points.OrderBy(p => p.Period).ToList();
        if (ordered.Select(p => p.Period.Kind).Distinct().Count() > 1)
        {
            throw new ArgumentException("A KPI chart shows periods of one kind only (all months, all quarters or all years).", nameof(points));
        }

        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Period == ordered[i - 1].Period)
            {
                throw new ArgumentException($"The period {ordered[i].Period} appears twice in the series.", nameof(points));
            }
        }

        return ordered;
    }

    private static void Style(Plot plot, KpiPlotStyle style)
    {
        plot.FigureBackground.Color = ChartPalette.Background.ToPlot();
        plot.DataBackground.Color = ChartPalette.Background.ToPlot();
        plot.Axes.Frame(false);
        plot.Axes.Left.FrameLineStyle.Width = 0;
        plot.Axes.Bottom.FrameLineStyle.Color = ChartPalette.MutedInk.ToPlot();
        plot.Axes.Bottom.FrameLineStyle.Width = 1;
        plot.Grid.XAxisStyle.IsVisible = false;
        plot.Grid.YAxisStyle.MajorLineStyle.Color = ChartPalette.Grid.ToPlot();
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 1;
        plot.Grid.YAxisStyle.MinorLineStyle.Width = 0;

        var tickSize = style == KpiPlotStyle.Full ? 12 : 10;
        foreach (var axis in new IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            axis.TickLabelStyle.FontName = ChartFonts.Family;
            axis.TickLabelStyle.FontSize = tickSize;
            axis.TickLabelStyle.ForeColor = ChartPalette.MutedInk.ToPlot();
            axis.MajorTickStyle.Color = ChartPalette.MutedInk.ToPlot();
            axis.MinorTickStyle.Color = ChartPalette.MutedInk.ToPlot();
            axis.MinorTickStyle.Length = style == KpiPlotStyle.Cell ? 0 : 2;
            axis.MajorTickStyle.Length = style == KpiPlotStyle.Cell ? 3 : 4;
        }

        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.MinorTickStyle.Length = 0;
    }

    /// <summary>The y range that holds every actual, target, band and threshold, with some air.</summary>
    private static (double Min, double Max) ValueRange(KpiSeries series, List<KpiPoint> points)
    {
        var values = points
            .SelectMany(p => new[] { p.Actual, p.Target, p.BandLow, p.BandHigh })
            .Concat([series.Thresholds?.Amber, series.Thresholds?.Red])
            .Where(v => v.HasValue)
            .Select(v => (double)v!.Value)
            .ToList();
        if (values.Count == 0)
        {
            return series.Format == KpiFormat.Percent ? (0, 100) : (0, 10);
        }

        double min = values.Min(), max = values.Max();
        if (max - min < 1e-9)
        {
            var half = Math.Max(Math.Abs(min) * 0.1, 1);
            (min, max) = (min - half, max + half);
        }

        var pad = (max - min) * 0.12;
        return (min - pad, max + pad);
    }

    private static IEnumerable<List<KpiPoint>> Runs(List<KpiPoint> points, Func<KpiPoint, bool> has)
    {
        var run = new List<KpiPoint>();
        foreach (var p in points)
        {
            if (has(p) && (run.Count == 0 || p.Period.Ordinal == run[^1].Period.Ordinal + 1))
            {
                run.Add(p);
                continue;
            }

            if (run.Count > 0)
            {
                yield return run;
            }

            run = has(p) ? [p] : [];
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static void AddBand(Plot plot, List<KpiPoint> points, Func<KpiPoint, double> x)
    {
        foreach (var run in Runs(points, p => p.BandLow.HasValue && p.BandHigh.HasValue))
        {
            var upper = run.SelectMany(p => new[]
            {
                new Coordinates(x(p) - 0.5, (double)p.BandHigh!.Value),
                new Coordinates(x(p) + 0.5, (double)p.BandHigh!.Value),
            });
            var lower = run.AsEnumerable().Reverse().SelectMany(p => new[]
            {
                new Coordinates(x(p) + 0.5, (double)p.BandLow!.Value),
                new Coordinates(x(p) - 0.5, (double)p.BandLow!.Value),
            });
            var band = plot.Add.Polygon(upper.Concat(lower).ToArray());
            band.FillColor = ChartPalette.Green.ToPlot().WithAlpha(0.13);
            band.LineWidth = 0;
        }
    }

    private static void AddThresholds(Plot plot, KpiThresholds? thresholds)
    {
        foreach (var (value, color) in new[] { (thresholds?.Amber, ChartPalette.Amber), (thresholds?.Red, ChartPalette.Red) })
        {
            if (value is null)
            {
                continue;
            }

            var line = plot.Add.HorizontalLine((double)value.Value, 1, color.ToPlot().WithAlpha(0.75), LinePattern.Dotted);
            line.ExcludeFromLegend = true;
        }
    }

    private static void AddTarget(Plot plot, List<KpiPoint> points, Func<KpiPoint, double> x, KpiPlotStyle style)
    {
        foreach (var run in Runs(points, p => p.Target.HasValue))
        {
            var steps = run.SelectMany(p => new[]
            {
                new Coordinates(x(p) - 0.5, (double)p.Target!.Value),
                new Coordinates(x(p) + 0.5, (double)p.Target!.Value),
            }).ToArray();
            var target = plot.Add.ScatterLine(steps, ChartPalette.TargetLine.ToPlot());
            target.LineWidth = style == KpiPlotStyle.Cell ? 1.2f : 1.8f;
            target.LinePattern = LinePattern.Dashed;
        }
    }

    private static void AddActualLine(Plot plot, List<KpiPoint> points, Func<KpiPoint, double> x, KpiPlotStyle style)
    {
        foreach (var run in Runs(points, p => p.Actual.HasValue).Where(r => r.Count > 1))
        {
            var line = plot.Add.ScatterLine(run.Select(p => new Coordinates(x(p), (double)p.Actual!.Value)).ToArray(), ChartPalette.ActualLine.ToPlot());
            line.LineWidth = style == KpiPlotStyle.Full ? 2.2f : 1.6f;
        }
    }

    private static List<PlacedMarker> AddMarkers(Plot plot, List<KpiPoint> points, Func<KpiPoint, double> x, KpiPlotStyle style, double noDataY)
    {
        var size = style switch { KpiPlotStyle.Full => 10f, KpiPlotStyle.Thumbnail => 7f, _ => 5.5f };
        var placed = points
            .Select(p => p.Actual is { } v
                ? new PlacedMarker(p.Period, p.Status == Status.NoData ? Status.NoData : p.Status, new Coordinates(x(p), (double)v))
                : new PlacedMarker(p.Period, Status.NoData, new Coordinates(x(p), noDataY)))
            .ToList();

        foreach (var group in placed.GroupBy(m => (m.Status, Hollow: points.First(p => p.Period == m.Period).Actual is null)))
        {
            var coordinates = group.Select(m => m.Location).ToArray();
            var markers = plot.Add.Markers(coordinates, MarkerShape.FilledCircle, size, ChartPalette.For(group.Key.Status).ToPlot());
            if (group.Key.Hollow)
            {
                markers.MarkerStyle.Shape = MarkerShape.OpenCircle;
                markers.MarkerStyle.LineColor = ChartPalette.NoData.ToPlot();
                markers.MarkerStyle.LineWidth = style == KpiPlotStyle.Cell ? 1.2f : 1.8f;
            }
            else
            {
                markers.MarkerStyle.OutlineColor = ChartPalette.Background.ToPlot();
                markers.MarkerStyle.OutlineWidth = style == KpiPlotStyle.Cell ? 1f : 1.5f;
            }
        }

        return placed;
    }

    private static void SetTicks(Plot plot, KpiSeries series, List<KpiPoint> points, int span, KpiPlotStyle style, double yMin, double yMax)
    {
        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        if (points.Count > 0)
        {
            var first = points[0].Period;
            var step = style switch
            {
                KpiPlotStyle.Full => LabelStep(span, 13),
                KpiPlotStyle.Thumbnail => LabelStep(span, 6),
                _ => Math.Max(span - 1, 1),
            };
            for (var i = 0; i < span; i++)
            {
                if (i % step == 0)
                {
                    xTicks.AddMajor(i, KpiValueFormat.PeriodLabel(first.AddPeriods(i)));
                }
                else
                {
                    xTicks.AddMinor(i);
                }
            }
        }

        plot.Axes.Bottom.TickGenerator = xTicks;
        if (style == KpiPlotStyle.Full)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                LabelFormatter = v => KpiValueFormat.Tick(v, series.Format, series.Unit),
                TargetTickCount = 6,
            };
            return;
        }

        // Small plots: ScottPlot's spacing rules often leave a single label; three round values read better.
        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var value in RoundValues(yMin, yMax, 3))
        {
            yTicks.AddMajor(value, KpiValueFormat.Tick(value, series.Format, series.Unit));
        }

        plot.Axes.Left.TickGenerator = yTicks;
    }

    /// <summary>About <paramref name="count"/> values on a 1-2-2.5-5 step inside [min, max].</summary>
    internal static IReadOnlyList<double> RoundValues(double min, double max, int count)
    {
        var raw = (max - min) / count;
        if (raw <= 0 || double.IsNaN(raw) || double.IsInfinity(raw))
        {
            return [];
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        List<double> ValuesAt(double step)
        {
            var values = new List<double>();
            for (var k = Math.Ceiling(min / step); k * step <= max + (step * 1e-9); k++)
            {
                values.Add(Math.Round(k * step, 10));
            }

            return values;
        }

        // The step whose labels come closest to the count wins; on a tie, the one with more labels.
        return new[] { 1, 2, 2.5, 5, 10 }
            .Select(f => ValuesAt(f * magnitude))
            .OrderBy(v => Math.Abs(v.Count - count))
            .ThenByDescending(v => v.Count)
            .First();
    }

    /// <summary>Every how many periods a label fits, preferring steps that fall on quarters and halves.</summary>
    private static int LabelStep(int span, int maxLabels)
    {
        foreach (var step in new[] { 1, 2, 3, 4, 6, 12, 24 })
        {
            if ((span + step - 1) / step <= maxLabels)
            {
                return step;
            }
        }

        return (span / maxLabels) + 1;
    }

    private static void AddLegend(Plot plot, KpiSeries series, List<KpiPoint> points)
    {
        var items = new List<LegendItem>
        {
            new()
            {
                LabelText = "Actual",
                LineColor = ChartPalette.ActualLine.ToPlot(),
                LineWidth = 2.2f,
            },
            new()
            {
                LabelText = "Target",
                LineColor = ChartPalette.TargetLine.ToPlot(),
                LineWidth = 1.8f,
                LinePattern = LinePattern.Dashed,
            },
        };

        if (series.Direction == Direction.WithinBand && points.Any(p => p.BandLow.HasValue && p.BandHigh.HasValue))
        {
            items.Add(new LegendItem { LabelText = "Green band", FillColor = ChartPalette.Green.ToPlot().WithAlpha(0.2) });
        }

        foreach (var status in new[] { Status.Green, Status.Amber, Status.Red, Status.NoData })
        {
            var hollow = status == Status.NoData;
            if (!points.Any(p => (hollow ? p.Actual is null || p.Status == Status.NoData : p.Actual is not null && p.Status == status)))
            {
                continue;
            }

            items.Add(new LegendItem
            {
                LabelText = ChartPalette.Label(status),
                MarkerShape = hollow ? MarkerShape.OpenCircle : MarkerShape.FilledCircle,
                MarkerSize = 9,
                MarkerColor = ChartPalette.For(status).ToPlot(),
                MarkerLineWidth = hollow ? 1.8f : 1,
            });
        }

        plot.Legend.ManualItems.AddRange(items);
        plot.Legend.DisplayPlottableLegendItems = false;
        plot.Legend.FontName = ChartFonts.Family;
        plot.Legend.FontSize = 12;
        plot.Legend.FontColor = ChartPalette.Ink.ToPlot();
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.OutlineWidth = 0;
        plot.Legend.BackgroundColor = ChartPalette.Background.ToPlot();
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.ShadowOffset = new PixelOffset(0, 0);
        plot.ShowLegend(Edge.Bottom);
    }
}
