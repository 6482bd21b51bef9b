using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RenderFarm.Rendering.Managed;

/// <summary>
/// The per-pixel work of the managed path, on one band of rows held as interleaved RGBA in 16-bit
/// fixed-point linear light (8 bytes a pixel: a 1080p band is 266 KB and stays in L2, where four
/// float planes were twice that), with a margin either side so a stamp row may hang off the
/// frame's edge without a clip per pixel. Colour is kept as the raster target keeps it (rgb blended
/// as src·a + dst·(1 − a), alpha alongside), and each item is blended over what is there in draw
/// order, with stamps premultiplied: d = s + d − d·sₐ, a vector of 8 pixels (AVX-512) or 4 (AVX2)
/// in a shuffle, a high multiply, a subtract and a saturating add — no conversions. One band
/// belongs to one thread.
/// </summary>
internal sealed unsafe partial class BandCompositor
{
    /// <summary>Pixels either side of a row: at least the widest stamp row.</summary>
    public const int Margin = 80;

    public const int BandHeight = 16;

    private readonly ushort[] _pixels;
    private readonly int _vectorPixels;

    /// <param name="vectorPixels">Pixels per vector of the blend: 8 (AVX-512), 4 (AVX2) or 1; 0 for the widest this machine runs.</param>
    public BandCompositor(int width, int vectorPixels = 0)
    {
        if (vectorPixels == 0) vectorPixels = BestVectorPixels;
        if (!Runs(vectorPixels)) throw new ArgumentOutOfRangeException(nameof(vectorPixels), vectorPixels, "this machine does not blend that many pixels at once");
        _vectorPixels = vectorPixels;
        Width = width;
        RowPixels = width + 2 * Margin;
        _pixels = GC.AllocateUninitializedArray<ushort>(4 * BandHeight * RowPixels, pinned: true);
    }

    public int Width { get; }
    public int RowPixels { get; }

    /// <summary>Row <paramref name="row"/>'s channels, at the frame's column 0.</summary>
    public ushort* Row(int row) => (ushort*)Unsafe.AsPointer(ref _pixels[(row * RowPixels + Margin) * 4]);

    /// <summary>Pixels a stamp row of <paramref name="size"/> is blended in: whole vectors, within the stamp's zero padding.</summary>
    public int Span(int size) => (size + _vectorPixels - 1) & -_vectorPixels;

    /// <summary>Fills <paramref name="rows"/> rows with <paramref name="background"/> (R, G, B, A as 16-bit values, R lowest).</summary>
    public void Clear(int rows, ulong background) =>
        MemoryMarshal.Cast<ushort, ulong>(_pixels.AsSpan(0, 4 * rows * RowPixels)).Fill(background);

    /// <summary>Rows of a colour stamp (interleaved premultiplied RGBA, <paramref name="stride"/> pixels a row) over band rows from <paramref name="row"/>.</summary>
    public void BlendColor(ushort* colour, int stride, int span, int row, int rows, int x)
    {
        for (int r = 0; r < rows; r++)
        {
            ushort* s = colour + r * stride * 4, d = Row(row + r) + x * 4;
            if (_vectorPixels == 8) for (int i = 0; i < span * 4; i += 32) Over512(Vector512.Load(s + i), d + i);
            else if (_vectorPixels == 4) for (int i = 0; i < span * 4; i += 16) Over256(Vector256.Load(s + i), d + i);
            else for (int i = 0; i < span; i++) OverScalar(s[4 * i], s[4 * i + 1], s[4 * i + 2], s[4 * i + 3], d + 4 * i);
        }
    }

    /// <summary>
    /// Rows of a mask in one colour: the source is m·t, with <paramref name="tint"/> the item's
    /// premultiplied (r·a, g·a, b·a, a) as 16-bit values, R lowest.
    /// </summary>
    public void BlendMask(ushort* mask, int stride, int span, int row, int rows, int x, ulong tint)
    {
        var t512 = Vector512.Create(tint).AsUInt16();
        var t256 = Vector256.Create(tint).AsUInt16();
        for (int r = 0; r < rows; r++)
        {
            ushort* m = mask + r * stride, d = Row(row + r) + x * 4;
            if (_vectorPixels == 8) for (int i = 0; i < span; i += 8) Over512(Avx512BW.MultiplyHigh(Widen512(m + i), t512), d + 4 * i);
            else if (_vectorPixels == 4) for (int i = 0; i < span; i += 4) Over256(Avx2.MultiplyHigh(Widen256(m + i), t256), d + 4 * i);
            else for (int i = 0; i < span; i++) OverScalar(Weigh(m[i], tint, 0), Weigh(m[i], tint, 16), Weigh(m[i], tint, 32), Weigh(m[i], tint, 48), d + 4 * i);
        }
    }

    /// <summary>Rows of a colour stamp with a mask in the item's colour where it shows (a tile's border): the source is S + m·t.</summary>
    public void BlendBordered(ushort* colour, ushort* mask, int stride, int span, int row, int rows, int x, ulong tint)
    {
        var t512 = Vector512.Create(tint).AsUInt16();
        var t256 = Vector256.Create(tint).AsUInt16();
        for (int r = 0; r < rows; r++)
        {
            ushort* s = colour + r * stride * 4, m = mask + r * stride, d = Row(row + r) + x * 4;
            if (_vectorPixels == 8)
            {
                for (int i = 0; i < span; i += 8)
                    Over512(Avx512BW.AddSaturate(Vector512.Load(s + 4 * i), Avx512BW.MultiplyHigh(Widen512(m + i), t512)), d + 4 * i);
            }
            else if (_vectorPixels == 4)
            {
                for (int i = 0; i < span; i += 4)
                    Over256(Avx2.AddSaturate(Vector256.Load(s + 4 * i), Avx2.MultiplyHigh(Widen256(m + i), t256)), d + 4 * i);
            }
            else
            {
                for (int i = 0; i < span; i++)
                {
                    ushort* c = s + 4 * i;
                    OverScalar(Add(c[0], Weigh(m[i], tint, 0)), Add(c[1], Weigh(m[i], tint, 16)), Add(c[2], Weigh(m[i], tint, 32)), Add(c[3], Weigh(m[i], tint, 48)), d + 4 * i);
                }
            }
        }
    }

    /// <summary>Writes band rows as sRGB RGBA8 (alpha stays linear; 255 where the frame is opaque throughout).</summary>
    public void Encode(int rows, Span<byte> output, bool alpha)
    {
        fixed (byte* table = SrgbTables.Encode16)
        fixed (byte* outBase = output)
        {
            for (int row = 0; row < rows; row++)
            {
                var src = (ulong*)Row(row);
                var o = (uint*)(outBase + (long)row * Width * 4);
                if (!alpha)
                {
                    for (int x = 0; x < Width; x++)
                    {
                        ulong v = src[x];
                        o[x] = table[(ushort)v] | (uint)table[(ushort)(v >> 16)] << 8 | (uint)table[(ushort)(v >> 32)] << 16 | 0xFF000000u;
                    }
                    continue;
                }
                for (int x = 0; x < Width; x++)
                {
                    ulong v = src[x];
                    uint a = (uint)(((v >> 48) * 255 + 32767) / 65535);
                    o[x] = table[(ushort)v] | (uint)table[(ushort)(v >> 16)] << 8 | (uint)table[(ushort)(v >> 32)] << 16 | a << 24;
                }
            }
        }
    }
}
