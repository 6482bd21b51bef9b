using RenderFarm.Core.Colors;
using RenderFarm.Core.Scenes;
using RenderFarm.Encoding.Overlays;
using RenderFarm.Layouts.Pipeline;

namespace RenderFarm.Service.Renders;

/// <summary>Item colours and the legend that explains them: by class, or by the k-means clusters of the output's layout.</summary>
internal static class ItemColors
{
    /// <summary>Vivid orange, outside the muted palette, for the items <c>highlight: new</c> singles out.</summary>
    public static readonly Rgba8 Accent = new(0xFF, 0x55, 0x00);

    /// <summary>Opacity of the other items while new ones are highlighted: still readable, clearly behind.</summary>
    public const byte FadedAlpha = 80;

    /// <summary>Each item's colour, lifted where needed to stand out from <paramref name="background"/> (see <see cref="Palette.ForIndex(int, Rgba8)"/>).</summary>
    public static Rgba8[] For(OutputSpec output, LayoutSet layouts, LayoutResult layout, Rgba8 background)
    {
        int[] groups = Groups(output, layouts, layout);
        // A handful of groups among thousands of items: each group's contrast worked out once.
        var byGroup = groups.Distinct().ToDictionary(g => g, g => Palette.ForIndex(g, background));
        Rgba8[] colors = groups.Select(g => byGroup[g]).ToArray();
        return output.Highlight == HighlightMode.New ? Highlighted(output, layouts.Changes, colors) : colors;
    }

    /// <summary>
    /// <c>highlight: new</c>: the accent for items the previous run did not have, the others in
    /// their colour at <see cref="FadedAlpha"/>. Where the frames do not show colours (thumbnails
    /// without a border), the colours become what <see cref="OutputDrawing"/> then draws: a tint of
    /// thresholded strokes (white, i.e. untinted, for the others) or the border of opaque tiles
    /// (none for the others). When nothing is new (or there was no previous run) the colours stay
    /// as they are, and so does the picture.
    /// </summary>
    private static Rgba8[] Highlighted(OutputSpec output, ItemChanges? changes, Rgba8[] colors)
    {
        if (changes is not { New: > 0 })
        {
            return colors;
        }

        bool tiles = !Shown(output) && (output.Style == OutputStyle.GridMosaic || output.SpriteMode == SpriteMode.Opaque);
        var result = new Rgba8[colors.Length];
        for (int i = 0; i < colors.Length; i++)
        {
            Rgba8 own = Shown(output) ? colors[i] : new Rgba8(255, 255, 255);
            result[i] = changes.IsNew[i] ? Accent : own with { A = tiles ? (byte)0 : FadedAlpha };
        }

        return result;
    }

    /// <summary>Whether the frames show the colours: points and terrain always, thumbnails only through a border.</summary>
    public static bool Shown(OutputSpec output) =>
        output.Style is OutputStyle.Points or OutputStyle.Terrain || (output.Border && (output.Style == OutputStyle.GridMosaic || output.SpriteMode == SpriteMode.Opaque));

    public static IReadOnlyList<LegendEntry> Legend(OutputSpec output, LayoutSet layouts, LayoutResult layout, Rgba8 background)
    {
        if (OutputChecks.ResolveColorBy(output, layouts.Input.ClassNames.Count) == ColorBy.Label)
        {
            return layouts.Input.ClassNames.Select((name, i) => new LegendEntry(name, Palette.ForIndex(i, background))).ToArray();
        }

        return ClusterNames.For(layouts, layout).Select((name, k) => new LegendEntry(name, Palette.ForIndex(k, background))).ToArray();
    }

    private static int[] Groups(OutputSpec output, LayoutSet layouts, LayoutResult layout) =>
        OutputChecks.ResolveColorBy(output, layouts.Input.ClassNames.Count) == ColorBy.Label && layouts.Labels is { } labels
            ? labels
            : layout.Clusters;
}
