using System.Numerics;
using RenderFarm.Core.Cameras;
using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Tests.Frames;

/// <summary>
/// The terrain surface under 3-D points: present where the spheres leave ground showing, lit by the
/// slope, depth-tested against the spheres, and drawn by raster whatever path a renderer prefers.
/// Probes sit at world points projected with <see cref="ScreenProjection"/>, the shaders' transform.
/// </summary>
[Collection(VulkanCollection.Name)]
public sealed class TerrainSurfaceTests(VulkanFixture vulkan)
{
    private const int W = 160, H = 120;

    private static readonly Rgba8 Background = new(250, 250, 247);

    private static readonly PerspectiveCamera Camera = new(new Vector3(0, -20, 12), Vector3.Zero, Vector3.UnitZ, 40);

    [Fact]
    public void SurfaceCoversTheGroundBetweenTheSpheres()
    {
        var without = Render(Bump(surface: false, size: 0.3f));
        var with = Render(Bump(surface: true, size: 0.3f));
        int background = 0, covered = 0;
        for (int i = 0; i < W * H; i++)
        {
            bool wasBackground = Pixels.Distance(Pixels.At(without, W, i % W, i / W), Background) <= 2;
            if (!wasBackground) continue;
            background++;
            if (Pixels.Distance(Pixels.At(with, W, i % W, i / W), Background) > 8) covered++;
        }
        // Small spheres leave most of the bump's footprint bare; the surface fills it (and its margin).
        Assert.True(covered > W * H / 5, $"the surface covered {covered} of {background} background pixels");
        // Between four spheres on the bump's flank, a pixel that was background is now ground.
        var between = Probe(new Vector3(-2.5f, -2.5f, Height(-2.5f, -2.5f)));
        Assert.True(Pixels.Distance(Pixels.At(without, W, between.X, between.Y), Background) <= 2, "the probe should fall between spheres");
        Assert.True(Pixels.Distance(Pixels.At(with, W, between.X, between.Y), Background) > 20, "no ground between the spheres");
    }

    [Fact]
    public void SlopesFacingTheLightAreBrighter()
    {
        // One colour for every item and spheres too small to see, so only the ground's lighting
        // varies. The scene and camera are mirror-symmetric about x = 0, so pixel columns x and
        // W − 1 − x see mirror-image ground; the light comes from the upper left (as on the
        // spheres), so the bump's west flank, facing it, is brighter than its east flank.
        var rgba = Render(Bump(surface: true, size: 0.02f, uniform: true));
        var flank = Probe(new Vector3(-2.5f, 0.5f, 1.5f));
        Assert.True(flank.X < W / 2 - 4, $"the west flank probe at {flank} should lie left of the centre");
        double west = Luminance(rgba, flank), east = Luminance(rgba, (W - 1 - flank.X, flank.Y));
        Assert.True(west > east + 8, $"west flank {west:F0} should be brighter than the east flank {east:F0}");
        // The far, flat ground (no slope east or west) is lit the same on both sides.
        var flat = Probe(new Vector3(-5.5f, 6.5f, 0));
        double flatWest = Luminance(rgba, flat), flatEast = Luminance(rgba, (W - 1 - flat.X, flat.Y));
        Assert.True(Math.Abs(flatWest - flatEast) < Math.Abs(west - east) / 2, $"flat ground {flatWest:F0} / {flatEast:F0}, flanks {west:F0} / {east:F0}");
    }

    [Fact]
    public void SpheresAboveTheSurfaceShowAndSpheresBelowItAreHidden()
    {
        // A plateau of small items at z = 2 makes the surface; a red sphere sinks under it and a
        // blue one floats above it, both where the camera sees the plateau.
        var plateau = new List<float>();
        for (int i = -6; i <= 6; i++)
        for (int j = -6; j <= 6; j++)
            plateau.AddRange([i, j, 2f]);
        var ground = new PointLayer
        {
            Positions = plateau.ToArray(), Dimensions = 3, Colors = new[] { new Rgba8(120, 160, 100) }, Size = 0.1f,
            SizeUnit = SizeUnit.World, Shading = PointShading.Sphere, Surface = new TerrainSurface { Resolution = 128 },
        };
        Rgba8 red = new(220, 30, 30), blue = new(30, 60, 220);
        PointLayer Ball(float x, float z, Rgba8 color) => new()
        {
            Positions = new[] { x, 0f, z }, Dimensions = 3, Colors = new[] { color }, Size = 1.6f, SizeUnit = SizeUnit.World, Shading = PointShading.Sphere,
        };
        var balls = new FrameLayer[] { Ball(-2, 0.5f, red), Ball(2, 3.5f, blue) };
        var withSurface = Render(new FrameDescription(Camera, Background, [ground, .. balls]));
        var withoutSurface = Render(new FrameDescription(Camera, Background, [ground with { Surface = null }, .. balls]));

        var sunk = Probe(new Vector3(-2, 0, 0.5f));
        var floating = Probe(new Vector3(2, 0, 3.5f));
        Assert.True(IsReddish(Pixels.At(withoutSurface, W, sunk.X, sunk.Y)), "without a surface the sunken sphere shows");
        Assert.False(IsReddish(Pixels.At(withSurface, W, sunk.X, sunk.Y)), "the surface hides the sphere beneath it");
        Pixels.AssertNear(Pixels.At(withoutSurface, W, floating.X, floating.Y), Pixels.At(withSurface, W, floating.X, floating.Y), 2, "the sphere above the surface");
    }

