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

    /// <summary>Up by default: within 8 % of Adaptive's size on rendered frames at 1.2–1.8× its speed.</summary>
    public PngFilter Filter { get; init; } = PngFilter.Up;

    /// <summary>
    /// zlib level. Optimal (6) by default: .NET's zlib-ng makes Fastest a static-Huffman pass that was both
    /// slower and 40 % larger on rendered frames, and 55 % larger on noisy ones (measured 2026-11-23).
    /// </summary>
    public CompressionLevel Compression { get; init; } = CompressionLevel.Optimal;

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
