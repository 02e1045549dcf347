using ScorecardBot.Charts;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Tests.Charts;

public sealed class StrategyMapPictureTests
{
    private static readonly Guid Revenue = Guid.Parse("10000000-0000-0000-0000-000000000001");
    private static readonly Guid Retention = Guid.Parse("10000000-0000-0000-0000-000000000002");

    private static StrategyMapModel TwoObjectives(params MapLink[] links) => new(
        "Two objectives",
        [
            new MapPerspective("Financial", PerspectiveKind.Financial, [new MapObjective(Revenue, "Grow revenue", Status.Green)]),
            new MapPerspective("Customer", PerspectiveKind.Customer, [new MapObjective(Retention, "Keep customers", Status.Red)]),
        ],
        links);

    [Fact]
    public void Render_Sample_IsPngOfRequestedWidthHoldingEveryBand()
    {
        var (png, layout) = StrategyMapPicture.Draw(ChartSamples.LogisticsStrategyMap(), 1280);

        Assert.Equal((1280, layout.Height), PngFile.HeaderSize(png));
        Assert.Equal(["Financial", "Customer", "Internal Process", "Learning & Growth"], layout.Bands.Select(b => b.Perspective.Name));
        Assert.True(layout.Bands.Zip(layout.Bands.Skip(1)).All(pair => pair.First.Rect.Bottom <= pair.Second.Rect.Top), "bands are stacked top to bottom in the model's order");
        Assert.Equal(10, layout.Boxes.Count);
        Assert.Equal(11, layout.Arrows.Count);
    }

    [Fact]
    public void Boxes_AreColouredByStatus()
    {
        var (png, layout) = StrategyMapPicture.Draw(ChartSamples.LogisticsStrategyMap());
        using var bitmap = PngFile.Decode(png);

        foreach (var box in layout.Boxes.Values)
        {
            // The status strip along the top of the box, left of its label.
            var strip = bitmap.GetPixel((int)box.Rect.Left + 5, (int)box.Rect.Top + 10);
            Assert.True(PngFile.Near(strip, ChartPalette.For(box.Objective.Status), 10), $"{box.Objective.Name} ({box.Objective.Status}): {strip}");
        }
    }

    [Fact]
    public void Link_DrawsAnArrowBetweenTheBoxes()
    {
        var (withLink, layout) = StrategyMapPicture.Draw(TwoObjectives(new MapLink(Retention, Revenue)));
        var (withoutLink, _) = StrategyMapPicture.Draw(TwoObjectives());
        var effect = layout.Boxes[Revenue].Rect;
        var cause = layout.Boxes[Retention].Rect;
        var (x, y) = ((int)effect.MidX, (int)((effect.Bottom + cause.Top) / 2));

        using var linked = PngFile.Decode(withLink);
        using var plain = PngFile.Decode(withoutLink);
        Assert.True(PngFile.Near(linked.GetPixel(x, y), ChartPalette.Link, 40), $"arrow pixel is {linked.GetPixel(x, y)}");
        Assert.False(PngFile.Near(plain.GetPixel(x, y), ChartPalette.Link, 40));
        Assert.Equal(layout.Boxes[Retention].Rect.Top, layout.Arrows[0].Points[0].Y);
        Assert.Equal(layout.Boxes[Revenue].Rect.Bottom, layout.Arrows[0].Points[^1].Y);
    }

    [Fact]
    public void ArrowsCrossingABand_PassBetweenItsBoxes()
    {
        var layout = StrategyMapLayout.Compute(ChartSamples.LogisticsStrategyMap(), 1280);

        foreach (var arrow in layout.Arrows)
        {
            // Every point of a route except its ends lies outside every box.
            foreach (var point in arrow.Points.Skip(1).SkipLast(1))
            {
                Assert.DoesNotContain(layout.Boxes.Values, box => box.Rect.Contains(point));
            }
        }
    }

