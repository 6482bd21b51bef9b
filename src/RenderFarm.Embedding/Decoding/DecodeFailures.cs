using System.Globalization;
using SkiaSharp;

namespace RenderFarm.Embedding.Decoding;

/// <summary>
/// Builds the <see cref="ImageDecodeException"/>s of <see cref="ImageDecoder"/>: one place decides which
/// Skia outcome becomes which <see cref="ImageSkipReason"/> and words the one-line run-report message.
/// </summary>
internal static class DecodeFailures
{
    public static ImageDecodeException Empty() =>
        new(ImageSkipReason.Empty, "empty: the data holds no bytes");

    public static ImageDecodeException Unsupported(string format) =>
        new(ImageSkipReason.UnsupportedFormat, $"{format} images are not supported (only JPEG, PNG, WebP, GIF and BMP)");

    public static ImageDecodeException TooLarge(int width, int height, long maxPixels) =>
        new(ImageSkipReason.TooLarge, $"{width}x{height} = {Pixels((long)width * height)} exceeds the {Pixels(maxPixels)} limit");

    /// <summary>Skia created no codec: what that means depends on whether the bytes looked like an image.</summary>
    public static ImageDecodeException NoCodec(SKCodecResult result, string? sniffedFormat)
    {
        if (sniffedFormat is null)
        {
            return new(ImageSkipReason.NotAnImage, "not an image: the data starts like no known image format");
        }

        return result == SKCodecResult.IncompleteInput
            ? new(ImageSkipReason.Truncated, $"truncated {sniffedFormat}: the data ends inside the header")
            : new(ImageSkipReason.Corrupt, $"corrupt {sniffedFormat}: the header is invalid ({result})");
    }

    /// <summary>GetPixels failed after the header was read.</summary>
    /// <param name="rowsDecoded">Rows decoded before the data ran out, when the codec could say.</param>
    /// <param name="declaredShare">Share of the bytes the container header declares that are present, if it declares a length.</param>
    /// <param name="endMarkerPresent">Whether the data ends with its format's end marker, i.e. is not cut short.</param>
    public static ImageDecodeException PixelsFailed(
        SKCodecResult result, string format, int? rowsDecoded, int height, double? declaredShare, bool endMarkerPresent)
    {
        if (declaredShare is double share)
        {
            return new(ImageSkipReason.Truncated, $"truncated {format}: the data holds only {Percent(share)} of the bytes its header declares");
        }

        if (result == SKCodecResult.IncompleteInput && !endMarkerPresent)
        {
            // Rows at or past the height happen with interlaced images, where every row is partly there.
            return rowsDecoded is int rows && rows >= 0 && rows < height
                ? new(ImageSkipReason.Truncated, $"truncated {format}: only {Percent((double)rows / height)} of the rows could be decoded")
                : new(ImageSkipReason.Truncated, $"truncated {format}: the data ends before the last row");
        }

        return result switch
        {
            SKCodecResult.IncompleteInput =>
                new(ImageSkipReason.Corrupt, $"corrupt {format}: the pixel data is invalid although the file ends properly"),
            SKCodecResult.InvalidInput or SKCodecResult.ErrorInInput =>
                new(ImageSkipReason.Corrupt, $"corrupt {format}: the pixel data is invalid ({result})"),
            SKCodecResult.Unimplemented or SKCodecResult.InvalidConversion =>
                new(ImageSkipReason.UnsupportedFormat, $"this {format} variant cannot be decoded to RGBA ({result})"),
            _ => new(ImageSkipReason.Corrupt, $"{format} could not be decoded ({result})"),
        };
    }

    // Floored, so an image missing its last row never reads "100%".
    private static string Percent(double fraction) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(fraction * 100):0}%");

    /// <summary>"160 MP" for photo-sized counts, the plain number for the small limits tests use.</summary>
    private static string Pixels(long count) => count >= 1_000_000
        ? string.Create(CultureInfo.InvariantCulture, $"{count / 1_000_000.0:0.#} MP")
        : string.Create(CultureInfo.InvariantCulture, $"{count} pixels");
}
