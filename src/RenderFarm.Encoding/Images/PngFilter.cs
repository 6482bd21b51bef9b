namespace RenderFarm.Encoding.Images;

/// <summary>How each scanline is filtered before compression.</summary>
public enum PngFilter
{
    /// <summary>Raw bytes: fastest, largest.</summary>
    None = 0,

    /// <summary>Difference to the pixel on the left.</summary>
    Sub = 1,

    /// <summary>Difference to the pixel above: one vector subtraction a row; good on smooth renders.</summary>
    Up = 2,

    /// <summary>Paeth predictor for every row.</summary>
    Paeth = 4,

    /// <summary>Per row, whichever of None/Sub/Up/Paeth has the smallest sum of absolute values (libpng's heuristic).</summary>
    Adaptive = 5,
}
