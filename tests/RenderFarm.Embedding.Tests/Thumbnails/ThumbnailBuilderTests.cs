using RenderFarm.Core.Artifacts;
using RenderFarm.Core.Datasets;
using RenderFarm.Embedding.Thumbnails;
using RenderFarm.TestSupport;

namespace RenderFarm.Embedding.Tests.Thumbnails;

public sealed class ThumbnailBuilderTests
{
    [Fact]
    public void Gray_idx_pixels_become_opaque_gray_cells_at_the_cell_size()
    {
        var pixels = Enumerable.Repeat((byte)200, 28 * 28).ToArray();
        var items = new[] { Raw("a", pixels) };

        var result = ThumbnailBuilder.Build(items, new ThumbnailOptions { CellSize = 32 });

        ReadOnlySpan<byte> cell = result.Thumbnails.Cell(0);
        Assert.Equal(32 * 32 * 4, cell.Length);
        for (int p = 0; p < 32 * 32; p++)
        {
            Assert.InRange(cell[4 * p], 198, 202);
            Assert.Equal(cell[4 * p], cell[4 * p + 2]);
            Assert.Equal(255, cell[4 * p + 3]);
        }
    }

    [Fact]
    public void Contain_keeps_the_whole_wide_image_centred_on_transparency()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("wide.png", SolidPng(64, 32, 255, 0, 0));

        var result = ThumbnailBuilder.Build([File("wide", path)], new ThumbnailOptions { CellSize = 16, Fit = ThumbnailFit.Contain });

        ReadOnlySpan<byte> cell = result.Thumbnails.Cell(0);
        Assert.Equal(0, Pixel(cell, 16, 8, 1)[3]);   // above the image: transparent
        Assert.Equal(0, Pixel(cell, 16, 8, 14)[3]);  // below it
        Assert.Equal([255, 0, 0, 255], Pixel(cell, 16, 8, 8).ToArray());
    }

    [Fact]
    public void Cover_fills_the_cell_with_the_centred_square()
    {
        using var dir = new TempDirectory();
        // Left quarter blue, the rest red: the centred square of a 64×32 image is x 16..48, all red.
        var rows = new byte[32 * 64 * 3];
        for (int y = 0; y < 32; y++)
        for (int x = 0; x < 64; x++)
        {
            int o = (y * 64 + x) * 3;
            rows[o] = (byte)(x < 16 ? 0 : 255);
            rows[o + 2] = (byte)(x < 16 ? 255 : 0);
        }

        string path = dir.Write("wide.png", PngWriter.Write(64, 32, PngWriter.Rgb, 8, rows));
        var result = ThumbnailBuilder.Build([File("wide", path)], new ThumbnailOptions { CellSize = 16, Fit = ThumbnailFit.Cover });

        ReadOnlySpan<byte> cell = result.Thumbnails.Cell(0);
        for (int y = 0; y < 16; y += 5)
        for (int x = 0; x < 16; x += 5)
        {
            Assert.Equal([255, 0, 0, 255], Pixel(cell, 16, x, y).ToArray());
        }
    }

    [Fact]
    public void A_broken_image_is_reported_and_left_transparent_while_the_others_are_made()
    {
        using var dir = new TempDirectory();
        string good = dir.Write("good.png", SolidPng(20, 20, 0, 255, 0));
        string bad = dir.Write("bad.png", "this is not a png"u8.ToArray());
        var items = new[] { File("good", good), File("bad", bad), new DatasetItem("vec", null, new VectorSource(0, null)) };

        var result = ThumbnailBuilder.Build(items, new ThumbnailOptions { CellSize = 16 });

        Assert.Equal([1, 2], result.Failures.Select(f => f.Index));
        Assert.Equal("bad", result.Failures[0].ItemId);
        Assert.Contains("no image", result.Failures[1].Reason);
        Assert.Equal([0, 255, 0, 255], Pixel(result.Thumbnails.Cell(0), 16, 8, 8).ToArray());
        Assert.True(result.Thumbnails.Cell(1).IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void A_second_build_reads_the_cache_and_other_options_do_not()
    {
        using var dir = new TempDirectory();
        var cache = new ArtifactStore(dir.File("cache"));
        var items = Enumerable.Range(0, 50).Select(i => Raw($"i{i}", Enumerable.Repeat((byte)(i * 5), 28 * 28).ToArray())).ToArray();
        var options = new ThumbnailOptions { CellSize = 16 };

        var first = ThumbnailBuilder.Build(items, options, cache);
        var second = ThumbnailBuilder.Build(items, options, cache);
        var other = ThumbnailBuilder.Build(items, options with { CellSize = 24 }, cache);

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.False(other.FromCache);
        for (int i = 0; i < items.Length; i++)
        {
            Assert.True(first.Thumbnails.Cell(i).SequenceEqual(second.Thumbnails.Cell(i)));
        }
    }

    [Fact]
    public void Items_without_a_content_hash_are_not_cached()
    {
        var items = new[] { new DatasetItem("x", null, new ImageFileSource("/nonexistent.png")) };
        Assert.Null(ThumbnailBuilder.CacheKey(items, new ThumbnailOptions()));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(512)]
    public void Cell_sizes_outside_16_to_256_are_refused(int size) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ThumbnailBuilder.Build([], new ThumbnailOptions { CellSize = size }));

    private static DatasetItem Raw(string id, byte[] pixels) =>
        new(id, null, new RawPixelSource(28, 28, pixels)) { Hash = ContentHash.Of(pixels) };

    private static DatasetItem File(string id, string path) => new(id, null, new ImageFileSource(path));

    private static byte[] SolidPng(int width, int height, byte r, byte g, byte b)
    {
        var rows = new byte[width * height * 3];
        for (int p = 0; p < width * height; p++)
        {
            rows[3 * p] = r;
            rows[3 * p + 1] = g;
            rows[3 * p + 2] = b;
        }

        return PngWriter.Write(width, height, PngWriter.Rgb, 8, rows);
    }

    private static ReadOnlySpan<byte> Pixel(ReadOnlySpan<byte> cell, int size, int x, int y) => cell.Slice((y * size + x) * 4, 4);
}
