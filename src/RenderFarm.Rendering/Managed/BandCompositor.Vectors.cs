using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RenderFarm.Rendering.Managed;

/// <summary>
/// The compositor's blend of one vector of pixels, in 16-bit fixed point: d = sat(d − hi(d·sₐ) + s),
/// where hi(·) is the top 16 bits of the product (vpmulhuw). A transparent source leaves d exactly
/// as it was (hi(d·0) = 0); an opaque one leaves at most one step (1/65535) of d, and the
/// saturating add keeps that step from wrapping to black. Truncation errs by under a step per
/// blend, far below one 8-bit level once encoded, and every thread gets the same bytes.
/// </summary>
internal sealed unsafe partial class BandCompositor
{
    /// <summary>Pixels in the widest vector of the blend this machine runs: 8 (AVX-512), else 4 (AVX2), else one at a time.</summary>
    public static readonly int BestVectorPixels = Runs(8) ? 8 : Runs(4) ? 4 : 1;

    /// <summary>Whether this machine blends <paramref name="vectorPixels"/> pixels at once (every width gives the same bytes).</summary>
    public static bool Runs(int vectorPixels) => vectorPixels switch
    {
        8 => Vector512.IsHardwareAccelerated && Avx512BW.IsSupported,
        4 => Avx2.IsSupported,
        1 => true,
        _ => false,
    };

    /// <summary>vpshufb control (within each 16-byte lane of two pixels): each pixel's alpha into all four of its channels.</summary>
    private static readonly Vector512<byte> AlphaEverywhere512 = Vector512.Create(
        (byte)6, 7, 6, 7, 6, 7, 6, 7, 14, 15, 14, 15, 14, 15, 14, 15, 6, 7, 6, 7, 6, 7, 6, 7, 14, 15, 14, 15, 14, 15, 14, 15,
        6, 7, 6, 7, 6, 7, 6, 7, 14, 15, 14, 15, 14, 15, 14, 15, 6, 7, 6, 7, 6, 7, 6, 7, 14, 15, 14, 15, 14, 15, 14, 15);

    private static readonly Vector256<byte> AlphaEverywhere256 = Vector256.Create(
        (byte)6, 7, 6, 7, 6, 7, 6, 7, 14, 15, 14, 15, 14, 15, 14, 15, 6, 7, 6, 7, 6, 7, 6, 7, 14, 15, 14, 15, 14, 15, 14, 15);

    /// <summary>vpshufb control over 8 mask values repeated in each lane: lane k takes values 2k and 2k + 1, each into four channels.</summary>
    private static readonly Vector512<byte> MaskEverywhere512 = Vector512.Create(
        (byte)0, 1, 0, 1, 0, 1, 0, 1, 2, 3, 2, 3, 2, 3, 2, 3, 4, 5, 4, 5, 4, 5, 4, 5, 6, 7, 6, 7, 6, 7, 6, 7,
        8, 9, 8, 9, 8, 9, 8, 9, 10, 11, 10, 11, 10, 11, 10, 11, 12, 13, 12, 13, 12, 13, 12, 13, 14, 15, 14, 15, 14, 15, 14, 15);

    /// <summary>vpshufb control over 4 mask values repeated in each lane: lane k takes values 2k and 2k + 1.</summary>
    private static readonly Vector256<byte> MaskEverywhere256 = Vector256.Create(
        (byte)0, 1, 0, 1, 0, 1, 0, 1, 2, 3, 2, 3, 2, 3, 2, 3, 4, 5, 4, 5, 4, 5, 4, 5, 6, 7, 6, 7, 6, 7, 6, 7);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Over512(Vector512<ushort> src, ushort* d)
    {
        var alpha = Avx512BW.Shuffle(src.AsByte(), AlphaEverywhere512).AsUInt16();
        var dst = Vector512.Load(d);
        Vector512.Store(Avx512BW.AddSaturate(dst - Avx512BW.MultiplyHigh(dst, alpha), src), d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Over256(Vector256<ushort> src, ushort* d)
    {
        var alpha = Avx2.Shuffle(src.AsByte(), AlphaEverywhere256).AsUInt16();
        var dst = Vector256.Load(d);
        Vector256.Store(Avx2.AddSaturate(dst - Avx2.MultiplyHigh(dst, alpha), src), d);
    }

    /// <summary>8 mask values, each repeated into the four channels of its pixel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ushort> Widen512(ushort* m) =>
        Avx512BW.Shuffle(Avx512F.BroadcastVector128ToVector512((uint*)m).AsByte(), MaskEverywhere512).AsUInt16();

    /// <summary>4 mask values, each repeated into the four channels of its pixel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ushort> Widen256(ushort* m) =>
        Avx2.Shuffle(Avx2.BroadcastScalarToVector256((ulong*)m).AsByte(), MaskEverywhere256).AsUInt16();

    /// <summary>The same blend one pixel at a time, for machines without AVX2.</summary>
    private static void OverScalar(ushort r, ushort g, ushort b, ushort a, ushort* d)
    {
        d[0] = Add((ushort)(d[0] - ((uint)d[0] * a >> 16)), r);
        d[1] = Add((ushort)(d[1] - ((uint)d[1] * a >> 16)), g);
        d[2] = Add((ushort)(d[2] - ((uint)d[2] * a >> 16)), b);
        d[3] = Add((ushort)(d[3] - ((uint)d[3] * a >> 16)), a);
    }

    /// <summary>hi(m·t) for the channel of <paramref name="tint"/> at bit <paramref name="shift"/>.</summary>
    private static ushort Weigh(ushort m, ulong tint, int shift) => (ushort)(m * (uint)(ushort)(tint >> shift) >> 16);

    private static ushort Add(ushort a, ushort b) => (ushort)Math.Min(65535, a + b);
}
