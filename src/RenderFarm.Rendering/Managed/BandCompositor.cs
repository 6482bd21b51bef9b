using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RenderFarm.Rendering.Managed;

/// <summary>
/// The per-pixel work of the managed path, on one band of rows held as four float planes (linear
/// R, G, B and alpha, straight colour as the raster target holds it) with a margin either side so
/// a stamp row may hang off the frame's edge without a clip per pixel. Each item is blended over
/// what is there, in draw order — the raster pipeline's blend, src·a + dst·(1 − a) — eight pixels
/// per vector. One band belongs to one thread.
/// </summary>
internal sealed unsafe class BandCompositor
{
    /// <summary>Floats either side of a row: at least the widest stamp row.</summary>
    public const int Margin = 80;

    public const int BandHeight = 16;

    private readonly float[] _planes;

    public BandCompositor(int width)
    {
        Width = width;
        RowFloats = width + 2 * Margin;
        _planes = GC.AllocateUninitializedArray<float>(4 * BandHeight * RowFloats, pinned: true);
    }

    public int Width { get; }
    public int RowFloats { get; }

    /// <summary>Plane <paramref name="channel"/>'s row <paramref name="row"/>, at the frame's column 0.</summary>
    public float* Row(int channel, int row) =>
        (float*)Unsafe.AsPointer(ref _planes[(channel * BandHeight + row) * RowFloats + Margin]);

    public void Clear(int rows, ReadOnlySpan<float> background)
    {
        for (int c = 0; c < 4; c++)
            _planes.AsSpan(c * BandHeight * RowFloats, rows * RowFloats).Fill(background[c]);
    }

    /// <summary>
    /// A mask row in one colour: d += m·(t − tₐ·d), with <paramref name="tint"/> premultiplied
    /// (r·a, g·a, b·a, a) and scaled by 1/65535 so the raw mask values need no scaling.
    /// </summary>
    public void BlendMask(ushort* mask, int stride, int row, int x, Vector256<float>* tint, bool alpha)
    {
        float* r = Row(0, row) + x, g = Row(1, row) + x, b = Row(2, row) + x, a = Row(3, row) + x;
        var ta = tint[3];
        for (int i = 0; i < stride; i += 16)
        {
            var raw = Vector256.Load(mask + i);
            var lo = Vector256.ConvertToSingle(Vector256.WidenLower(raw).AsInt32());
            var hi = Vector256.ConvertToSingle(Vector256.WidenUpper(raw).AsInt32());
            MaskOver(r + i, lo, tint[0], ta); MaskOver(r + i + 8, hi, tint[0], ta);
            MaskOver(g + i, lo, tint[1], ta); MaskOver(g + i + 8, hi, tint[1], ta);
            MaskOver(b + i, lo, tint[2], ta); MaskOver(b + i + 8, hi, tint[2], ta);
            if (alpha) { MaskOver(a + i, lo, ta, ta); MaskOver(a + i + 8, hi, ta, ta); }
        }
    }

    /// <summary>
    /// A colour row: premultiplied planes <paramref name="planes"/>[0..3], plus with a mask the item's
    /// colour where it shows (a border): src = S + m·t, d = src + d·(1 − srcₐ).
    /// </summary>
    public void BlendColor(ushort** planes, bool hasMask, int stride, int row, int x, Vector256<float>* tint, bool alpha)
    {
        float* r = Row(0, row) + x, g = Row(1, row) + x, b = Row(2, row) + x, a = Row(3, row) + x;
        var scale = Vector256.Create(1f / Stamp.Scale);
        var one = Vector256<float>.One;
        for (int i = 0; i < stride; i += 8)
        {
            var sr = Load8(planes[0] + i) * scale;
            var sg = Load8(planes[1] + i) * scale;
            var sb = Load8(planes[2] + i) * scale;
            var sa = Load8(planes[3] + i) * scale;
            if (hasMask)
            {
                var m = Load8(planes[4] + i);
                sr += m * tint[0]; sg += m * tint[1]; sb += m * tint[2]; sa += m * tint[3];
            }
            var keep = one - sa;
            Vector256.Store(sr + Vector256.Load(r + i) * keep, r + i);
            Vector256.Store(sg + Vector256.Load(g + i) * keep, g + i);
            Vector256.Store(sb + Vector256.Load(b + i) * keep, b + i);
            if (alpha) Vector256.Store(sa + Vector256.Load(a + i) * keep, a + i);
        }
    }

    /// <summary>Writes band rows as sRGB RGBA8 (alpha stays linear; 255 where the frame is opaque throughout).</summary>
    public void Encode(int rows, Span<byte> output, bool alpha)
    {
        var encode = SrgbTables.Encode;
        var steps = Vector256.Create((float)(SrgbTables.EncodeSteps - 1));
        var half = Vector256.Create(0.5f);
        int* index = stackalloc int[8];
        fixed (byte* table = encode)
        fixed (byte* outBase = output)
        {
            for (int row = 0; row < rows; row++)
            {
                byte* o = outBase + (long)row * Width * 4;
                for (int c = 0; c < 3; c++)
                {
                    float* src = Row(c, row);
                    for (int x = 0; x < Width; x += 8)
                    {
                        var v = Vector256.Min(Vector256.Max(Vector256.Load(src + x), Vector256<float>.Zero), Vector256<float>.One);
                        Vector256.Store(Vector256.ConvertToInt32(v * steps + half), index);
                        int count = Math.Min(8, Width - x);
                        for (int k = 0; k < count; k++) o[(x + k) * 4 + c] = table[index[k]];
                    }
                }
                float* a = Row(3, row);
                for (int x = 0; x < Width; x++)
                    o[x * 4 + 3] = alpha ? (byte)(Math.Clamp(a[x], 0f, 1f) * 255f + 0.5f) : (byte)255;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Load8(ushort* p) =>
        Vector256.ConvertToSingle(Vector256.WidenLower(Vector256.Create(Vector128.Load(p), Vector128<ushort>.Zero)).AsInt32());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MaskOver(float* d, Vector256<float> m, Vector256<float> t, Vector256<float> ta)
    {
        var dst = Vector256.Load(d);
        Vector256.Store(dst + m * (t - ta * dst), d);
    }
}