    [Theory]
    [InlineData(RenderPath.Auto)]
    [InlineData(RenderPath.Compute)]
    [InlineData(RenderPath.Managed)]
    public void SurfaceFramesTakeTheRasterPathWhateverThePreference(RenderPath preference)
    {
        // An orthographic (top-down) frame, which the splatting paths would otherwise draw.
        var frame = Bump(surface: true, size: 6, pixels: true) with { Camera = new OrthographicCamera(0, 0, 18) };
        var raster = Render(frame);
        using var renderer = vulkan.Device.CreateFrameRenderer(W, H, preference, samples: 4);
        var rgba = new byte[W * H * 4];
        renderer.Render(frame, rgba, RenderPath.Raster);
        Assert.Equal(raster, rgba);
    }

    [Fact]
    public void StitchedTilesEqualTheWholeFrame()
    {
        // Every tile rebuilds the same height field from the same items: posters beyond the
        // device's image size show no seams in the ground.
        var frame = Bump(surface: true, size: 0.8f);
        var expected = Render(frame);
        using var tiles = vulkan.Device.CreateFrameRenderer(64, 48, RenderPath.Raster, samples: 4);
        var stitched = new byte[W * H * 4];
        PosterRenderer.Render(tiles, frame, W, H, (y, height, rows) => rows.CopyTo(stitched.AsSpan(y * W * 4)));
        var (count, max) = Pixels.Differences(expected, stitched, tolerance: 0);
        Assert.True(max <= 1 && count <= W * H / 1000, $"{count} pixels differ (largest difference {max})");
    }

    [Fact]
    public void BadSurfacesAreRejected()
    {
        var flat = new PointLayer { Positions = new[] { 0f, 0f }, Colors = new[] { Background }, Surface = new TerrainSurface() };
        using var renderer = vulkan.Device.CreateFrameRenderer(W, H, RenderPath.Raster);
        var rgba = new byte[W * H * 4];
        var error = Assert.Throws<RenderingException>(() => renderer.Render(new FrameDescription(Camera, Background, [flat]), rgba));
        Assert.Contains("3-D positions", error.Message);
        var bump = Bump(surface: true, size: 0.3f);
        var layer = (PointLayer)bump.Layers[0];
        error = Assert.Throws<RenderingException>(() => renderer.Render(bump with { Layers = [layer with { Surface = new TerrainSurface { Resolution = 4 } }] }, rgba));
        Assert.Contains("resolution", error.Message);
        error = Assert.Throws<RenderingException>(() => renderer.Render(bump with { Layers = [layer, layer] }, rgba));
        Assert.Contains("one terrain surface", error.Message);
    }

    /// <summary>The reference terrain scene's bump: 15 × 15 items at unit spacing, z = 3·exp(−r²/20).</summary>
    internal static FrameDescription Bump(bool surface, float size, bool uniform = false, bool pixels = false)
    {
        var xyz = new List<float>();
        var colors = new List<Rgba8>();
        for (int i = 0; i < 15; i++)
        for (int j = 0; j < 15; j++)
        {
            float x = i - 7, y = j - 7;
            xyz.AddRange([x, y, Height(x, y)]);
            colors.Add(uniform ? new Rgba8(90, 150, 200) : Palette.ForIndex(i / 5 * 3 + j / 5));
        }
        return new FrameDescription(Camera, Background,
        [
            new PointLayer
            {
                Positions = xyz.ToArray(), Dimensions = 3, Colors = colors.ToArray(), Size = size,
                SizeUnit = pixels ? SizeUnit.Pixels : SizeUnit.World, Shading = PointShading.Sphere,
                Surface = surface ? new TerrainSurface { Resolution = 128 } : null,
            },
        ]);
    }

    private static float Height(float x, float y) => 3 * MathF.Exp(-(x * x + y * y) / 20);

    private byte[] Render(FrameDescription frame)
    {
        using var renderer = vulkan.Device.CreateFrameRenderer(W, H, RenderPath.Raster, samples: 4);
        var rgba = new byte[W * H * 4];
        renderer.Render(frame, rgba, RenderPath.Raster);
        return rgba;
    }

    private static (int X, int Y) Probe(Vector3 world)
    {
        Assert.True(ScreenProjection.TryProject(Camera, W, H, world, out var pixel), $"{world} is behind the camera");
        return ((int)pixel.X, (int)pixel.Y);
    }

    /// <summary>Mean sRGB luminance of the 5 × 5 pixels around <paramref name="at"/>.</summary>
    private static double Luminance(byte[] rgba, (int X, int Y) at)
    {
        double sum = 0;
        for (int dy = -2; dy <= 2; dy++)
        for (int dx = -2; dx <= 2; dx++)
        {
            var c = Pixels.At(rgba, W, at.X + dx, at.Y + dy);
            sum += 0.2126 * c.R + 0.7152 * c.G + 0.0722 * c.B;
        }
        return sum / 25;
    }

    private static bool IsReddish(Rgba8 c) => c.R > 120 && c.R > c.G + 60 && c.R > c.B + 60;
}
