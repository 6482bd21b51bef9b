namespace RenderFarm.Core.Colors;

/// <summary>
/// The sRGB transfer function (IEC 61966-2-1), one copy for every stage: colours in scenes, atlases
/// and PNGs are sRGB-encoded, while blending, lighting, terrain ground colours and contrast are
/// worked out in linear light.
/// </summary>
public static class Srgb
{
    /// <summary>An encoded value in [0, 1] to linear light.</summary>
    public static double ToLinear(double encoded) =>
        encoded <= 0.04045 ? encoded / 12.92 : Math.Pow((encoded + 0.055) / 1.055, 2.4);

    /// <summary>An 8-bit channel (0–255) to linear light.</summary>
    public static float ToLinear(byte channel) => (float)ToLinear(channel / 255.0);

    /// <summary>Linear light in [0, 1] to its encoded value.</summary>
    public static double FromLinear(double linear) =>
        linear <= 0.0031308 ? linear * 12.92 : 1.055 * Math.Pow(linear, 1 / 2.4) - 0.055;
}
