namespace RenderFarm.Rendering.Managed;

/// <summary>
/// One item's look at one sub-pixel phase, pre-scaled to its size on screen: Size × Size pixels,
/// each row padded to <see cref="Stride"/> pixels (a multiple of 16, zeros past Size) so the
/// compositor reads whole vectors. Values are 16-bit fixed point in linear light (65535 = 1).
/// With colour, pixels are interleaved premultiplied R, G, B, alpha — the compositor's own layout,
/// so a vector of stamp pixels meets a vector of band pixels with no shuffling of planes; then,
/// with a mask, one plane of the weight of the item's own colour (threshold strokes, a disc's
/// coverage, a tile's border), one value a pixel, widened to four channels as it is blended.
/// </summary>
internal sealed class Stamp
{
    public const float Scale = 65535f;

    public Stamp(int size, bool hasColor, bool hasMask)
    {
        Size = size;
        Stride = (size + 15) / 16 * 16;
        HasColor = hasColor;
        HasMask = hasMask;
        Data = new ushort[((HasColor ? 4 : 0) + (HasMask ? 1 : 0)) * size * Stride];
    }

    public int Size { get; }
    public int Stride { get; }
    public bool HasColor { get; }
    public bool HasMask { get; }
    public ushort[] Data { get; }
    public long Bytes => Data.Length * 2L;

    /// <summary>Where the mask plane starts in <see cref="Data"/>: after the colour pixels, if any.</summary>
    public int MaskStart => HasColor ? 4 * Size * Stride : 0;

    /// <summary>Sets the premultiplied colour (<paramref name="r"/>, <paramref name="g"/>, <paramref name="b"/> already times <paramref name="a"/>) of one pixel.</summary>
    public void SetColor(int row, int column, float r, float g, float b, float a)
    {
        int at = (row * Stride + column) * 4;
        Data[at] = Quantise(r);
        Data[at + 1] = Quantise(g);
        Data[at + 2] = Quantise(b);
        Data[at + 3] = Quantise(a);
    }

    public void SetMask(int row, int column, float value) => Data[MaskStart + row * Stride + column] = Quantise(value);

    /// <summary>Linear light 0..1 to 16-bit fixed point, rounded.</summary>
    public static ushort Quantise(float value) => (ushort)(Math.Clamp(value, 0f, 1f) * Scale + 0.5f);

    /// <summary>Footprint pixels a side for an item <paramref name="side"/> pixels across at any phase.</summary>
    public static int FootprintForSide(float side) => (int)Math.Ceiling(side + 0.5f);
}
