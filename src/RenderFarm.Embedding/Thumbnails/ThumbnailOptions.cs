namespace RenderFarm.Embedding.Thumbnails;

/// <summary>What <see cref="ThumbnailBuilder"/> makes: square cells of <see cref="CellSize"/> pixels.</summary>
public sealed record ThumbnailOptions
{
    public const int MinCellSize = 16;
    public const int MaxCellSize = 256;

    public int CellSize { get; init; } = 32;

    public ThumbnailFit Fit { get; init; } = ThumbnailFit.Contain;

    /// <summary>Decoding limits for image files; the short side is raised to the cell size so JPEGs downscale while decoding.</summary>
    public long MaxPixels { get; init; } = Decoding.ImageDecodeOptions.DefaultMaxPixels;

    public ThumbnailOptions Validate()
    {
        if (CellSize is < MinCellSize or > MaxCellSize)
            throw new ArgumentOutOfRangeException(nameof(CellSize), CellSize, $"A thumbnail cell must be {MinCellSize}–{MaxCellSize} pixels.");
        return this;
    }

    /// <summary>Everything that changes the pixels, for cache keys.</summary>
    internal string Key => $"cell={CellSize};fit={Fit};max={MaxPixels}";
}
