using SkiaSharp;

namespace ScorecardBot.Charts;

/// <summary>
/// Routes cause→effect arrows between the boxes of a strategy map. An arrow leaves the cause's
/// edge facing the effect, crosses the bands in between through the gaps between their boxes,
/// and ends on the effect's facing edge; several arrows on one edge are spread along it in the
/// order of where they come from, so they do not cross at the box.
/// </summary>
internal static class ArrowRouter
{
    private enum Side
    {
        Top,
        Bottom,
        Left,
        Right,
    }

    private sealed record Plan(MapLink Link, MapBox Cause, MapBox Effect, List<SKPoint> Middle, Side CauseSide, Side EffectSide)
    {
        /// <summary>Where the route crosses a band: the band and the index of its first point in <see cref="Middle"/>.</summary>
        public List<(int Band, int Index)> Lanes { get; } = [];

        public bool Horizontal => CauseSide is Side.Left or Side.Right;
    }

    public static IReadOnlyList<MapArrow> Route(
        IReadOnlyList<MapLink> links, IReadOnlyDictionary<Guid, MapBox> boxes, IReadOnlyList<MapBand> bands, float areaLeft, float areaRight)
    {
        var plans = links.Distinct().Select(link => PlanFor(link, boxes, bands, areaLeft, areaRight)).ToList();

        SpreadSharedLanes(plans);

        // Attachment points: per box edge, sorted by the x the arrow heads towards.
        var ends = new Dictionary<(Guid Box, Side Side), List<(Plan Plan, bool IsCause, float TowardsX)>>();
        foreach (var plan in plans)
        {
            Add(ends, (plan.Cause.Objective.Id, plan.CauseSide), (plan, true, plan.Middle.Count > 0 ? plan.Middle[0].X : plan.Effect.Rect.MidX));
            Add(ends, (plan.Effect.Objective.Id, plan.EffectSide), (plan, false, plan.Middle.Count > 0 ? plan.Middle[^1].X : plan.Cause.Rect.MidX));
        }

        var attach = new Dictionary<(Plan, bool), SKPoint>();
        foreach (var ((boxId, side), list) in ends)
        {
            var rect = boxes[boxId].Rect;
            var ordered = list.OrderBy(e => e.TowardsX).ThenBy(e => e.Plan.Link.CauseId).ThenBy(e => e.Plan.Link.EffectId).ToList();
            var vertical = side is Side.Left or Side.Right;
            var spacing = vertical
                ? Math.Min(12f, rect.Height * 0.5f / Math.Max(ordered.Count, 1))
                : Math.Min(22f, rect.Width * 0.7f / Math.Max(ordered.Count, 1));
            for (var i = 0; i < ordered.Count; i++)
            {
                var offset = (i - ((ordered.Count - 1) / 2f)) * spacing;
                attach[(ordered[i].Plan, ordered[i].IsCause)] = side switch
                {
                    Side.Top => new SKPoint(rect.MidX + offset, rect.Top),
                    Side.Bottom => new SKPoint(rect.MidX + offset, rect.Bottom),
                    Side.Left => new SKPoint(rect.Left, rect.MidY + 10 + offset),
                    _ => new SKPoint(rect.Right, rect.MidY + 10 + offset),
                };
            }
        }

        return plans
            .Select(plan => new MapArrow(plan.Link, [attach[(plan, true)], .. plan.Middle, attach[(plan, false)]], plan.Horizontal))
            .ToList();
    }

