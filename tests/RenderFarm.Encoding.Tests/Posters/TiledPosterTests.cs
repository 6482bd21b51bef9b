using RenderFarm.Encoding.Images;
using RenderFarm.Encoding.Posters;
using RenderFarm.TestSupport;

namespace RenderFarm.Encoding.Tests.Posters;

public sealed class TiledPosterTests
{
    [Theory]
    [InlineData(300, 200, 64)]   // neither side divisible by the tile
    [InlineData(256, 128, 64)]   // both divisible
    [InlineData(50, 30, 100)]    // one tile larger than the image
    [InlineData(7, 5, 1)]        // one-pixel tiles
    public void Write_TilesFromAbsoluteCoordinates_EqualsTheFunctionEverywhere(int width, int height, int tileSize)
    {
        using var temp = new TempDirectory();
        string path = temp.File("poster.png");
        var visits = new int[width * height];

        TiledPoster.Write(path, new PngImageOptions { Width = width, Height = height }, tileSize, (tile, rgba) =>
        {
            for (int y = 0; y < tile.Height; y++)
            {
                for (int x = 0; x < tile.Width; x++)
                {
                    visits[(tile.Y + y) * width + tile.X + x]++;
                    Pixel(tile.X + x, tile.Y + y).CopyTo(rgba.Slice((y * tile.Width + x) * 4, 4));
                }
            }
        });

        Assert.All(visits, count => Assert.Equal(1, count));
        (int w, int h, byte[] decoded) = PngDecoding.Decode(path);
        Assert.Equal((width, height), (w, h));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                byte[] expected = Pixel(x, y);
                if (!decoded.AsSpan((y * width + x) * 4, 4).SequenceEqual(expected))
                {
                    Assert.Fail($"pixel ({x}, {y}) is {string.Join(",", decoded.AsSpan((y * width + x) * 4, 4).ToArray())}, expected {string.Join(",", expected)}");
                }
            }
        }
    }

    [Fact]
    public void Write_LargePoster_HoldsOneStripNotTheImage()
    {
        using var temp = new TempDirectory();
        const int width = 4000;
        const int height = 3000; // 48 MB as one RGBA bitmap
        long before = GC.GetAllocatedBytesForCurrentThread();

        TiledPoster.Write(temp.File("big.png"), new PngImageOptions { Width = width, Height = height, HasAlpha = false }, 256, (tile, rgba) =>
        {
            for (int y = 0; y < tile.Height; y++)
            {
                for (int x = 0; x < tile.Width; x++)
                {
                    WritePixel(tile.X + x, tile.Y + y, rgba.Slice((y * tile.Width + x) * 4, 4));
                }
            }
        });

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // One 4 MB strip, one 256 KB tile, the PNG writer's rows and buffers.
        Assert.True(allocated < 12_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Write_TileRendererThrows_NoFile()
    {
        using var temp = new TempDirectory();

        Assert.Throws<InvalidOperationException>(() => TiledPoster.Write(temp.File("p.png"), new PngImageOptions { Width = 100, Height = 100 }, 32, (tile, _) =>
        {
            if (tile.Row == 2)
            {
                throw new InvalidOperationException("device lost");
            }
        }));

        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Plan_NotDivisible_FullTilesThenRemainders()
    {
        IReadOnlyList<PosterTile> tiles = TiledPoster.Plan(10, 7, 4);

        Assert.Equal(6, tiles.Count);
        Assert.Equal(new PosterTile(8, 4, 2, 3, 2, 1), tiles[^1]);
        Assert.Equal(10 * 7, tiles.Sum(t => t.Width * t.Height));
    }

    private static void WritePixel(int x, int y, Span<byte> rgba)
    {
        rgba[0] = (byte)x;
        rgba[1] = (byte)y;
        rgba[2] = (byte)((x >> 8) * 16 + (y >> 8));
        rgba[3] = (byte)(128 + ((x * 7 + y * 13) % 128));
    }

    /// <summary>Distinct in every channel across neighbouring pixels and tile borders; alpha varies too.</summary>
    private static byte[] Pixel(int x, int y)
    {
        var rgba = new byte[4];
        WritePixel(x, y, rgba);
        return rgba;
    }
}
