namespace RenderFarm.Core.Scenes;

/// <summary>Print sizes a poster can be given by name (with dpi) instead of in pixels.</summary>
internal static class PaperSizes
{
    /// <summary>Portrait width × height in millimetres.</summary>
    public static readonly IReadOnlyDictionary<string, (double Width, double Height)> Millimetres = new Dictionary<string, (double, double)>(StringComparer.OrdinalIgnoreCase)
    {
        ["A0"] = (841, 1189),
        ["A1"] = (594, 841),
        ["A2"] = (420, 594),
        ["A3"] = (297, 420),
        ["A4"] = (210, 297),
        ["letter"] = (215.9, 279.4),
        ["tabloid"] = (279.4, 431.8),
    };

    /// <summary>Pixels of <paramref name="paper"/> at <paramref name="dpi"/>, rounded (A1 at 300 dpi: 7016 × 9933).</summary>
    public static (long Width, long Height) Pixels(string paper, int dpi, bool landscape)
    {
        (double w, double h) = Millimetres[paper];
        long width = (long)Math.Round(w / 25.4 * dpi, MidpointRounding.AwayFromZero);
        long height = (long)Math.Round(h / 25.4 * dpi, MidpointRounding.AwayFromZero);
        return landscape ? (height, width) : (width, height);
    }
}
