namespace RenderFarm.Rendering.Frames;

/// <summary>Checks a frame request before any GPU work, so a bad request fails with a message, not a device fault.</summary>
internal static class FrameValidator
{
    /// <summary>Largest virtual image a tile may belong to: a 20,000 px poster fits with room to spare.</summary>
    public const int MaxImageSide = 1 << 18;

    public static FrameTile Tile(FrameTile? tile, int targetWidth, int targetHeight)
    {
        if (tile is null) return new FrameTile(targetWidth, targetHeight, new PixelRect(0, 0, targetWidth, targetHeight));
        var t = tile.Value;
        var r = t.Rect;
        if (t.ImageWidth < 1 || t.ImageHeight < 1 || t.ImageWidth > MaxImageSide || t.ImageHeight > MaxImageSide)
            throw new RenderingException($"The image size {t.ImageWidth}×{t.ImageHeight} must be between 1 and {MaxImageSide} pixels a side.");
        if (r.Width < 1 || r.Height < 1)
            throw new RenderingException($"The tile {r} is empty.");
        if (r.X < 0 || r.Y < 0 || (long)r.X + r.Width > t.ImageWidth || (long)r.Y + r.Height > t.ImageHeight)
            throw new RenderingException($"The tile {r} lies outside the {t.ImageWidth}×{t.ImageHeight} image.");
        if (r.Width > targetWidth || r.Height > targetHeight)
            throw new RenderingException($"The tile {r} is larger than this renderer's {targetWidth}×{targetHeight} target.");
        return t;
    }

    public static void Frame(FrameDescription frame, int maxLayers)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(frame.Camera);
        ArgumentNullException.ThrowIfNull(frame.Layers);
        if (frame.Layers.Count > maxLayers)
            throw new RenderingException($"A frame holds at most {maxLayers} layers, not {frame.Layers.Count}.");
        if (frame.Layers.Count(l => l is PointLayer { Surface: not null }) > 1)
            throw new RenderingException("A frame holds at most one terrain surface.");
        for (int i = 0; i < frame.Layers.Count; i++)
        {
            var layer = frame.Layers[i] ?? throw new RenderingException($"Layer {i} is null.");
            string name = $"Layer {i} ({layer.GetType().Name})";
            if (layer.Dimensions is not (2 or 3))
                throw new RenderingException($"{name}: positions must have 2 or 3 dimensions, not {layer.Dimensions}.");
            if (layer.Positions.Length % layer.Dimensions != 0)
                throw new RenderingException($"{name}: {layer.Positions.Length} position floats are not a whole number of {layer.Dimensions}-D items.");
            int n = layer.Count;
            if (!(layer.Size > 0) || !float.IsFinite(layer.Size))
                throw new RenderingException($"{name}: the size must be a positive number, not {layer.Size}.");
            switch (layer)
            {
                case PointLayer points:
                    if (points.Colors.Length != 1 && points.Colors.Length != n)
                        throw new RenderingException($"{name}: {points.Colors.Length} colours for {n} points; give one colour or one per point.");
                    if (points.Sizes.Length != 0 && points.Sizes.Length != n)
                        throw new RenderingException($"{name}: {points.Sizes.Length} sizes for {n} points; give none or one per point.");
                    if (points.Surface is not null && points.Dimensions != 3)
                        throw new RenderingException($"{name}: a terrain surface needs 3-D positions (its heights are the items' z).");
                    if (points.Surface is { Resolution: < TerrainSurface.MinResolution or > TerrainSurface.MaxResolution } bad)
                        throw new RenderingException($"{name}: the surface resolution must lie between {TerrainSurface.MinResolution} and {TerrainSurface.MaxResolution} nodes a side, not {bad.Resolution}.");
                    break;
                case SpriteLayer sprites:
                    if (sprites.Cells.Length != n)
                        throw new RenderingException($"{name}: {sprites.Cells.Length} atlas cells for {n} sprites; give one per sprite.");
                    if (sprites.Colors.Length is not 0 and not 1 && sprites.Colors.Length != n)
                        throw new RenderingException($"{name}: {sprites.Colors.Length} colours for {n} sprites; give none, one or one per sprite.");
                    if (!(sprites.Threshold > 0 && sprites.Threshold <= 1))
                        throw new RenderingException($"{name}: the threshold must lie in (0, 1], not {sprites.Threshold}.");
                    if (!(sprites.BorderPixels >= 0) || !float.IsFinite(sprites.BorderPixels))
                        throw new RenderingException($"{name}: the border width must be 0 or more pixels, not {sprites.BorderPixels}.");
                    if (sprites.BorderPixels > 0 && sprites.Colors.Length == 0)
                        throw new RenderingException($"{name}: a border needs colours.");
                    break;
                default:
                    throw new RenderingException($"{name}: this layer type is not supported by the renderer.");
            }
        }
    }
}
