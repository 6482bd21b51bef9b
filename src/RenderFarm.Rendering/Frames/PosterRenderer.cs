namespace RenderFarm.Rendering.Frames;

/// <summary>Receives a finished band of a tiled image: rows <paramref name="y"/> … y + height − 1, each image width × 4 bytes.</summary>
public delegate void PosterBandWriter(int y, int height, ReadOnlySpan<byte> rows);

/// <summary>
/// Renders images of any size — posters beyond the device's maximum image size — as a grid of
/// tiles the size of a renderer, handing them on a band (one row of tiles) at a time so a
/// 20,000 × 20,000 poster never needs its 1.6 GB in memory at once. Every tile is an off-centre
/// piece of the same full-image camera, so the stitched bands show no seams.
/// </summary>
public static class PosterRenderer
{
    public static void Render(FrameRenderer renderer, FrameDescription frame, int imageWidth, int imageHeight, PosterBandWriter write)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(write);
        if (imageWidth < 1 || imageHeight < 1 || imageWidth > FrameValidator.MaxImageSide || imageHeight > FrameValidator.MaxImageSide)
            throw new RenderingException($"A poster of {imageWidth}×{imageHeight} must be between 1 and {FrameValidator.MaxImageSide} pixels a side.");
        int tileW = renderer.Width, tileH = renderer.Height;
        long bandBytes = (long)imageWidth * Math.Min(tileH, imageHeight) * 4;
        if (bandBytes > Array.MaxLength)
            throw new RenderingException($"A band of {imageWidth} × {tileH} pixels is too large for one buffer; use a renderer with fewer rows.");
        var band = new byte[bandBytes];
        var tile = new byte[tileW * tileH * 4];
        for (int y = 0; y < imageHeight; y += tileH)
        {
            int h = Math.Min(tileH, imageHeight - y);
            for (int x = 0; x < imageWidth; x += tileW)
            {
                int w = Math.Min(tileW, imageWidth - x);
                var pixels = tile.AsSpan(0, w * h * 4);
                renderer.Render(frame, pixels, new FrameTile(imageWidth, imageHeight, new PixelRect(x, y, w, h)));
                for (int row = 0; row < h; row++)
                    pixels.Slice(row * w * 4, w * 4).CopyTo(band.AsSpan((int)((row * (long)imageWidth + x) * 4)));
            }
            write(y, h, band.AsSpan(0, imageWidth * h * 4));
        }
    }
}
