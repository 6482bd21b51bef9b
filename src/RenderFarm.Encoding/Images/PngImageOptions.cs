using System.IO.Compression;

namespace RenderFarm.Encoding.Images;

/// <summary>What to write: size, channels, compression, text chunks. Rows are always given as RGBA8.</summary>
public sealed record PngImageOptions
{
    /// <summary>PNG allows 2^31 − 1; we stop at 65,535 so a row index and a row's bytes stay small.</summary>
    public const int MaxSide = 65535;

    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>False: the image is opaque and is stored as RGB8 (a quarter smaller); alpha bytes are dropped.</summary>
    public bool HasAlpha { get; init; } = true;

    public PngFilter Filter { get; init; } = PngFilter.Up;

    public CompressionLevel Compression { get; init; } = CompressionLevel.Fastest;

    public IReadOnlyList<PngText> Texts { get; init; } = [];

    /// <summary>Written as a pHYs chunk, so print software sizes a poster right (e.g. 300).</summary>
    public double? DotsPerInch { get; init; }

    internal int Channels => HasAlpha ? 4 : 3;

    internal int RowBytes => Width * Channels;

    internal void Validate(string path)
    {
        if (Width <= 0 || Height <= 0 || Width > MaxSide || Height > MaxSide)
        {
            throw new EncodingException($"{path}: image size {Width}x{Height}: width and height must be between 1 and {MaxSide}.");
        }

        if (DotsPerInch is { } dpi && !(dpi > 0 && dpi < 100_000))
        {
            throw new EncodingException($"{path}: dots per inch {dpi}: must be above 0 and below 100,000.");
        }

        foreach (PngText text in Texts)
        {
            text.Validate();
        }
    }
}
