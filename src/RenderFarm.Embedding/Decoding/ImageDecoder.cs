using SkiaSharp;

namespace RenderFarm.Embedding.Decoding;

/// <summary>
/// Decodes JPEG, PNG, WebP, GIF (first frame) and BMP into an upright <see cref="DecodedImage"/>, or
/// says in an <see cref="ImageDecodeException"/> why the image has to be skipped.
/// </summary>
/// <remarks>
/// The output is always <see cref="PixelLayout.Rgba8888"/>, unpremultiplied, sRGB, grayscale sources
/// included: one layout keeps every consumer simple, and the bytes saved by Gray8 are nothing next to a
/// model run. Skia converts grayscale, palette, 16-bit and ICC-tagged sources on the way.
/// Thread-safe: every call creates, uses and disposes its own native objects.
/// </remarks>
public static class ImageDecoder
{
    /// <summary>Decodes an encoded image held in memory.</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> encoded, ImageDecodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (encoded.IsEmpty)
        {
            throw DecodeFailures.Empty();
        }

        string? sniffed = EncodedFormats.Identify(encoded);
        if (sniffed is not null && !EncodedFormats.IsDecodable(sniffed))
        {
            throw DecodeFailures.Unsupported(sniffed);
        }

        return DecodePinned(encoded, sniffed, options);
    }

    /// <summary>
    /// Reads and decodes an image file. File-system failures become <see cref="ImageSkipReason.Unreadable"/>,
    /// a 0-byte file <see cref="ImageSkipReason.Empty"/>.
    /// </summary>
    public static DecodedImage DecodeFile(string path, ImageDecodeOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        return Decode(EncodedFileReader.Read(path), options);
    }

    private static unsafe DecodedImage DecodePinned(ReadOnlySpan<byte> encoded, string? sniffed, ImageDecodeOptions options)
    {
        fixed (byte* start = encoded)
        {
            // SKData borrows the pinned bytes instead of copying them; every native object that can
            // reach them (data, stream, codec) is disposed before the pin ends.
            using SKData data = SKData.Create((IntPtr)start, encoded.Length);
            using var stream = new SKMemoryStream(data);
            using SKCodec? codec = SKCodec.Create(stream, out SKCodecResult created);
            if (codec is null)
            {
                throw DecodeFailures.NoCodec(created, sniffed);
            }

            return DecodeWith(codec, encoded, options);
        }
    }

    private static DecodedImage DecodeWith(SKCodec codec, ReadOnlySpan<byte> encoded, ImageDecodeOptions options)
    {
        string format = EncodedFormats.NameOf(codec.EncodedFormat);
        if (!EncodedFormats.IsDecodable(format))
        {
            throw DecodeFailures.Unsupported(format);
        }

        // Checked on the header, before a single pixel buffer exists: this is what stops decompression bombs.
        SKImageInfo header = codec.Info;
        if (header.Width <= 0 || header.Height <= 0)
        {
            throw new ImageDecodeException(ImageSkipReason.Corrupt, $"corrupt {format}: the header claims {header.Width}x{header.Height}");
        }

        if ((long)header.Width * header.Height > options.MaxPixels)
        {
            throw DecodeFailures.TooLarge(header.Width, header.Height, options.MaxPixels);
        }

        SKSizeI size = DecodeSize(codec, options.MinShortSide);
        if ((long)size.Width * size.Height * 4 > Array.MaxLength)
        {
            throw DecodeFailures.TooLarge(size.Width, size.Height, Array.MaxLength / 4);
        }

        byte[] pixels = DecodePixels(codec, encoded, format, size);
        SKEncodedOrigin origin = codec.EncodedOrigin;
        bool swap = OrientationTransform.SwapsAxes(origin);
        return new DecodedImage(
            swap ? size.Height : size.Width,
            swap ? size.Width : size.Height,
            PixelLayout.Rgba8888,
            OrientationTransform.Apply(pixels, size.Width, size.Height, origin),
            swap ? header.Height : header.Width,
            swap ? header.Width : header.Height);
    }

    private static unsafe byte[] DecodePixels(SKCodec codec, ReadOnlySpan<byte> encoded, string format, SKSizeI size)
    {
        // The sRGB colour space is a process-wide singleton (disposing it is a no-op); asking for it makes
        // Skia convert ICC-tagged images, so every image reaches the model in the same colour space.
        using SKColorSpace srgb = SKColorSpace.CreateSrgb();
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul, srgb);
        var pixels = new byte[(long)size.Width * size.Height * 4];
        SKCodecResult result;
        int? rows = null;
        fixed (byte* target = pixels)
        {
            result = codec.GetPixels(info, (IntPtr)target);
            if (result == SKCodecResult.IncompleteInput)
            {
                rows = TruncatedRowCounter.Count(codec, info, (IntPtr)target);
            }
        }

        // Skia fills what it could not decode with a flat colour and still hands the image over; such an
        // image would embed as garbage, so anything short of complete success is a skip.
        return result == SKCodecResult.Success
            ? pixels
            : throw DecodeFailures.PixelsFailed(
                result, format, rows, size.Height, EncodedFormats.DeclaredLengthShare(encoded, format), EncodedFormats.HasEndMarker(encoded, format));
    }

    /// <summary>
    /// JPEG can decode directly at 1/8 … 8/8 scale (libjpeg scales in the DCT, far cheaper than decoding
    /// everything and resizing): picks the smallest scale whose short side still reaches
    /// <paramref name="minShortSide"/>. Other formats would only resample after decoding, which
    /// <see cref="ImageResampler"/> does better, so they decode at full size.
    /// </summary>
    private static SKSizeI DecodeSize(SKCodec codec, int minShortSide)
    {
        SKImageInfo full = codec.Info;
        if (minShortSide <= 0 || codec.EncodedFormat != SKEncodedImageFormat.Jpeg)
        {
            return full.Size;
        }

        for (int eighths = 1; eighths < 8; eighths++)
        {
            SKSizeI scaled = codec.GetScaledDimensions(eighths / 8f);
            if (Math.Min(scaled.Width, scaled.Height) >= minShortSide && scaled.Width <= full.Width && scaled.Height <= full.Height)
            {
                return scaled;
            }
        }

        return full.Size;
    }
}
