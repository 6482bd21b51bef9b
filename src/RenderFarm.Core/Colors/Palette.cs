namespace RenderFarm.Core.Colors;

/// <summary>
/// Class and cluster colours. The first nine are Paul Tol's "muted" scheme, chosen because it stays
/// distinguishable under the common colour-vision deficiencies and on both light and dark
/// backgrounds; Fashion-MNIST's ten classes need one more, so the tenth is Tol's dark teal from his
/// "dark" set. Beyond ten, colours repeat the cycle at alternating lightness so neighbours in the
/// legend still differ — past about twelve classes no palette stays safe, and the legend carries
/// the names.
/// </summary>
public static class Palette
{
    private static readonly Rgba8[] Base =
    [
        new(0x33, 0x22, 0x88), // indigo
        new(0x88, 0xCC, 0xEE), // cyan
        new(0x44, 0xAA, 0x99), // teal
        new(0x11, 0x77, 0x33), // green
        new(0x99, 0x99, 0x33), // olive
        new(0xDD, 0xCC, 0x77), // sand
        new(0xCC, 0x66, 0x77), // rose
        new(0x88, 0x22, 0x55), // wine
        new(0xAA, 0x44, 0x99), // purple
        new(0x22, 0x55, 0x55), // dark teal
    ];

    /// <summary>The colour for items without a class or outside every cluster.</summary>
    public static Rgba8 Unlabelled { get; } = new(0xDD, 0xDD, 0xDD);

    public static int BaseCount => Base.Length;

    /// <summary>The colour of class or cluster <paramref name="index"/> (0-based; negative = unlabelled).</summary>
    public static Rgba8 ForIndex(int index)
    {
        if (index < 0) return Unlabelled;
        var color = Base[index % Base.Length];
        int round = index / Base.Length;
        if (round == 0) return color;
        // Later rounds move towards white (odd) or black (even) by a growing step.
        double t = Math.Min(0.6, 0.25 * ((round + 1) / 2));
        return Towards(color, round % 2 == 1 ? (byte)255 : (byte)0, t);
    }

    /// <summary>The contrast (WCAG 2 ratio, see <see cref="Contrast"/>) a class colour keeps against its background.</summary>
    public const double MinimumContrast = 3.0;

    /// <summary>
    /// The colour of <paramref name="index"/> as drawn on <paramref name="background"/>: as
    /// <see cref="ForIndex(int)"/> where it already stands out by <see cref="MinimumContrast"/>,
    /// else moved towards white (on a dark background) or black (on a light one) just far enough,
    /// in steps of 5 %. The muted scheme's indigo, wine and dark teal all but vanish on the default
    /// #111111 (1.6, 2.2 and 2.2 to 1), as its cyan and sand do on white; lifted, each keeps its hue.
    /// </summary>
    public static Rgba8 ForIndex(int index, Rgba8 background)
    {
        Rgba8 color = ForIndex(index);
        byte target = Contrast.RelativeLuminance(background) < 0.18 ? (byte)255 : (byte)0;
        Rgba8 shown = color;
        for (int step = 1; step <= 20 && Contrast.Ratio(shown, background) < MinimumContrast; step++)
        {
            shown = Towards(color, target, step / 20.0);
        }

        return shown;
    }

    /// <summary><paramref name="color"/> a fraction <paramref name="t"/> of the way to grey level <paramref name="target"/> (0 black, 255 white), alpha kept.</summary>
    private static Rgba8 Towards(Rgba8 color, byte target, double t) =>
        new(Mix(color.R, target, t), Mix(color.G, target, t), Mix(color.B, target, t), color.A);

    private static byte Mix(byte from, byte to, double t) => (byte)Math.Round(from + (to - from) * t);
}