    [Fact]
    public void SixObjectivesWithLongNames_FitWithoutOverlapping()
    {
        var names = new[]
        {
            "Increase revenue from strategic key accounts in the Nordic and Baltic markets",
            "Reduce cost to serve",
            "Supercalifragilisticexpialidocious-operational-excellence-programme",
            "Improve cash conversion cycle across all business units and subsidiaries worldwide",
            "Grow",
            "Diversify the revenue base through new value-added logistics services",
        };
        var objectives = names.Select((n, i) => new MapObjective(Guid.NewGuid(), n, (Status)(i % 4), i * 17)).ToList();
        var model = new StrategyMapModel("Crowded", [new MapPerspective("Financial", PerspectiveKind.Financial, objectives)], []);

        var (png, layout) = StrategyMapPicture.Draw(model, 1024);

        Assert.True(PngFile.HasSignature(png));
        var boxes = layout.Boxes.Values.OrderBy(b => b.Rect.Left).ToList();
        Assert.True(boxes.Zip(boxes.Skip(1)).All(p => p.First.Rect.Right < p.Second.Rect.Left), "boxes side by side do not overlap");
        Assert.All(boxes, b => Assert.InRange(b.Lines.Count, 1, StrategyMapLayout.MaxLines));
        using var font = SkiaDrawing.Font(false, StrategyMapLayout.NameFontSize);
        Assert.All(boxes.SelectMany(b => b.Lines.Select(l => (b, l))), t => Assert.True(font.MeasureText(t.l) <= t.b.Rect.Width - 20, $"'{t.l}' is wider than its box"));
        Assert.Contains(boxes, b => b.Lines[^1].EndsWith("...", StringComparison.Ordinal));
    }

    [Fact]
    public void SameBandNeighbours_AreJoinedSideways()
    {
        var layout = StrategyMapLayout.Compute(ChartSamples.LogisticsStrategyMap(), 1280);
        var reliableToRetain = layout.Arrows.Single(a => a.Link.CauseId == Guid.Parse("00000000-0000-0000-0000-000000000004"));

        Assert.True(reliableToRetain.Horizontal);
        Assert.Equal(layout.Boxes[reliableToRetain.Link.EffectId].Rect.Right, reliableToRetain.Points[^1].X);
    }

    [Fact]
    public void LinkToAnUnknownObjective_IsRefusedWithItsId()
    {
        var stranger = Guid.Parse("99999999-0000-0000-0000-000000000000");

        var error = Assert.Throws<ArgumentException>(() => StrategyMapPicture.Render(TwoObjectives(new MapLink(stranger, Revenue))));
        Assert.Contains(stranger.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyMaps_StillRender()
    {
        var noBands = new StrategyMapModel("Nothing yet", [], []);
        var emptyBands = new StrategyMapModel("Perspectives only", [.. Perspective.Defaults.Select(d => new MapPerspective(d.Name, d.Kind, []))], []);

        Assert.True(PngFile.HasSignature(StrategyMapPicture.Render(noBands)));
        Assert.True(PngFile.HasSignature(StrategyMapPicture.Render(emptyBands, StrategyMapPicture.MinWidth)));
    }

    [Fact]
    public void Render_SameInput_SameBytes() =>
        Assert.Equal(StrategyMapPicture.Render(ChartSamples.LogisticsStrategyMap()), StrategyMapPicture.Render(ChartSamples.LogisticsStrategyMap()));

    [Fact]
    public void Text_UsesTheEmbeddedFont() =>
        Assert.NotEqual(0, ChartFonts.Regular.GetGlyphs("Ag&%")[0]);

    [Fact]
    public void Wrap_BreaksAtSpacesAndEllipsisesTheRest()
    {
        using var font = SkiaDrawing.Font(false, 14);

        var lines = SkiaDrawing.Wrap("Deliver on time every time to every customer in every region", font, 120, 2);

        Assert.Equal(2, lines.Count);
        Assert.Equal("Deliver on time", lines[0]);
        Assert.EndsWith("...", lines[1], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(font.MeasureText(l) <= 120));
    }

    [Fact]
    public void BoxText_IsDarkOnTheTintedFill()
    {
        var (png, layout) = StrategyMapPicture.Draw(TwoObjectives());
        using var bitmap = PngFile.Decode(png);
        var box = layout.Boxes[Revenue].Rect;
        var body = Enumerable.Range((int)box.Left + 10, (int)box.Width - 20)
            .SelectMany(x => Enumerable.Range((int)box.Top + 24, (int)box.Height - 30).Select(y => bitmap.GetPixel(x, y)))
            .ToList();

        Assert.Contains(body, p => p.Red < 80 && p.Green < 80 && p.Blue < 80);
        Assert.Contains(body, p => PngFile.Near(p, ChartPalette.Tint(Status.Green, 0.10f), 3));
    }
}
