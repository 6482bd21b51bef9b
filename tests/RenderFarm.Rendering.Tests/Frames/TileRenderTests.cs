using RenderFarm.Core.Cameras;
using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Tests.Frames;

[Collection(VulkanCollection.Name)]
public sealed class TileRenderTests(VulkanFixture vulkan)
{
    private const int W = 150, H = 110;

    private FrameDescription Scene()
    {
        var random = new Random(3);
        int n = 600;
        var positions = Enumerable.Range(0, 2 * n).Select(_ => (float)(random.NextDouble() * 12 - 6)).ToArray();
        var colors = Enumerable.Range(0, n).Select(i => Palette.ForIndex(i % 10)).ToArray();
        var atlas = vulkan.Device.UploadAtlas(Scenes.DistinctThumbnails(40, 16));
        var spritePositions = Enumerable.Range(0, 80).Select(_ => (float)(random.NextDouble() * 12 - 6)).ToArray();
        return new FrameDescription(new OrthographicCamera(0.3, -0.2, 9), Scenes.Background,
        [
            new PointLayer { Positions = positions, Colors = colors, Size = 7 },
            new SpriteLayer { Atlas = atlas, Positions = spritePositions, Cells = Enumerable.Range(0, 40).ToArray(), Size = 0.9f, SizeUnit = SizeUnit.World },
        ]);
    }

    [Theory]
    [InlineData(64, 48, RenderPath.Raster)]  // uneven: the last column and row of tiles are narrower than the target
    [InlineData(75, 55, RenderPath.Raster)]  // exact halves
    [InlineData(64, 48, RenderPath.Compute)] // uneven, and tile edges cut through splatting bins
    [InlineData(75, 55, RenderPath.Compute)]
    [InlineData(64, 48, RenderPath.Managed)] // tile edges cut through bands and stamps
    [InlineData(75, 55, RenderPath.Managed)]
    public void StitchedTilesEqualTheWholeFrame(int tileW, int tileH, RenderPath path)
    {
        var frame = Scene();
        using var whole = vulkan.Device.CreateFrameRenderer(W, H, path);
        var expected = new byte[W * H * 4];
        whole.Render(frame, expected, path);

        using var tiles = vulkan.Device.CreateFrameRenderer(tileW, tileH, path);
        var stitched = new byte[W * H * 4];
        for (int ty = 0; ty < H; ty += tileH)
        for (int tx = 0; tx < W; tx += tileW)
        {
            var rect = new PixelRect(tx, ty, Math.Min(tileW, W - tx), Math.Min(tileH, H - ty));
            var tile = new byte[rect.Width * rect.Height * 4];
            tiles.Render(frame, tile, path, new FrameTile(W, H, rect));
            for (int y = 0; y < rect.Height; y++)
                tile.AsSpan(y * rect.Width * 4, rect.Width * 4).CopyTo(stitched.AsSpan(((ty + y) * W + tx) * 4));
        }

        // Tiles shift the same geometry by whole pixels, so only rounding in the last bits of a
        // vertex position may change an edge pixel by one level (lavapipe: 3–4 of 16,500): never a seam.
        var (count, max) = Pixels.Differences(expected, stitched, tolerance: 0);
        Assert.True(max <= 1 && count <= W * H / 1000, $"{count} pixels differ (largest difference {max})");
    }

    [Theory]
    [InlineData(RenderPath.Raster)]
    [InlineData(RenderPath.Compute)]
    [InlineData(RenderPath.Managed)]
    public void PosterRendererStitchesBandsIntoTheWholeFrame(RenderPath path)
    {
        var frame = Scene();
        using var whole = vulkan.Device.CreateFrameRenderer(W, H, path);
        var expected = new byte[W * H * 4];
        whole.Render(frame, expected, path);

        using var tiles = vulkan.Device.CreateFrameRenderer(64, 48, path);
        var stitched = new byte[W * H * 4];
        var bands = new List<(int Y, int Height)>();
        PosterRenderer.Render(tiles, frame, W, H, (y, height, rows) =>
        {
            bands.Add((y, height));
            rows.CopyTo(stitched.AsSpan(y * W * 4));
        });

        Assert.Equal(new[] { (0, 48), (48, 48), (96, 14) }, bands);
        Assert.Equal(path, tiles.LastPath);
        var (count, max) = Pixels.Differences(expected, stitched, tolerance: 0);
        Assert.True(max <= 1 && count <= W * H / 1000, $"{count} pixels differ (largest difference {max})");
    }
}