    /// <summary>Arrows through the same gap run side by side, left to right in the order of their causes.</summary>
    private static void SpreadSharedLanes(List<Plan> plans)
    {
        var crossings = plans
            .SelectMany(plan => plan.Lanes.Select(lane => (Plan: plan, lane.Band, lane.Index, X: plan.Middle[lane.Index].X)))
            .GroupBy(c => (c.Band, X: MathF.Round(c.X)));
        foreach (var lane in crossings)
        {
            var ordered = lane.OrderBy(c => c.Plan.Cause.Rect.MidX).ThenBy(c => c.Plan.Effect.Rect.MidX).ToList();
            var spacing = Math.Min(10f, 24f / ordered.Count);
            for (var i = 0; i < ordered.Count; i++)
            {
                var offset = (i - ((ordered.Count - 1) / 2f)) * spacing;
                var (plan, index) = (ordered[i].Plan, ordered[i].Index);
                plan.Middle[index] = new SKPoint(plan.Middle[index].X + offset, plan.Middle[index].Y);
                plan.Middle[index + 1] = new SKPoint(plan.Middle[index + 1].X + offset, plan.Middle[index + 1].Y);
            }
        }
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private static Plan PlanFor(MapLink link, IReadOnlyDictionary<Guid, MapBox> boxes, IReadOnlyList<MapBand> bands, float areaLeft, float areaRight)
    {
        var cause = boxes[link.CauseId];
        var effect = boxes[link.EffectId];
        if (cause.Band == effect.Band)
        {
            var rightwards = effect.Rect.MidX > cause.Rect.MidX;
            var (low, high) = rightwards ? (cause.Rect.MidX, effect.Rect.MidX) : (effect.Rect.MidX, cause.Rect.MidX);
            var between = boxes.Values.Any(o => o.Band == cause.Band && o.Rect.MidX > low && o.Rect.MidX < high);
            if (!between)
            {
                // Neighbours: straight across the gap between them.
                return new Plan(link, cause, effect, [], rightwards ? Side.Right : Side.Left, rightwards ? Side.Left : Side.Right);
            }

            // Boxes in between: an arc over the band's top padding.
            var arcY = bands[cause.Band].Rect.Top + 8;
            var (from, to) = (cause.Rect.MidX, effect.Rect.MidX);
            return new Plan(link, cause, effect, [new SKPoint(from + ((to - from) * 0.25f), arcY), new SKPoint(from + ((to - from) * 0.75f), arcY)], Side.Top, Side.Top);
        }

        var upward = cause.Band > effect.Band;
        var middle = new List<SKPoint>();
        var lanes = new List<(int Band, int Index)>();
        var step = upward ? -1 : 1;
        for (var b = cause.Band + step; b != effect.Band; b += step)
        {
            var band = bands[b].Rect;
            var fraction = (float)(b - cause.Band) / (effect.Band - cause.Band);
            var idealX = cause.Rect.MidX + ((effect.Rect.MidX - cause.Rect.MidX) * fraction);
            var x = NearestGap(boxes.Values.Where(o => o.Band == b).Select(o => o.Rect).OrderBy(r => r.Left).ToList(), idealX, areaLeft, areaRight);
            lanes.Add((b, middle.Count));
            middle.Add(new SKPoint(x, upward ? band.Bottom - 6 : band.Top + 6));
            middle.Add(new SKPoint(x, upward ? band.Top + 6 : band.Bottom - 6));
        }

        var plan = new Plan(link, cause, effect, middle, upward ? Side.Top : Side.Bottom, upward ? Side.Bottom : Side.Top);
        plan.Lanes.AddRange(lanes);
        return plan;
    }

    /// <summary>The x of the free lane between boxes (or beside them) closest to where the arrow wants to pass.</summary>
    private static float NearestGap(List<SKRect> rects, float idealX, float areaLeft, float areaRight)
    {
        if (rects.Count == 0)
        {
            return idealX;
        }

        var gaps = new List<float> { (areaLeft + rects[0].Left) / 2 };
        for (var i = 1; i < rects.Count; i++)
        {
            gaps.Add((rects[i - 1].Right + rects[i].Left) / 2);
        }

        gaps.Add((rects[^1].Right + areaRight) / 2);
        if (rects.Any(r => idealX >= r.Left - 4 && idealX <= r.Right + 4))
        {
            return gaps.MinBy(g => Math.Abs(g - idealX));
        }

        return idealX;
    }
}
