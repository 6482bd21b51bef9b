namespace RenderFarm.Rendering.Managed;

/// <summary>
/// One item's look at one sub-pixel phase, pre-scaled to its size on screen: Size × Size pixels,
/// each row padded to <see cref="Stride"/> (a multiple of 16, zeros past Size) so the compositor
/// reads whole vectors. Values are 0..65535 in linear light. Planes, one after another: with
/// colour, premultiplied R, G, B and alpha; then, with a mask, the weight of the item's own colour
/// (threshold strokes, a disc's coverage, a tile's border).
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
        Data = new ushort[PlaneCount * size * Stride];
    }

    public int Size { get; }
    public int Stride { get; }
    public bool HasColor { get; }
    public bool HasMask { get; }
    public int PlaneCount => (HasColor ? 4 : 0) + (HasMask ? 1 : 0);
    public ushort[] Data { get; }
    public long Bytes => Data.Length * 2L;

    /// <summary>Where row <paramref name="row"/> of plane <paramref name="plane"/> starts in <see cref="Data"/>.</summary>
    public int Offset(int plane, int row) => (plane * Size + row) * Stride;

    public int MaskPlane => HasColor ? 4 : 0;

    public void Set(int plane, int row, int column, float value) =>
        Data[Offset(plane, row) + column] = (ushort)(Math.Clamp(value, 0f, 1f) * Scale + 0.5f);

    /// <summary>Footprint pixels a side for an item <paramref name="side"/> pixels across at any phase.</summary>
    public static int FootprintForSide(float side) => (int)Math.Ceiling(side + 0.5f);
}
