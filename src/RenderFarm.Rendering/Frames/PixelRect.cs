namespace RenderFarm.Rendering.Frames;

/// <summary>A rectangle of pixels: <see cref="X"/>, <see cref="Y"/> from the top-left corner, y down.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public override string ToString() => $"{Width}×{Height} at ({X}, {Y})";
}

/// <summary>
/// One tile of a larger virtual image: render <see cref="Rect"/> of an
/// <see cref="ImageWidth"/>×<see cref="ImageHeight"/> frame. Sizes in pixels mean the same as in
/// the whole image, so tiles stitch without seams into posters larger than the device allows.
/// </summary>
public readonly record struct FrameTile(int ImageWidth, int ImageHeight, PixelRect Rect);
