using RenderFarm.Core.Colors;

namespace RenderFarm.Rendering.Managed;

/// <summary>
/// sRGB ↔ linear by table: the managed path decodes every colour and texel once and encodes every
/// output channel once, and a lookup is far cheaper than pow(). The encode table has 16,384 steps
/// in linear light: near black, where sRGB is steepest (12.92 × 255 levels per unit), a step is
/// 0.2 of an output level, so rounding through it stays within a level of the exact curve. The
/// compositor's 16-bit linear values index a table of their own, every value its exact byte.
/// </summary>
internal static class SrgbTables
{
    public const int EncodeSteps = 16384;

    /// <summary>Byte → linear light, exact to float precision.</summary>
    public static readonly float[] Decode = BuildDecode();

    /// <summary>Linear light quantised to <see cref="EncodeSteps"/> − 1 steps → sRGB byte.</summary>
    public static readonly byte[] Encode = BuildEncode(EncodeSteps);

    /// <summary>16-bit linear light (65535 = 1) → sRGB byte: the compositor's encode, one lookup a channel.</summary>
    public static readonly byte[] Encode16 = BuildEncode(65536);

    /// <summary>Steps of <see cref="ToLinearFiltered"/>'s table.</summary>
    public const int FilteredSteps = 4096;

    private static readonly float[] FilteredDecode = BuildFilteredDecode();

    /// <summary>
    /// A filtered sRGB value (between bytes, so no byte table fits) → linear light, by a straight
    /// line between steps of a 4,096-step table: within 1e-6 of <see cref="Srgb.ToLinear(double)"/>, a fifteenth
    /// of a 16-bit stamp step. Stamp making calls this three times per tap, and with Math.Pow
    /// there, the 280,000 stamps of 70,000 thumbnails at 12 px took ~4.5 CPU-s to make.
    /// </summary>
    public static float ToLinearFiltered(float srgb)
    {
        float x = Math.Clamp(srgb, 0f, 1f) * FilteredSteps;
        int i = Math.Min((int)x, FilteredSteps - 1);
        float below = FilteredDecode[i];
        return below + (FilteredDecode[i + 1] - below) * (x - i);
    }

    public static byte EncodeByte(float linear)
    {
        float v = Math.Clamp(linear, 0f, 1f);
        return Encode[(int)(v * (EncodeSteps - 1) + 0.5f)];
    }

    private static float[] BuildDecode()
    {
        var table = new float[256];
        for (int i = 0; i < 256; i++) table[i] = (float)Srgb.ToLinear(i / 255f);
        return table;
    }

    /// <summary>Linear light in <paramref name="steps"/> − 1 equal steps → the nearest sRGB byte.</summary>
    private static byte[] BuildEncode(int steps)
    {
        var table = new byte[steps];
        for (int i = 0; i < steps; i++)
            table[i] = (byte)Math.Clamp((int)Math.Round((float)Srgb.FromLinear(i / (float)(steps - 1)) * 255), 0, 255);
        return table;
    }

    private static float[] BuildFilteredDecode()
    {
        var table = new float[FilteredSteps + 1];
        for (int i = 0; i <= FilteredSteps; i++) table[i] = (float)Srgb.ToLinear(i / (float)FilteredSteps);
        return table;
    }
}
