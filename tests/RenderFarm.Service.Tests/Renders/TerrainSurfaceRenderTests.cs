using RenderFarm.Encoding.Probing;
using RenderFarm.Service.Renders;
using RenderFarm.Service.Tests.Cli;
using RenderFarm.TestSupport;
using SkiaSharp;

namespace RenderFarm.Service.Tests.Renders;

/// <summary>
/// One real `renderfarm render` of terrain outputs of the small scene: <c>surface: true</c> fills
/// the ground under the spheres in posters and videos, and cluster labels reach the perspective poster.
/// </summary>
public sealed class TerrainSurfaceRenderTests : IDisposable
{
    private const string Outputs = """
        outputs:
          plain:
            kind: image
            layout: umap
            style: terrain
            size: [320, 240]
            overlays: {legend: false, caption: false}
          ground:
            kind: image
            layout: umap
            style: terrain
            surface: true
            size: [320, 240]
            overlays: {legend: false, caption: false}
          labelled:
            kind: image
            layout: umap
            style: terrain
            surface: true
            size: [320, 240]
            overlays: {legend: false, caption: false, cluster_labels: true}
          orbit:
            layout: umap
            style: terrain
            surface: true
            size: [160, 120]
            fps: 10
            preset: ultrafast
            overlays: {cluster_labels: true}
            timeline:
              - orbit: {seconds: 0.5, degrees: 60}
        """;

    private static readonly SKColor Background = new(0x11, 0x11, 0x11);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Render_TerrainWithSurface_GroundUnderTheSpheresLabelsAndVideo()
    {
        string scene = RenderScenes.Write(_dir, Outputs);
        CliRun run = CliRun.Of(["render", scene, "--output", _dir.File("out"), "--cache", _dir.File("cache")]);
        Assert.True(run.ExitCode == 0, run.ToString());
        string folder = LatestPointer.Read(_dir.File("out/small")) ?? throw new InvalidOperationException("the render left no latest run");

        using var plain = SKBitmap.Decode(Path.Combine(folder, "plain.png"));
        using var ground = SKBitmap.Decode(Path.Combine(folder, "ground.png"));
        using var labelled = SKBitmap.Decode(Path.Combine(folder, "labelled.png"));
        int plainLit = Lit(plain), groundLit = Lit(ground);
        // 300 small spheres cover a few percent of the frame; the surface under them covers a large part of it.
        Assert.True(groundLit > plainLit + 320 * 240 / 5, $"lit pixels: {plainLit} without the surface, {groundLit} with it");
        // Same frame, only the labels differ: text at the clusters' projected centroids.
        int changed = 0;
        for (int y = 0; y < 240; y++)
        for (int x = 0; x < 320; x++)
            changed += ground.GetPixel(x, y) != labelled.GetPixel(x, y) ? 1 : 0;
        Assert.True(changed > 100, $"cluster labels changed {changed} pixels of the perspective poster");

        VideoProbeResult probe = await VideoProbe.ProbeAsync(Path.Combine(folder, "orbit.mp4"));
        Assert.Equal(("h264", 160, 120, 5), (probe.Codec, probe.Width, probe.Height, probe.FrameCount));
    }

    private static int Lit(SKBitmap bitmap)
    {
        int lit = 0;
        for (int y = 0; y < bitmap.Height; y++)
        for (int x = 0; x < bitmap.Width; x++)
        {
            SKColor c = bitmap.GetPixel(x, y);
            lit += Math.Abs(c.Red - Background.Red) + Math.Abs(c.Green - Background.Green) + Math.Abs(c.Blue - Background.Blue) > 30 ? 1 : 0;
        }
        return lit;
    }
}
