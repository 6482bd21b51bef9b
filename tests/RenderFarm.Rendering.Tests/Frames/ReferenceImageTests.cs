using RenderFarm.Core.Cameras;
using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Frames;
using RenderFarm.TestSupport;
using SkiaSharp;

namespace RenderFarm.Rendering.Tests.Frames;

/// <summary>
/// Small scenes compared with reviewed PNGs under References/. Set RENDERFARM_UPDATE_REFERENCES=1
/// to rewrite them after an intended change, then look at them before committing.
/// </summary>
[Collection(VulkanCollection.Name)]
public sealed class ReferenceImageTests(VulkanFixture vulkan)
{
    private const int W = 160, H = 120;

    // One reference per scene, rendered by the raster path (RENDERFARM_UPDATE_REFERENCES writes
    // only from it): the compute path must match the same reviewed image.
    [Theory]
    [InlineData(RenderPath.Raster)]
    [InlineData(RenderPath.Compute)]
    public void PointsScene(RenderPath path) => Compare("points.png", PointsFrame(), path, path);

    [Theory]
    [InlineData(RenderPath.Raster)]
    [InlineData(RenderPath.Compute)]
    [InlineData(RenderPath.Managed)]
    public void SpritesScene(RenderPath path) => Compare("sprites.png", SpritesFrame(), path, path);

    [Theory]
    [InlineData(RenderPath.Raster)]
    [InlineData(RenderPath.Compute)] // perspective: drawn by raster whatever the preference
    public void TerrainScene(RenderPath path) => Compare("terrain.png", TerrainFrame(), path, RenderPath.Raster);

    // The same scene standing on its smooth height field: raster for every preference.
    [Theory]
    [InlineData(RenderPath.Raster)]
    [InlineData(RenderPath.Managed)]
    public void TerrainSurfaceScene(RenderPath path) => Compare("terrain_surface.png", TerrainSurfaceFrame(), path, RenderPath.Raster);

    private static FrameDescription TerrainSurfaceFrame()
    {
        var frame = TerrainFrame();
        return frame with { Layers = [(PointLayer)frame.Layers[0] with { Surface = new TerrainSurface { Resolution = 128 } }] };
    }

    private static FrameDescription TerrainFrame()
    {
        // A 2-D grid of items raised by a smooth height, seen from above at an angle: lit spheres.
        var xyz = new List<float>();
        var colors = new List<Rgba8>();
        for (int i = 0; i < 15; i++)
        for (int j = 0; j < 15; j++)
        {
            float x = i - 7, y = j - 7;
            xyz.AddRange([x, y, 3 * MathF.Exp(-(x * x + y * y) / 20)]);
            colors.Add(Palette.ForIndex((i / 5) * 3 + j / 5));
        }
        var camera = new PerspectiveCamera(new System.Numerics.Vector3(0, -20, 12), System.Numerics.Vector3.Zero, System.Numerics.Vector3.UnitZ, 40);
        return new FrameDescription(camera, new Rgba8(250, 250, 247),
            [new PointLayer { Positions = xyz.ToArray(), Dimensions = 3, Colors = colors.ToArray(), Size = 0.8f, SizeUnit = SizeUnit.World, Shading = PointShading.Sphere }]);
    }

    private static FrameDescription PointsFrame()
    {
        // Ten class arms of a spiral, discs on top of a ring of lit spheres.
        int n = 400;
        var positions = new float[2 * n];
        var colors = new Rgba8[n];
        for (int i = 0; i < n; i++)
        {
            double t = i / (double)n * 3 * Math.PI, r = 0.5 + 4.0 * i / n;
            positions[2 * i] = (float)(r * Math.Cos(t + i % 10 * 0.63));
            positions[2 * i + 1] = (float)(r * Math.Sin(t + i % 10 * 0.63));
            colors[i] = Palette.ForIndex(i % 10);
        }
        var ring = Enumerable.Range(0, 24).SelectMany(i => new[] { (float)(5.2 * Math.Cos(i * Math.PI / 12)), (float)(5.2 * Math.Sin(i * Math.PI / 12)) }).ToArray();
        return new FrameDescription(new OrthographicCamera(0, 0, 12), new Rgba8(250, 250, 247),
        [
            new PointLayer { Positions = ring, Colors = new[] { Palette.ForIndex(4) }, Size = 0.7f, SizeUnit = SizeUnit.World, Shading = PointShading.Sphere },
            new PointLayer { Positions = positions, Colors = colors, Size = 5 },
        ]);
    }

    private FrameDescription SpritesFrame()
    {
        var digits = vulkan.Device.UploadAtlas(Scenes.PlusSigns(10, 28));
        var tiles = vulkan.Device.UploadAtlas(Scenes.DistinctThumbnails(40, 16));
        var threshold = new SpriteLayer
        {
            Atlas = digits,
            Positions = Enumerable.Range(0, 10).SelectMany(i => new[] { 12f + i * 15, -20f }).ToArray(),
            Cells = Enumerable.Range(0, 10).ToArray(),
            Colors = Enumerable.Range(0, 10).Select(Palette.ForIndex).ToArray(),
            Size = 18,
            Threshold = 0.4f,
        };
        var opaque = Scenes.SpriteGrid(tiles, 10, 15, 13, 0, SpriteMode.Opaque,
            Enumerable.Range(0, 40).Select(i => Palette.ForIndex(i % 10)).ToArray(), border: 1.25f);
        opaque = opaque with
        {
            Positions = Enumerable.Range(0, 40).SelectMany(i => new[] { 12.5f + i % 10 * 15, -(45.5f + i / 10 * 17) }).ToArray(),
        };
        return new FrameDescription(Scenes.PixelCamera(W, H), new Rgba8(0, 0, 0), [threshold, opaque]);
    }

    private void Compare(string name, FrameDescription frame, RenderPath path, RenderPath expectedPath)
    {
        // 4× MSAA, not the device default: references must not change when the default does.
        using var renderer = vulkan.Device.CreateFrameRenderer(W, H, path, samples: 4);
        var actual = new byte[W * H * 4];
        renderer.Render(frame, actual, expectedPath);
        string source = Path.Combine(RepositoryRoot.Path, "tests", "RenderFarm.Rendering.Tests", "References", name);
        if (Environment.GetEnvironmentVariable("RENDERFARM_UPDATE_REFERENCES") == "1" && path == RenderPath.Raster)
        {
            File.WriteAllBytes(source, PngWriter.Write(W, H, PngWriter.Rgba, 8, actual));
            return;
        }
        Assert.True(File.Exists(source), $"Missing reference {source}: run with RENDERFARM_UPDATE_REFERENCES=1 and review it.");
        var expected = Decode(source);
        // Other Mesa or LLVM versions may round edges differently: allow small differences on few pixels.
        var (count, max) = Pixels.Differences(expected, actual, tolerance: 8);
        Assert.True(count <= W * H / 200, $"{name}: {count} pixels differ by more than 8 (largest {max})");
    }

    private static byte[] Decode(string path)
    {
        using var bitmap = SKBitmap.Decode(path, new SKImageInfo(W, H, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Assert.NotNull(bitmap);
        Assert.Equal((W, H), (bitmap.Width, bitmap.Height));
        return bitmap.Bytes;
    }
}
