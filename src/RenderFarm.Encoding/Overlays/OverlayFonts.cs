using System.Reflection;
using SkiaSharp;

namespace RenderFarm.Encoding.Overlays;

/// <summary>
/// DejaVu Sans (regular and bold), embedded in this assembly (licence in Fonts/LICENSE-DejaVu.txt).
/// With SkiaSharp's NativeAssets.Linux.NoDependencies the system font manager is empty and text silently
/// draws nothing, so overlays never ask it. Typefaces are immutable: one instance serves every thread.
/// </summary>
public static class OverlayFonts
{
    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold.ttf"));

    public static SKTypeface Regular => RegularFace.Value;

    public static SKTypeface Bold => BoldFace.Value;

    private static SKTypeface Load(string file)
    {
        string name = "RenderFarm.Encoding.Fonts." + file;
        Stream resource = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new EncodingException($"font resource {name} is missing from the assembly (build problem).");
        // The typeface keeps reading glyphs from the stream, so it owns it: no using here.
        return SKTypeface.FromStream(resource)
            ?? throw new EncodingException($"font resource {name}: Skia could not read it as a font.");
    }
}
