using RenderFarm.Core.Colors;

namespace RenderFarm.Rendering.Tests;

/// <summary>Reading and comparing tightly packed RGBA8 frames.</summary>
internal static class Pixels
{
    public static Rgba8 At(byte[] rgba, int width, int x, int y)
    {
        int i = (y * width + x) * 4;
        return new Rgba8(rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]);
    }

    /// <summary>The largest per-channel difference between two colours.</summary>
    public static int Distance(Rgba8 a, Rgba8 b) =>
        Math.Max(Math.Max(Math.Abs(a.R - b.R), Math.Abs(a.G - b.G)), Math.Max(Math.Abs(a.B - b.B), Math.Abs(a.A - b.A)));

    public static void AssertNear(Rgba8 expected, Rgba8 actual, int tolerance, string where)
    {
        Assert.True(Distance(expected, actual) <= tolerance, $"{where}: expected {expected} ± {tolerance}, got {actual}");
    }

    /// <summary>How many pixels differ by more than <paramref name="tolerance"/> in any channel, and the largest difference.</summary>
    public static (int Count, int Max) Differences(byte[] a, byte[] b, int tolerance)
    {
        Assert.Equal(a.Length, b.Length);
        int count = 0, max = 0;
        for (int i = 0; i < a.Length; i += 4)
        {
            int d = 0;
            for (int c = 0; c < 4; c++) d = Math.Max(d, Math.Abs(a[i + c] - b[i + c]));
            max = Math.Max(max, d);
            if (d > tolerance) count++;
        }
        return (count, max);
    }
}
