using RenderFarm.Core.Cameras;
using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Tests.Splatting;

/// <summary>The compute splatting path draws what the raster path draws, the same bytes every time.</summary>
[Collection(VulkanCollection.Name)]
public sealed class SplatAgreementTests(VulkanFixture vulkan)
{
    private const int W = 200, H = 150;

    /// <summary>
    /// Dense and overlapping: translucent discs, spheres, threshold sprites (tinted) and opaque
    /// tiles with borders, thousands of items on 30,000 pixels, so order, anti-aliased edges over
    /// other items, mip choice and borders all show.
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
            new PointLayer { Positions = Positions(800), Colors = Colors(800, 160), Size = 0.5f, SizeUnit = SizeUnit.World, Shading = PointShading.Sphere },
            new SpriteLayer { Atlas = tiles, Positions = Positions(40), Cells = Enumerable.Range(0, 40).ToArray(), Size = 13, Mode = SpriteMode.Opaque, Colors = Colors(40, 255), BorderPixels = 1.5f },
            new SpriteLayer { Atlas = strokes, Positions = Positions(1500), Cells = Enumerable.Range(0, 1500).Select(i => i % 16).ToArray(), Size = 11, Colors = Colors(1500, 255), Threshold = 0.4f },
            new PointLayer { Positions = Positions(2000), Colors = Colors(2000, 255), Sizes = Enumerable.Range(0, 2000).Select(_ => (float)(2 + random.NextDouble() * 14)).ToArray() },
        ]);
    }

    [Fact]
    public void ComputeAgreesWithRasterOnADenseScene()
    {
        var frame = DenseScene();
        var raster = Render(frame, RenderPath.Raster);
        var compute = Render(frame, RenderPath.Compute);
        // The raster path rounds to 8-bit sRGB after every blend, compute once per layer, and the
        // two place pixel centres through different float arithmetic: edges may differ a little.
        var (count, max) = Pixels.Differences(raster, compute, tolerance: 6);
        Assert.True(count <= W * H / 500, $"{count} pixels differ by more than 6 levels (largest {max})");
        var (anyCount, _) = Pixels.Differences(raster, compute, tolerance: 2);
        Assert.True(anyCount <= W * H / 50, $"{anyCount} pixels differ by more than 2 levels");
    }

    [Fact]
    public void ComputeGivesTheSameBytesEveryTime()
    {
        var frame = DenseScene();
        using var renderer = vulkan.Device.CreateFrameRenderer(W, H, RenderPath.Compute);
        var first = new byte[W * H * 4];
        var second = new byte[W * H * 4];
        renderer.Render(frame, first, RenderPath.Compute);
        renderer.Render(frame, second, RenderPath.Compute);
        Assert.Equal(first, second);
    }

    [Fact]
    public void LaterItemsAreOnTopAndEdgesBlendWithTheItemBeneath()
    {
        // A large black disc, then a small white one on top, on a red background: the small disc's
        // anti-aliased edge must mix white with black (grey), never with the red background.
        var frame = new FrameDescription(Scenes.PixelCamera(64, 48), new Rgba8(255, 0, 0),
            [new PointLayer { Positions = new[] { 32f, -24f, 32.3f, -24.2f }, Colors = new[] { new Rgba8(0, 0, 0), new Rgba8(255, 255, 255) }, Sizes = new[] { 30f, 9f } }]);
        using var renderer = vulkan.Device.CreateFrameRenderer(64, 48, RenderPath.Compute);
        var rgba = new byte[64 * 48 * 4];
        renderer.Render(frame, rgba, RenderPath.Compute);
        Pixels.AssertNear(new Rgba8(255, 255, 255), Pixels.At(rgba, 64, 32, 24), 0, "small disc on top");
        var row = Enumerable.Range(32, 12).Select(x => Pixels.At(rgba, 64, x, 24)).ToArray();
        Assert.Contains(row, c => c.R is > 20 and < 235);
        Assert.All(row, c => Assert.True(c.R == c.G && c.G == c.B, $"{c} should be grey: the edge blends with the black disc"));
    }

    [Fact]
    public void AutoChoosesManagedOnLavapipeForFlatFramesComputeForSpheresAndRasterForPerspective()
    {
        using var renderer = vulkan.Device.CreateFrameRenderer(32, 32, RenderPath.Auto);
        var rgba = new byte[32 * 32 * 4];
        var flat = new FrameDescription(Scenes.PixelCamera(32, 32), Scenes.Background, [Scenes.Points((8, 8, 1))]);
        renderer.Render(flat, rgba, RenderPath.Managed);
        var spheres = flat with { Layers = [Scenes.Points((8, 8, 1)) with { Shading = PointShading.Sphere }] };
        renderer.Render(spheres, rgba, RenderPath.Compute);
        var perspective = flat with { Camera = new PerspectiveCamera(new(0, 0, 10), System.Numerics.Vector3.Zero, System.Numerics.Vector3.UnitY, 40) };
        renderer.Render(perspective, rgba, RenderPath.Raster);
        renderer.PathPreference = RenderPath.Raster;
        renderer.Render(flat, rgba, RenderPath.Raster);
    }

    [Fact]
    public void AutoLeavesGridPostersTooLargeForManagedToRaster()
    {
        // Edge-to-edge 72 px opaque tiles (past the managed path's stamp size): each pixel under
        // one sprite, the case raster draws faster than compute.
        var atlas = vulkan.Device.UploadAtlas(Scenes.DistinctThumbnails(24, 16));
        var positions = Enumerable.Range(0, 12).SelectMany(i => new[] { i % 4 * 72 + 36f, -(i / 4 * 72 + 36f) }).ToArray();
        var grid = new SpriteLayer { Atlas = atlas, Positions = positions, Cells = Enumerable.Range(0, 12).ToArray(), Size = 72, Mode = SpriteMode.Opaque };
        var frame = new FrameDescription(Scenes.PixelCamera(288, 216), Scenes.Background, [grid]);
        using var renderer = vulkan.Device.CreateFrameRenderer(288, 216, RenderPath.Auto);
        var rgba = new byte[288 * 216 * 4];
        renderer.Render(frame, rgba, RenderPath.Raster);
        // Piled up (every tile on the same spot), the same sprites go to compute.
        renderer.Render(frame with { Layers = [grid with { Positions = positions.Select((_, i) => i % 2 == 0 ? 144f : -108f).ToArray() }] }, rgba, RenderPath.Compute);
        // At 32 px the managed path draws them.
        renderer.Render(frame with { Layers = [grid with { Size = 32 }] }, rgba, RenderPath.Managed);
    }

    [Fact]
    public void ItemsTooLargeForSplattingGoToRaster()
    {
        // One disc covering far more bin rows than the splatting limit allows.
        using var renderer = vulkan.Device.CreateFrameRenderer(64, 64, RenderPath.Compute);
        var rgba = new byte[64 * 64 * 4];
        int n = (int)(Rendering.Splatting.SplatRenderer.MaxEntries / (64 * 8)) + 1;
        var frame = new FrameDescription(Scenes.PixelCamera(64, 64), Scenes.Background,
            [new PointLayer { Positions = new float[2 * n], Colors = new[] { new Rgba8(9, 9, 9) }, Size = 1000 }]);
        renderer.Render(frame, rgba, RenderPath.Raster);
        Pixels.AssertNear(new Rgba8(9, 9, 9), Pixels.At(rgba, 64, 1, 1), 0, "covered by the disc");
    }

    private byte[] Render(FrameDescription frame, RenderPath path)
    {
        using var renderer = vulkan.Device.CreateFrameRenderer(W, H, path, samples: 1);
        var rgba = new byte[W * H * 4];
        renderer.Render(frame, rgba, path);
        return rgba;
    }
}
