using SkiaSharp;

namespace ScorecardBot.Charts;

internal sealed record MapBand(MapPerspective Perspective, SKRect Rect, IReadOnlyList<string> Label);

internal sealed record MapBox(MapObjective Objective, int Band, SKRect Rect, IReadOnlyList<string> Lines);

/// <summary>
/// A cause→effect arrow as a chain of points joined by S-curves; the last point is the tip.
/// Horizontal arrows join neighbours in one band and leave and arrive sideways.
/// </summary>
internal sealed record MapArrow(MapLink Link, IReadOnlyList<SKPoint> Points, bool Horizontal = false);

/// <summary>Where everything on a strategy map goes. Pure geometry: the picture only paints it.</summary>
internal sealed record StrategyMapLayout(
    int Width,
    int Height,
    float TitleTop,
    IReadOnlyList<MapBand> Bands,
    IReadOnlyDictionary<Guid, MapBox> Boxes,
    IReadOnlyList<MapArrow> Arrows,
    float LegendTop)
{
    public const float Margin = 24;
    public const float WideLabelWidth = 170;
    public const float NarrowLabelWidth = 118;
    public const float BandPadding = 30;
    public const float MaxBoxWidth = 250;
    public const float BoxGap = 28;
    public const float HeaderHeight = 20;
    public const float LineHeight = 18;
    public const float NameFontSize = 14;
    public const int MaxLines = 4;

    public static StrategyMapLayout Compute(StrategyMapModel model, int width)
    {
        Validate(model);
        var top = Margin + (model.Subtitle is null ? 44 : 66);
        var labelWidth = LabelWidth(width);
        var areaLeft = Margin + labelWidth;
        var areaRight = width - Margin;

        using var nameFont = SkiaDrawing.Font(false, NameFontSize);
        using var labelFont = SkiaDrawing.Font(true, 15);

        // Boxes first, to learn how many lines the longest name needs: every box gets that height.
        var placed = new List<(MapObjective Objective, int Band, float Left, float Right, IReadOnlyList<string> Lines)>();
        for (var b = 0; b < model.Perspectives.Count; b++)
        {
            var objectives = model.Perspectives[b].Objectives;
            var slot = (areaRight - areaLeft) / Math.Max(objectives.Count, 1);
            var boxWidth = Math.Min(slot - BoxGap, MaxBoxWidth);
            for (var i = 0; i < objectives.Count; i++)
            {
                var centre = areaLeft + (slot * (i + 0.5f));
                // Narrow boxes get a fourth line rather than cutting short names.
                var lines = SkiaDrawing.Wrap(objectives[i].Name, nameFont, boxWidth - 20, boxWidth < 170 ? MaxLines : MaxLines - 1);
                placed.Add((objectives[i], b, centre - (boxWidth / 2), centre + (boxWidth / 2), lines));
            }
        }

        var lineCount = Math.Max(2, placed.Count == 0 ? 0 : placed.Max(p => p.Lines.Count));
        var boxHeight = HeaderHeight + 10 + (lineCount * LineHeight) + 10;
        var bandHeight = boxHeight + (2 * BandPadding);

        var bands = model.Perspectives
            .Select((p, b) => new MapBand(
                p,
                new SKRect(Margin, top + (b * bandHeight), areaRight, top + ((b + 1) * bandHeight)),
                SkiaDrawing.Wrap(p.Name, labelFont, labelWidth - 28, 3)))
            .ToList();

        var boxes = placed.ToDictionary(
            p => p.Objective.Id,
            p =>
            {
                var band = bands[p.Band].Rect;
                return new MapBox(p.Objective, p.Band, new SKRect(p.Left, band.Top + BandPadding, p.Right, band.Bottom - BandPadding), p.Lines);
            });

        var bandsBottom = bands.Count == 0 ? top + 60 : bands[^1].Rect.Bottom;
        var arrows = ArrowRouter.Route(model.Links, boxes, bands, areaLeft, areaRight);
        return new StrategyMapLayout(width, (int)Math.Ceiling(bandsBottom + 56), Margin, bands, boxes, arrows, bandsBottom + 18);
    }

    /// <summary>The column of perspective names: narrower on small pictures so the boxes keep their room.</summary>
    public static float LabelWidth(int width) => width < 900 ? NarrowLabelWidth : WideLabelWidth;

    private static void Validate(StrategyMapModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var ids = new HashSet<Guid>();
        foreach (var objective in model.Perspectives.SelectMany(p => p.Objectives))
        {
            if (!ids.Add(objective.Id))
            {
                throw new ArgumentException($"The objective {objective.Id} ('{objective.Name}') appears twice on the strategy map.", nameof(model));
            }
        }

        foreach (var link in model.Links)
        {
            if (!ids.Contains(link.CauseId) || !ids.Contains(link.EffectId))
            {
                var missing = ids.Contains(link.CauseId) ? link.EffectId : link.CauseId;
                throw new ArgumentException($"A cause→effect link refers to objective {missing}, which is not on the strategy map.", nameof(model));
            }

            if (link.CauseId == link.EffectId)
            {
                throw new ArgumentException($"The objective {link.CauseId} is linked to itself; a cause→effect link joins two objectives.", nameof(model));
            }
        }
    }
}
