using RenderFarm.Core.Colors;

namespace RenderFarm.Encoding.Overlays;

/// <summary>A class in the legend: its name and swatch colour (usually <see cref="Palette.ForIndex"/>).</summary>
public sealed record LegendEntry(string Name, Rgba8 Color);

/// <summary>A label centred on a pixel position of the frame (e.g. a cluster centroid after projection).</summary>
public sealed record ClusterLabel(string Text, float X, float Y);

/// <summary>
/// What an overlay shows. Sizes scale with the frame height (the numbers below are for 1080 rows), so the
/// same spec reads the same on a 720p preview, a 4K video and a print poster.
/// </summary>
public sealed record OverlaySpec
{
    /// <summary>Top left, bold.</summary>
    public string? Title { get; init; }

    /// <summary>Top right, on a translucent panel.</summary>
    public IReadOnlyList<LegendEntry> Legend { get; init; } = [];

    /// <summary>Bold, with a halo so they read on any background.</summary>
    public IReadOnlyList<ClusterLabel> Labels { get; init; } = [];

    /// <summary>Bottom left: the layout's name and metrics (see <see cref="OverlayCaption.ForLayout"/>).</summary>
    public string? Caption { get; init; }

    public Rgba8 TextColor { get; init; } = new(0x22, 0x22, 0x22);

    /// <summary>Outline around text; the contrast of text colour and halo is what keeps labels legible.</summary>
    public Rgba8 HaloColor { get; init; } = new(0xFF, 0xFF, 0xFF, 0xE6);

    public Rgba8 PanelColor { get; init; } = new(0xFF, 0xFF, 0xFF, 0xCC);

    public float TitleSize { get; init; } = 44;

    public float LegendSize { get; init; } = 24;

    public float LabelSize { get; init; } = 26;

    public float CaptionSize { get; init; } = 22;

    public float Margin { get; init; } = 28;
}
