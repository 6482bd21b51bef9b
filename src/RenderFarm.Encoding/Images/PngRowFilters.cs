using System.Numerics;
using System.Runtime.InteropServices;

namespace RenderFarm.Encoding.Images;

/// <summary>
/// The PNG filter kernels on the encoder side. Each reads only raw (unfiltered) bytes, so Sub and Up are
/// plain vector subtractions; Paeth compares in 16 bits per lane.
/// </summary>
internal static class PngRowFilters
{
    public static void Sub(ReadOnlySpan<byte> row, Span<byte> output, int bytesPerPixel)
    {
        row[..bytesPerPixel].CopyTo(output);
        Subtract(row[bytesPerPixel..], row[..^bytesPerPixel], output[bytesPerPixel..]);
    }

    public static void Up(ReadOnlySpan<byte> row, ReadOnlySpan<byte> above, Span<byte> output) => Subtract(row, above, output);

    public static void Paeth(ReadOnlySpan<byte> row, ReadOnlySpan<byte> above, Span<byte> output, int bytesPerPixel)
    {
        // The first pixel has no left or upper-left neighbour: Paeth reduces to Up.
        for (int i = 0; i < bytesPerPixel; i++)
        {
            output[i] = (byte)(row[i] - above[i]);
        }

        int n = row.Length;
        int start = bytesPerPixel;
        int lanes = Vector<byte>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            for (; start + lanes <= n; start += lanes)
            {
                var predictor = Vector.Narrow(
                    PredictHalf(row, above, start, bytesPerPixel, low: true),
                    PredictHalf(row, above, start, bytesPerPixel, low: false));
                (new Vector<byte>(row[start..]) - predictor).CopyTo(output[start..]);
            }
        }

        for (int i = start; i < n; i++)
        {
            output[i] = (byte)(row[i] - Predict(row[i - bytesPerPixel], above[i], above[i - bytesPerPixel]));
        }
    }

    /// <summary>Sum of the bytes read as signed magnitudes: libpng's estimate of how well a row compresses.</summary>
    public static long SumOfAbsolutes(ReadOnlySpan<byte> filtered)
    {
        ReadOnlySpan<sbyte> signed = MemoryMarshal.Cast<byte, sbyte>(filtered);
        long sum = 0;
        int i = 0;
        int lanes = Vector<sbyte>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var total = Vector<int>.Zero;
            for (; i + lanes <= signed.Length; i += lanes)
            {
                Vector.Widen(Vector.Abs(new Vector<sbyte>(signed[i..])), out Vector<short> low, out Vector<short> high);
                Vector<short> pair = low + high; // at most 256: no overflow
                Vector.Widen(pair, out Vector<int> pairLow, out Vector<int> pairHigh);
                total += pairLow + pairHigh;
            }

            sum = Vector.Sum(total);
        }

        for (; i < signed.Length; i++)
        {
            sum += Math.Abs((int)signed[i]);
        }

        return sum;
    }

    /// <summary>The Paeth predictor for one half of a vector of bytes, computed in 16 bits.</summary>
    private static Vector<ushort> PredictHalf(ReadOnlySpan<byte> row, ReadOnlySpan<byte> above, int start, int bytesPerPixel, bool low)
    {
        Vector<short> va = Half(new Vector<byte>(row[(start - bytesPerPixel)..]), low);
        Vector<short> vb = Half(new Vector<byte>(above[start..]), low);
        Vector<short> vc = Half(new Vector<byte>(above[(start - bytesPerPixel)..]), low);
        Vector<short> pa = Vector.Abs(vb - vc);
        Vector<short> pb = Vector.Abs(va - vc);
        Vector<short> pc = Vector.Abs(va + vb - vc - vc);
        // Ties prefer a, then b, as the PNG specification orders them.
        Vector<short> useA = Vector.BitwiseAnd(Vector.LessThanOrEqual(pa, pb), Vector.LessThanOrEqual(pa, pc));
        Vector<short> useB = Vector.LessThanOrEqual(pb, pc);
        return Vector.AsVectorUInt16(Vector.ConditionalSelect(useA, va, Vector.ConditionalSelect(useB, vb, vc)));
    }

    private static Vector<short> Half(Vector<byte> bytes, bool low)
    {
        Vector.Widen(bytes, out Vector<ushort> lower, out Vector<ushort> upper);
        return Vector.AsVectorInt16(low ? lower : upper);
    }

    private static byte Predict(byte a, byte b, byte c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a);
        int pb = Math.Abs(p - b);
        int pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void Subtract(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> output)
    {
        int i = 0;
        int lanes = Vector<byte>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + lanes <= left.Length; i += lanes)
            {
                (new Vector<byte>(left[i..]) - new Vector<byte>(right[i..])).CopyTo(output[i..]);
            }
        }

        for (; i < left.Length; i++)
        {
            output[i] = (byte)(left[i] - right[i]);
        }
    }
}
