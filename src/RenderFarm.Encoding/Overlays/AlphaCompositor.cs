using System.Runtime.Intrinsics;

namespace RenderFarm.Encoding.Overlays;

/// <summary>
/// Source-over blending of a premultiplied RGBA8 overlay onto an opaque RGBA8 frame, scaled by an
/// opacity: out = src·o + dst·(1 − srcA·o), rounded as Skia rounds (divide by 255 exactly). Four
/// pixels per 128-bit vector, alpha broadcast by a byte shuffle, arithmetic in 16 bits.
/// </summary>
internal static class AlphaCompositor
{
    /// <param name="opacity">0..255, as Skia's paint alpha, so a fade rounds as Skia's would.</param>
    public static void Blend(ReadOnlySpan<byte> overlay, Span<byte> frame, int opacity)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var alphaShuffle = Vector128.Create((byte)3, 3, 3, 3, 7, 7, 7, 7, 11, 11, 11, 11, 15, 15, 15, 15);
            var scale = Vector128.Create((ushort)opacity);
            var max = Vector128.Create((ushort)255);
            for (; i + 16 <= overlay.Length; i += 16)
            {
                var source = Vector128.Create(overlay[i..]);
                if (source == Vector128<byte>.Zero)
                {
                    continue; // transparent pixels: most of a label's bounding block
                }

                var destination = Vector128.Create(frame[i..]);
                (Vector128<ushort> sourceLow, Vector128<ushort> sourceHigh) = Vector128.Widen(source);
                sourceLow = DivideBy255(sourceLow * scale);
                sourceHigh = DivideBy255(sourceHigh * scale);
                var scaledSource = Vector128.Narrow(sourceLow, sourceHigh);
                (Vector128<ushort> alphaLow, Vector128<ushort> alphaHigh) = Vector128.Widen(Vector128.Shuffle(scaledSource, alphaShuffle));
                (Vector128<ushort> destinationLow, Vector128<ushort> destinationHigh) = Vector128.Widen(destination);
                Vector128<ushort> keptLow = DivideBy255(destinationLow * (max - alphaLow));
                Vector128<ushort> keptHigh = DivideBy255(destinationHigh * (max - alphaHigh));
                Vector128.Narrow(sourceLow + keptLow, sourceHigh + keptHigh).CopyTo(frame[i..]);
            }
        }

        for (; i < overlay.Length; i += 4)
        {
            int alpha = DivideBy255(overlay[i + 3] * opacity);
            for (int c = 0; c < 4; c++)
            {
                int source = DivideBy255(overlay[i + c] * opacity);
                frame[i + c] = (byte)(source + DivideBy255(frame[i + c] * (255 - alpha)));
            }
        }
    }

    /// <summary>Exact round(x / 255) for x ≤ 255·255.</summary>
    private static int DivideBy255(int x)
    {
        x += 128;
        return (x + (x >> 8)) >> 8;
    }

    private static Vector128<ushort> DivideBy255(Vector128<ushort> x)
    {
        x += Vector128.Create((ushort)128);
        return (x + (x >>> 8)) >>> 8;
    }
}
