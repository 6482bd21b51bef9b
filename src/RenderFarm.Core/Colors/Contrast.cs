namespace RenderFarm.Core.Colors;

/// <summary>
/// WCAG 2's contrast ratio between two sRGB colours, (L₁ + 0.05) / (L₂ + 0.05) with L the relative
/// luminance of the linearised channels: 1 for equal colours, 21 for black on white. WCAG asks 3:1
/// of graphics that carry meaning, which class colours on a poster do.
/// </summary>
public static class Contrast
{
    public static double RelativeLuminance(Rgba8 color) =>
        (0.2126 * Srgb.ToLinear(color.R / 255.0)) + (0.7152 * Srgb.ToLinear(color.G / 255.0)) + (0.0722 * Srgb.ToLinear(color.B / 255.0));

    public static double Ratio(Rgba8 a, Rgba8 b)
    {
        double la = RelativeLuminance(a), lb = RelativeLuminance(b);
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }
}
