using RenderFarm.Encoding.Images;

namespace RenderFarm.Encoding.Posters;

/// <summary>
/// Assembles posters larger than any render target (a 20,000 × 20,000 print poster; lavapipe stops at
/// 16,384) from tiles, streaming them to PNG: it renders one row of tiles into a strip of full-width rows,
/// hands the strip to the PNG encoder and reuses it for the next row. Memory is one strip
/// (width × tile height × 4 bytes) plus one tile, never the whole image. Tiles are full-size except the
/// last column and row, so a renderer can keep one render target of the maximum tile size.
/// </summary>
public static class TiledPoster
{
    public static IReadOnlyList<PosterTile> Plan(int width, int height, int maxTileSize)
    {
        if (width <= 0 || height <= 0)
        {
            throw new EncodingException($"poster size {width}x{height}: width and height must be positive.");
        }

        if (maxTileSize <= 0)
        {
            throw new EncodingException($"max tile size {maxTileSize}: must be positive.");
        }

        var tiles = new List<PosterTile>();
        for (int y = 0, row = 0; y < height; y += maxTileSize, row++)
        {
            for (int x = 0, column = 0; x < width; x += maxTileSize, column++)
            {
                tiles.Add(new PosterTile(x, y, Math.Min(maxTileSize, width - x), Math.Min(maxTileSize, height - y), column, row));
            }
        }

        return tiles;
    }

    /// <summary>Renders every tile through <paramref name="renderTile"/> and writes the PNG atomically.</summary>
    public static void Write(string path, PngImageOptions image, int maxTileSize, TileRenderer renderTile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(renderTile);
        IReadOnlyList<PosterTile> tiles = Plan(image.Width, image.Height, maxTileSize);
        int stripHeight = Math.Min(maxTileSize, image.Height);
        int stride = image.Width * 4;
        long stripBytes = (long)stride * stripHeight;
        if (stripBytes > Array.MaxLength)
        {
            throw new EncodingException($"{path}: a strip of {image.Width}x{stripHeight} pixels exceeds 2 GB; use a smaller max tile size.");
        }

        var strip = new byte[stripBytes];
        var tileBuffer = new byte[(long)Math.Min(maxTileSize, image.Width) * stripHeight * 4];
        PngFile.Write(path, image, encoder =>
        {
            int next = 0;
            while (next < tiles.Count)
            {
                int row = tiles[next].Row;
                int rowHeight = tiles[next].Height;
                for (; next < tiles.Count && tiles[next].Row == row; next++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    PosterTile tile = tiles[next];
                    Span<byte> pixels = tileBuffer.AsSpan(0, tile.Width * tile.Height * 4);
                    renderTile(tile, pixels);
                    CopyIntoStrip(pixels, tile, strip, stride);
                }

                encoder.WriteRows(strip.AsSpan(0, rowHeight * stride));
            }
        });
    }

    private static void CopyIntoStrip(ReadOnlySpan<byte> tilePixels, PosterTile tile, Span<byte> strip, int stride)
    {
        int tileStride = tile.Width * 4;
        for (int y = 0; y < tile.Height; y++)
        {
            tilePixels.Slice(y * tileStride, tileStride).CopyTo(strip.Slice(y * stride + tile.X * 4, tileStride));
        }
    }
}
