using RenderFarm.Core.Datasets;
using RenderFarm.Embedding.Decoding;

namespace RenderFarm.Embedding.Thumbnails;

/// <summary>Turns one item into one RGBA cell (sRGB, straight alpha).</summary>
internal static class ThumbnailCell
{
    /// <summary>Fills <paramref name="cell"/>; returns why not (the cell then stays transparent), or null.</summary>
    public static string? TryFill(DatasetItem item, ThumbnailOptions options, Span<byte> cell)
    {
        cell.Clear();
        DecodedImage? image;
        try
        {
            image = Open(item, options);
        }
        catch (ImageDecodeException e)
        {
            return $"{e.Reason}: {e.Message}";
        }

        if (image is null)
        {
            return "no image: the item is a precomputed vector without an image path";
        }

        Place(image, options, cell);
        return null;
    }

    private static DecodedImage? Open(DatasetItem item, ThumbnailOptions options)
    {
        // The short side only has to reach the cell: JPEGs then decode at 1/2 … 1/8 scale, which
        // is most of the time saved on large photographs.
        var decode = new ImageDecodeOptions { MaxPixels = options.MaxPixels, MinShortSide = options.CellSize };
        return item.Source switch
        {
            RawPixelSource raw => new DecodedImage(raw.Width, raw.Height, PixelLayout.Gray8, raw.Pixels.ToArray()),
            ImageFileSource file => ImageDecoder.DecodeFile(file.Path, decode),
            VectorSource { ImagePath: { } path } => ImageDecoder.DecodeFile(path, decode),
            _ => null,
        };
    }

    private static void Place(DecodedImage image, ThumbnailOptions options, Span<byte> cell)
    {
        int size = options.CellSize;
        if (options.Fit == ThumbnailFit.Cover)
        {
            int side = Math.Min(image.Width, image.Height);
            var square = Scale(ImageResampler.CenterCrop(image, side, side), size, size);
            Copy(square, cell, size, 0, 0);
            return;
        }

        // Contain: the longer side fills the cell, the rest stays transparent, centred.
        bool wide = image.Width >= image.Height;
        int shortSide = Math.Max(1, (int)Math.Round((double)size * Math.Min(image.Width, image.Height) / Math.Max(image.Width, image.Height)));
        int width = wide ? size : shortSide;
        int height = wide ? shortSide : size;
        var scaled = Scale(image, width, height);
        Copy(scaled, cell, size, (size - width) / 2, (size - height) / 2);
    }

    private static DecodedImage Scale(DecodedImage image, int width, int height) =>
        GrayUpscaler.Applies(image, width, height) ? GrayUpscaler.Resize(image, width, height) : ImageResampler.Resize(image, width, height);

    private static void Copy(DecodedImage image, Span<byte> cell, int cellSize, int left, int top)
    {
        for (int y = 0; y < image.Height; y++)
        {
            Span<byte> target = cell.Slice(((top + y) * cellSize + left) * 4, image.Width * 4);
            if (image.Layout == PixelLayout.Rgba8888)
            {
                image.Pixels.AsSpan(y * image.RowBytes, image.RowBytes).CopyTo(target);
                continue;
            }

            ReadOnlySpan<byte> gray = image.Pixels.AsSpan(y * image.RowBytes, image.Width);
            for (int x = 0; x < gray.Length; x++)
            {
                byte v = gray[x];
                target[4 * x] = v;
                target[4 * x + 1] = v;
                target[4 * x + 2] = v;
                target[4 * x + 3] = 255;
            }
        }
    }
}
