using System.Numerics;
using RenderFarm.Core.Cameras;
using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Tests.Frames;

[Collection(VulkanCollection.Name)]
public sealed class PointRenderTests(VulkanFixture vulkan)
{
    private const int W = 64, H = 48;

    [Theory]
    [InlineData(4, RenderPath.Raster)]
    [InlineData(1, RenderPath.Raster)]
    [InlineData(1, RenderPath.Compute)]
    [InlineData(1, RenderPath.Managed)]
    public void PointsHaveTheirPaletteColoursAndTheBackgroundShowsElsewhere(int samples, RenderPath path)
    {
        using var renderer = vulkan.Device.CreateFrameRenderer(W, H, path, samples);
        var items = new[] { (10, 10, 0), (40, 12, 1), (20, 35, 3), (52, 36, 6) };
        var frame = new FrameDescription(Scenes.PixelCamera(W, H), Scenes.Background, [Scenes.Points(items)]);
        var rgba = new byte[W * H * 4];
        renderer.Render(frame, rgba, path);

        foreach (var (x, y, palette) in items)
        {
            Pixels.AssertNear(Palette.ForIndex(palette), Pixels.At(rgba, W, x, y), 1, $"centre of point at ({x}, {y})");
            // 12 px discs: 4 px from the centre is still inside, 8 px is outside.
            Pixels.AssertNear(Palette.ForIndex(palette), Pixels.At(rgba, W, x + 4, y), 1, $"inside point at ({x}, {y})");
        }
        foreach (var (x, y) in new[] { (0, 0), (63, 47), (30, 24), (10, 18), (2, 10) })
            Pixels.AssertNear(Scenes.Background, Pixels.At(rgba, W, x, y), 0, $"background at ({x}, {y})");
    }

    [Theory]
    [InlineData(RenderPath.Raster)]
    [InlineData(RenderPath.Compute)]
    [InlineData(RenderPath.Managed)]
    public void EdgesAreAntiAliased(RenderPath path)
    {
        using var renderer = vulkan.Device.CreateFrameRenderer(W, H, path);
        var white = new Rgba8(255, 255, 255);
        var frame = new FrameDescription(Scenes.PixelCamera(W, H), new Rgba8(0, 0, 0),
            [new PointLayer { Positions = new[] { 32f, -24f }, Colors = new[] { white }, Size = 21 }]);
        var rgba = new byte[W * H * 4];
        renderer.Render(frame, rgba, path);
        // Along a row through the centre, somewhere near radius 10.5 the colour must pass through grey.
        var row = Enumerable.Range(32, 16).Select(x => Pixels.At(rgba, W, x, 24).R).ToArray();
        Assert.Contains(row, v => v is > 20 and < 235);
        Assert.Equal(255, row[0]);
        Assert.Equal(0, row[^1]);
    }

    [Theory]
    [InlineData(RenderPath.Raster)]
    [InlineData(RenderPath.Compute)]
    [InlineData(RenderPath.Managed)]
    public void SameFrameTwiceGivesIdenticalBytes(RenderPath path)
    {
        using var renderer = vulkan.Device.CreateFrameRenderer(W, H, path);
        var random = new Random(7);
        var positions = Enumerable.Range(0, 2000).Select(_ => (float)random.NextDouble()).ToArray();
        var colors = Enumerable.Range(0, 1000).Select(i => Palette.ForIndex(i % 10) with { A = 180 }).ToArray();
        var frame = new FrameDescription(new OrthographicCamera(0.5, 0.5, 1.1), Scenes.Background,
            [new PointLayer { Positions = positions, Colors = colors, Size = 5 }]);
        var first = new byte[W * H * 4];
        var second = new byte[W * H * 4];
        renderer.Render(frame, first, path);
        renderer.Render(frame, second, path);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(RenderPath.Raster)]
    [InlineData(RenderPath.Compute)]
    public void PerItemSizesAndWorldUnits(RenderPath path)
    {
        using var renderer = vulkan.Device.CreateFrameRenderer(W, H, path);
        // World height 4.8 units over 48 px: 10 px per unit. Sizes 0.4 and 2 units: 4 px and 20 px discs.
        var frame = new FrameDescription(new OrthographicCamera(3.2, 2.4, 4.8), Scenes.Background,
        [
            new PointLayer
            {
                Positions = new[] { 1.6f, 2.4f, 4.8f, 2.4f },
                Colors = new[] { Palette.ForIndex(2) },
                Sizes = new[] { 0.4f, 2f },
                SizeUnit = SizeUnit.World,
            },
        ]);
        var rgba = new byte[W * H * 4];
        renderer.Render(frame, rgba, path);
        // Pixel centres at 16 ± 5 px: outside the small disc, inside the large one at 48 ± 5.
        Pixels.AssertNear(Palette.ForIndex(2), Pixels.At(rgba, W, 16, 24), 1, "small disc centre");
        Pixels.AssertNear(Scenes.Background, Pixels.At(rgba, W, 21, 24), 0, "beyond the small disc");
        Pixels.AssertNear(Palette.ForIndex(2), Pixels.At(rgba, W, 55, 24), 1, "inside the large disc");
    }

    [Fact]
    public void NearerSpheresCoverFartherOnesWhateverTheDrawingOrder()
    {
        using var renderer = vulkan.Device.CreateFrameRenderer(W, H);
        var camera = new PerspectiveCamera(new Vector3(0, 0, 10), Vector3.Zero, Vector3.UnitY, 40);
        // The near red sphere comes first in the layer; the far blue one, after it, must stay hidden behind it.
        var red = new Rgba8(220, 40, 40);
        var blue = new Rgba8(40, 40, 220);
        var frame = new FrameDescription(camera, Scenes.Background,
        [
            new PointLayer
            {
                Positions = new[] { 0f, 0f, 2f, 0f, 0f, -2f },
                Dimensions = 3,
                Colors = new[] { red, blue },
                Size = 1.5f,
                SizeUnit = SizeUnit.World,
                Shading = PointShading.Sphere,
            },
        ]);
        var rgba = new byte[W * H * 4];
        renderer.Render(frame, rgba);
        var centre = Pixels.At(rgba, W, 32, 24);
        Assert.True(centre.R > 2 * centre.B, $"the near red sphere should cover the centre, got {centre}");
        Pixels.AssertNear(Scenes.Background, Pixels.At(rgba, W, 2, 2), 0, "background");
    }

    [Fact]
    public void OverlappingSphereEdgesBlendWithTheSphereBehindNotTheBackground()
    {
        using var renderer = vulkan.Device.CreateFrameRenderer(W, H);
        var camera = new PerspectiveCamera(new Vector3(0, 0, 10), Vector3.Zero, Vector3.UnitY, 40);
        var white = new Rgba8(255, 255, 255);
        var black = new Rgba8(0, 0, 0);
        // A small near black disc in front of a large far one, near first: its anti-aliased edge
        // pixels must mix black with black, never show the white background.
        var frame = new FrameDescription(camera, white,
        [
            new PointLayer
            {
                Positions = new[] { 0f, 0f, 2f, 0f, 0f, -2f },
                Dimensions = 3,
                Colors = new[] { black, black },
                Sizes = new[] { 1f, 4f },
                SizeUnit = SizeUnit.World,
            },
        ]);
        var rgba = new byte[W * H * 4];
        renderer.Render(frame, rgba);
        for (int x = 24; x <= 40; x++) // the far disc spans about 21…43, the near one 28…36
            Pixels.AssertNear(black, Pixels.At(rgba, W, x, 24), 0, $"pixel ({x}, 24)");
    }
}
