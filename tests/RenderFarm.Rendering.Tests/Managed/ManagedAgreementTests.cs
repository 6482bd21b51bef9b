using RenderFarm.Core.Cameras;
using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Tests.Managed;

/// <summary>The managed splatter draws what the raster path draws, the same bytes every time, and hands on what it cannot draw.</summary>
[Collection(VulkanCollection.Name)]
public sealed class ManagedAgreementTests(VulkanFixture vulkan)
{
    private const int W = 200, H = 150;

    /// <summary>
    /// Dense and overlapping, every look the managed path draws: translucent and opaque discs,
    /// opaque tiles with borders, tinted and untinted threshold sprites, thousands of items on
    /// 30,000 pixels, so order, anti-aliased edges over other items, resampling and borders all show.
    /// </summary>
    private FrameDescription DenseScene()
    {
        var random = new Random(11);
        float[] Positions(int n) => Enumerable.Range(0, 2 * n).Select(_ => (float)(random.NextDouble() * 10 - 5)).ToArray();
        Rgba8[] Colors(int n, byte alpha) => Enumerable.Range(0, n).Select(i => Palette.ForIndex(random.Next(10)) with { A = alpha }).ToArray();
        var strokes = vulkan.Device.UploadAtlas(Scenes.PlusSigns(16, 28));
        var tiles = vulkan.Device.UploadAtlas(Scenes.DistinctThumbnails(40, 16));
        return new FrameDescription(new OrthographicCamera(0.2, -0.1, 9), new Rgba8(250, 250, 247),
        [
            new PointLayer { Positions = Positions(3000), Colors = Colors(3000, 255), Size = 9 },
            new PointLayer { Positions = Positions(800), Colors = Colors(800, 160), Size = 0.5f, SizeUnit = SizeUnit.World },
            new SpriteLayer { Atlas = tiles, Positions = Positions(40), Cells = Enumerable.Range(0, 40).ToArray(), Size = 13, Mode = SpriteMode.Opaque, Colors = Colors(40, 255), BorderPixels = 1.5f },
            new SpriteLayer { Atlas = strokes, Positions = Positions(1500), Cells = Enumerable.Range(0, 1500).Select(i => i % 16).ToArray(), Size = 11, Colors = Colors(1500, 255), Threshold = 0.4f },
            new SpriteLayer { Atlas = strokes, Positions = Positions(300), Cells = Enumerable.Range(0, 300).Select(i => i % 16).ToArray(), Size = 12, Threshold = 0.6f },
        ]);
    }

    [Fact]
    public void ManagedAgreesWithRasterOnADenseScene()
    {
        var frame = DenseScene();
        var raster = Render(frame, RenderPath.Raster);
        var managed = Render(frame, RenderPath.Managed);
        // Managed draws each item from a stamp made for the middle of its 1/16-pixel phase: edges
        // cover the same pixels, but the content of these hard-edged 28 px strokes may move by up
        // to 1/32 px (a tenth of a texel), which shifts a stroke's edge pixel by tens of levels
        // where the threshold is steep. Raster also rounds to 8 bits after every blend, managed once.
        var (count, max) = Pixels.Differences(raster, managed, tolerance: 12);
        Assert.True(count <= W * H / 100, $"{count} pixels differ by more than 12 levels (largest {max})");
        var (anyCount, _) = Pixels.Differences(raster, managed, tolerance: 3);
        // Measured: ~190 pixels over 12 levels and ~3,000 (10 %) over 3, nearly all on stroke edges.
        Assert.True(anyCount <= W * H / 8, $"{anyCount} pixels differ by more than 3 levels");
    }

    [Fact]
    public void ManagedGivesTheSameBytesEveryTime()
    {
        var frame = DenseScene();
        using var renderer = vulkan.Device.CreateFrameRenderer(W, H, RenderPath.Managed);
        var first = new byte[W * H * 4];
        var second = new byte[W * H * 4];
        renderer.Render(frame, first, RenderPath.Managed);
        renderer.Render(frame, second, RenderPath.Managed);
        Assert.Equal(first, second);
    }

    [Fact]
    public void TranslucentBackgroundsKeepTheirAlpha()
    {
        var frame = new FrameDescription(Scenes.PixelCamera(32, 32), new Rgba8(0, 0, 0, 0),
            [new PointLayer { Positions = new[] { 16f, -16f }, Colors = new[] { new Rgba8(255, 255, 255, 128) }, Size = 10 }]);
        var raster = RenderAt(frame, RenderPath.Raster, 32, 32);
        var managed = RenderAt(frame, RenderPath.Managed, 32, 32);
        Assert.Equal(0, Pixels.At(managed, 32, 1, 1).A);
        Pixels.AssertNear(Pixels.At(raster, 32, 16, 16), Pixels.At(managed, 32, 16, 16), 1, "centre of the half-transparent disc");
    }

    [Fact]
    public void FramesItCannotDrawGoToTheDevice()
    {
        using var renderer = vulkan.Device.CreateFrameRenderer(32, 32, RenderPath.Managed);
        var rgba = new byte[32 * 32 * 4];
        var flat = new FrameDescription(Scenes.PixelCamera(32, 32), Scenes.Background, [Scenes.Points((8, 8, 1))]);
        renderer.Render(flat, rgba, RenderPath.Managed);
        var perspective = flat with { Camera = new PerspectiveCamera(new(0, 0, 10), System.Numerics.Vector3.Zero, System.Numerics.Vector3.UnitY, 40) };
        renderer.Render(perspective, rgba, RenderPath.Raster);
        var spheres = flat with { Layers = [Scenes.Points((8, 8, 1)) with { Shading = PointShading.Sphere }] };
        renderer.Render(spheres, rgba, RenderPath.Compute);
        var huge = flat with { Layers = [Scenes.Points((8, 8, 1)) with { Size = 200 }] };
        renderer.Render(huge, rgba, RenderPath.Compute);
    }

    [Fact]
    public void CellsPastTheAtlasAreRejected()
    {
        var atlas = vulkan.Device.UploadAtlas(Scenes.DistinctThumbnails(3, 8));
        using var renderer = vulkan.Device.CreateFrameRenderer(32, 32, RenderPath.Managed);
        var frame = new FrameDescription(Scenes.PixelCamera(32, 32), Scenes.Background,
            [new SpriteLayer { Atlas = atlas, Positions = new[] { 16f, -16f }, Cells = new[] { 3 }, Size = 8 }]);
        var error = Assert.Throws<RenderingException>(() => renderer.Render(frame, new byte[32 * 32 * 4]));
        Assert.Contains("atlas cell 3", error.Message);
    }

    private byte[] Render(FrameDescription frame, RenderPath path) => RenderAt(frame, path, W, H);

    private byte[] RenderAt(FrameDescription frame, RenderPath path, int w, int h)
    {
        using var renderer = vulkan.Device.CreateFrameRenderer(w, h, path, samples: 1);
        var rgba = new byte[w * h * 4];
        renderer.Render(frame, rgba, path);
        return rgba;
    }
}
