using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Atlases;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Managed;

/// <summary>What a sprite stamp depends on besides the cell and phase: one set of stamps per key.</summary>
internal readonly record struct SpriteStampKey(ThumbnailAtlas Atlas, float SidePx, SpriteMode Mode, float ThresholdLinear, float BorderPx, bool Tinted)
{
    public static SpriteStampKey For(SpriteLayer layer, float sidePx) => new(
        layer.Atlas,
        sidePx,
        layer.Mode,
        layer.Mode == SpriteMode.Threshold ? Math.Max(1e-6f, (float)Srgb.ToLinear(layer.Threshold)) : 0f,
        layer.Mode == SpriteMode.Opaque && layer.Colors.Length > 0 ? layer.BorderPixels : 0f,
        layer.Colors.Length > 0);

    /// <summary>Threshold sprites with a tint keep only their alpha: the colour comes from the item.</summary>
    public bool MaskOnly => Mode == SpriteMode.Threshold && Tinted;

    /// <summary>Opaque tiles with a border: the border is a mask plane in the item's colour.</summary>
    public bool HasBorder => Mode == SpriteMode.Opaque && BorderPx > 0;

    /// <summary>Whether the stamps hold colour pixels: all but mask-only ones.</summary>
    public bool HasColor => !MaskOnly;

    /// <summary>Whether the stamps hold a mask plane: the strokes of mask-only sprites, or a border.</summary>
    public bool HasMask => MaskOnly || HasBorder;
}
