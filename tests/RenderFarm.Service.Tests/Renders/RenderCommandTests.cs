using System.Security.Cryptography;
using System.Text.Json;
using RenderFarm.Core.Scenes;
using RenderFarm.Encoding.Probing;
using RenderFarm.Service.Tests.Cli;
using SkiaSharp;

namespace RenderFarm.Service.Tests.Renders;

public sealed class RenderCommandTests(RenderedSmallScene scene) : IClassFixture<RenderedSmallScene>
{
    private static readonly byte[] Background = [0x11, 0x11, 0x11];

    [Fact]
    public void Render_SmallScene_ExitsZeroWithASummaryPerOutput()
    {
        Assert.True(scene.Run.ExitCode == 0, scene.Run.ToString());
        Assert.NotEqual("", scene.RunFolder);
        Assert.Contains(scene.Run.OutLines, l => l.StartsWith("poster: poster.png · 256×256", StringComparison.Ordinal));
        Assert.Contains(scene.Run.OutLines, l => l.StartsWith("transition: transition.mp4 · 320×180", StringComparison.Ordinal) && l.Contains("30 frames", StringComparison.Ordinal));
    }

    [Fact]
    public void Poster_DecodesAtItsSizeShowsImagesAndCarriesTheSceneHash()
    {
        Assert.True(scene.Run.ExitCode == 0, scene.Run.ToString());
        string path = scene.File("poster.png");

        // 300 tiles in a near-square grid cover most of the square poster, and clothes are bright on black.
        Assert.True(LitPixels(path, 256, 256) > 256 * 256 / 5, "the poster is mostly background");
        Dictionary<string, string> texts = PngChunks.Texts(path);
        string hash = Sha256(scene.ScenePath);
        Assert.Equal(hash, texts["RenderFarm:scene-hash"]);
        Assert.StartsWith("RenderFarm ", texts["Software"], StringComparison.Ordinal);
        using JsonDocument provenance = JsonDocument.Parse(texts["RenderFarm:provenance"]);
        Assert.Equal(hash, provenance.RootElement.GetProperty("scene_sha256").GetString());
        Assert.Equal("grid-mosaic", provenance.RootElement.GetProperty("style").GetString());
    }

    [Fact]
    public void TerrainImage_ShowsItsSpheres()
    {
        Assert.True(scene.Run.ExitCode == 0, scene.Run.ToString());

        // 300 spheres of 4 px seen in perspective: a few percent of the frame, well above nothing.
        Assert.True(LitPixels(scene.File("terrain.png"), 320, 240) > 300, "the terrain image shows no spheres");
    }

    [Fact]
    public async Task Video_IsH264Yuv420pFaststartWithTheTimelinesFrames()
    {
        Assert.True(scene.Run.ExitCode == 0, scene.Run.ToString());
        var video = (VideoOutputSpec)SceneLoader.Load(scene.ScenePath).Outputs.Single(o => o.Name == "transition");

        VideoProbeResult probe = await VideoProbe.ProbeAsync(scene.File("transition.mp4"));

        Assert.Equal(("h264", "yuv420p", 320, 180), (probe.Codec, probe.PixelFormat, probe.Width, probe.Height));
        Assert.Equal(video.FrameCount, probe.FrameCount);
        Assert.Equal(30, video.FrameCount);
        Assert.InRange(probe.DurationSeconds, 0.95, 1.05);
        Assert.True(probe.FastStart);
    }

    [Fact]
    public void Manifest_ListsEachFileWithItsSizeAndSha256_AndTheStageTimings()
    {
        Assert.True(scene.Run.ExitCode == 0, scene.Run.ToString());
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(scene.File("manifest.json")));
        JsonElement root = manifest.RootElement;

        Assert.Equal(Sha256(scene.ScenePath), root.GetProperty("scene_sha256").GetString());
        var files = root.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("file").GetString()!);
        Assert.Equal(["poster.png", "terrain.png", "transition.mp4"], files.Keys.Order());
        foreach ((string name, JsonElement entry) in files)
        {
            Assert.Equal(new FileInfo(scene.File(name)).Length, entry.GetProperty("bytes").GetInt64());
            Assert.Equal(Sha256(scene.File(name)), entry.GetProperty("sha256").GetString());
        }

        Assert.Equal(30, files["transition.mp4"].GetProperty("probe").GetProperty("frame_count").GetInt32());
        string[] stages = root.GetProperty("timings").EnumerateArray().Select(t => t.GetProperty("stage").GetString()!).ToArray();
        Assert.Equal(["check", "device", "embed", "layouts", "thumbnails"], stages[..5]);
        Assert.Contains("output poster", stages);
        Assert.Contains("output transition", stages);
        Assert.Equal(RenderScenes.Items, root.GetProperty("inputs").GetProperty("items").GetInt32());
        Assert.Equal(3, root.GetProperty("inputs").GetProperty("layouts").GetArrayLength());
        Assert.StartsWith("ffmpeg version", root.GetProperty("versions").GetProperty("ffmpeg").GetString(), StringComparison.Ordinal);
        Assert.NotEqual("", root.GetProperty("versions").GetProperty("device").GetProperty("name").GetString());
    }

    [Fact]
    public void Render_SameSceneAgain_WritesTheSamePosterBytes()
    {
        Assert.True(scene.Run.ExitCode == 0, scene.Run.ToString());

        CliRun again = scene.Render("--only", "poster");

        Assert.True(again.ExitCode == 0, again.ToString());
        string second = scene.RunFolders().Last();
        Assert.NotEqual(scene.RunFolder, second);
        // Same scene, same device: the same pixels, and the provenance holds no time or run id.
        Assert.Equal(Sha256(scene.File("poster.png")), Sha256(Path.Combine(second, "poster.png")));
    }

    /// <summary>Decodes <paramref name="path"/>, checks its size, and counts the pixels that differ clearly from the background.</summary>
    private static int LitPixels(string path, int width, int height)
    {
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        int lit = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                lit += Math.Abs(c.Red - Background[0]) + Math.Abs(c.Green - Background[1]) + Math.Abs(c.Blue - Background[2]) > 30 ? 1 : 0;
            }
        }

        return lit;
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
