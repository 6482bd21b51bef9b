namespace RenderFarm.Embedding.Decoding;

/// <summary>Limits and hints for <see cref="ImageDecoder"/>.</summary>
public sealed record ImageDecodeOptions
{
    /// <summary>Default pixel limit: 100 megapixels, well above any camera, far below a decompression bomb.</summary>
    public const long DefaultMaxPixels = 100_000_000;

    /// <summary>Images whose encoded width × height exceeds this are refused before any pixel is decoded.</summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>
    /// The smallest short side the caller needs. Formats that can downscale while decoding (JPEG)
    /// decode at the smallest scale whose short side is still at least this. 0 decodes at full size.
    /// </summary>
    public int MinShortSide { get; init; }
}
