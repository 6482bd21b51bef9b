using RenderFarm.Core.Cameras;
using RenderFarm.Core.Colors;

namespace RenderFarm.Rendering.Frames;

/// <summary>
/// Everything one frame shows: where the camera looks, the background and the layers drawn over it
/// in order (later layers on top). 2-D (orthographic) frames draw items in the order given; 3-D
/// (perspective) frames also depth-test them.
/// </summary>
public sealed record FrameDescription(CameraView Camera, Rgba8 Background, IReadOnlyList<FrameLayer> Layers);

/// <summary>How a size is measured: screen pixels, or layout (world) units that zoom with the camera.</summary>
public enum SizeUnit
{
    Pixels,
    World,
}

/// <summary>One set of instanced items drawn by one pipeline.</summary>
public abstract record FrameLayer
{
    /// <summary>Item positions, <see cref="Dimensions"/> floats each (x, y[, z]) in layout units.</summary>
    public required ReadOnlyMemory<float> Positions { get; init; }

    /// <summary>2 for (x, y), 3 for (x, y, z).</summary>
    public int Dimensions { get; init; } = 2;

    /// <summary>The item count implied by the positions.</summary>
    public int Count => Dimensions is 2 or 3 ? Positions.Length / Dimensions : 0;

    /// <summary>One colour for every item (length 1) or one per item (length <see cref="Count"/>).</summary>
    public ReadOnlyMemory<Rgba8> Colors { get; init; }

    /// <summary>Diameter of points or side of sprites, in <see cref="SizeUnit"/>.</summary>
    public float Size { get; init; } = 6;

    public SizeUnit SizeUnit { get; init; } = SizeUnit.Pixels;
}

/// <summary>How a point is shaded.</summary>
public enum PointShading
{
    /// <summary>A flat disc with an anti-aliased edge.</summary>
    Disc,

    /// <summary>A sphere impostor lit from the upper left: the terrain look.</summary>
    Sphere,
}

/// <summary>Coloured points (class or cluster colours), one disc or sphere per item.</summary>
public sealed record PointLayer : FrameLayer
{
    /// <summary>Optional per-item diameters in <see cref="FrameLayer.SizeUnit"/> (e.g. a metadata column); empty uses Size.</summary>
    public ReadOnlyMemory<float> Sizes { get; init; }

    public PointShading Shading { get; init; } = PointShading.Disc;

    /// <summary>3-D layers: a lit height field under the items, made from their heights; null for none.</summary>
    public TerrainSurface? Surface { get; init; }
}

/// <summary>How a sprite's thumbnail covers what is behind it.</summary>
public enum SpriteMode
{
    /// <summary>MNIST-style: alpha rises with luminance up to <see cref="SpriteLayer.Threshold"/>, so black backgrounds vanish.</summary>
    Threshold,

    /// <summary>The whole square tile, optionally with a border in the item's colour.</summary>
    Opaque,
}

/// <summary>One thumbnail per item, sampled from an atlas uploaded with <see cref="RenderDevice.UploadAtlas"/>.</summary>
public sealed record SpriteLayer : FrameLayer
{
    public required Atlases.ThumbnailAtlas Atlas { get; init; }

    /// <summary>The atlas cell (thumbnail index) of each item; one per item.</summary>
    public required ReadOnlyMemory<int> Cells { get; init; }

    public SpriteMode Mode { get; init; } = SpriteMode.Threshold;

    /// <summary>Threshold mode: the sRGB luminance (0..1] at which a pixel becomes fully opaque.</summary>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>Opaque mode: border width in pixels drawn in the item's colour (needs <see cref="FrameLayer.Colors"/>); 0 for none.</summary>
    public float BorderPixels { get; init; }

    // In threshold mode Colors (when given) tint the bright strokes, e.g. by class.
}
