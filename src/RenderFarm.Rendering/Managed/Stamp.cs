namespace RenderFarm.Rendering.Managed;

/// <summary>
/// One item's look at one sub-pixel phase, pre-scaled to its size on screen: Size × Size pixels,
/// each row padded to <see cref="Stride"/> pixels (a multiple of 16, zeros past Size) so the
/// compositor reads whole vectors. Values are 16-bit fixed point in linear light (65535 = 1).
/// With colour, pixels are interleaved premultiplied R, G, B, alpha — the compositor's own layout,
/// so a vector of stamp pixels meets a vector of band pixels with no shuffling of planes; then,
/// with a mask, one plane of the weight of the item's own colour (threshold strokes, a disc's
/// coverage, a tile's border), one value a pixel, widened to four channels as it is blended.
/// The values live in a <see cref="StampMemory"/> shared with the rest of the stamp's set.
/// </summary>
internal sealed unsafe class Stamp
{
    public const float Scale = 65535f;

    private readonly StampMemory _memory;

    /// <param name="offset">Where in <paramref name="memory"/> the stamp starts, in 16-bit values; <see cref="Length"/> of them, zero.</param>
    public Stamp(int size, bool hasColor, bool hasMask, StampMemory memory, long offset)
    {
        Size = size;
        Stride = StrideFor(size);
        HasColor = hasColor;
        HasMask = hasMask;
        _memory = memory;
        Pixels = memory.At(offset);
    }

    public int Size { get; }
    public int Stride { get; }
    public bool HasColor { get; }
    public bool HasMask { get; }

    /// <summary>The first value; valid while this stamp is reachable (it keeps its memory).</summary>
    public ushort* Pixels { get; }

    /// <summary>Where the mask plane starts, in 16-bit values: after the colour pixels, if any.</summary>
    public int MaskStart => HasColor ? 4 * Size * Stride : 0;

    /// <summary>16-bit values a stamp of this shape takes.</summary>
    public static int Length(int size, bool hasColor, bool hasMask) => ((hasColor ? 4 : 0) + (hasMask ? 1 : 0)) * size * StrideFor(size);

    public static int StrideFor(int size) => (size + 15) / 16 * 16;

    /// <summary>Sets the premultiplied colour (<paramref name="r"/>, <paramref name="g"/>, <paramref name="b"/> already times <paramref name="a"/>) of one pixel.</summary>
    public void SetColor(int row, int column, float r, float g, float b, float a)
    {
        ushort* at = Pixels + (row * Stride + column) * 4;
        at[0] = Quantise(r);
        at[1] = Quantise(g);
        at[2] = Quantise(b);
        at[3] = Quantise(a);
    }

    public void SetMask(int row, int column, float value) => Pixels[MaskStart + row * Stride + column] = Quantise(value);

    /// <summary>Linear light 0..1 to 16-bit fixed point, rounded.</summary>
    public static ushort Quantise(float value) => (ushort)(Math.Clamp(value, 0f, 1f) * Scale + 0.5f);

    /// <summary>Footprint pixels a side for an item <paramref name="side"/> pixels across at any phase.</summary>
    public static int FootprintForSide(float side) => (int)Math.Ceiling(side + 0.5f);
}
