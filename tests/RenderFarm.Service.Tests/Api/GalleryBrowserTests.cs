using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RenderFarm.Service.Api;
using RenderFarm.Service.Tests.Server;
using RenderFarm.TestSupport;
using SkiaSharp;

namespace RenderFarm.Service.Tests.Api;

/// <summary>
/// The gallery at / in a real browser: Debian's chromium driven by playwright-core
/// (tests/browser/gallery.mjs) opens the page of a real server after a render of a poster and a
/// two-second video, and reports what it shows: the render's row, the decoded poster, the video's
/// metadata and a seek to its middle, which only works when /files answers range requests.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class GalleryBrowserTests(RunningServer server)
{
    private const int Fps = 10;
    private const double Seconds = 2;

    [Fact]
    public async Task TheGalleryShowsTheRenderWithItsPosterAndAPlayableSeekableVideo()
    {
        string scene = "gallery-" + Guid.NewGuid().ToString("N")[..8];
        HttpResponseMessage submitted = await server.Submit(ServiceScenes.Scene(scene, $"""
              poster:
                layout: grid
                style: grid-mosaic
                size: [{ServiceScenes.PosterWidth}, {ServiceScenes.PosterHeight}]
              clip:
                layout: pca
                size: [160, 120]
                fps: {Fps}
                preset: ultrafast
                timeline:
                  - hold: {"{"}seconds: {Seconds}{"}"}
            """));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        string id = (await submitted.Content.ReadFromJsonAsync<RenderView>())!.Id;
        RenderView done = await server.WaitFor(id, v => v.State is not ("queued" or "running"));
        Assert.True(done.State == "succeeded", JsonSerializer.Serialize(done));

        string screenshot = Path.Combine(server.Settings.OutputRoot, "gallery-" + id + ".png");
        JsonElement seen = RunBrowser(new Uri(server.BaseAddress, "/"), id, screenshot);

        Assert.Equal(200, seen.GetProperty("status").GetInt32());
        Assert.StartsWith("text/html", seen.GetProperty("contentType").GetString(), StringComparison.Ordinal);
        Assert.True(seen.GetProperty("found").GetBoolean(), seen.ToString());
        Assert.Equal((scene, "succeeded", $"/api/renders/{id}"), (seen.GetProperty("scene").GetString(), seen.GetProperty("state").GetString(), seen.GetProperty("jsonLink").GetString()));
        Assert.True(seen.GetProperty("dashboardLink").GetBoolean());

        JsonElement poster = Assert.Single(seen.GetProperty("posters").EnumerateArray());
        Assert.Equal($"/files/{scene}/{id}/poster.png", poster.GetProperty("src").GetString());
        Assert.Equal((ServiceScenes.PosterWidth, ServiceScenes.PosterHeight), (poster.GetProperty("naturalWidth").GetInt32(), poster.GetProperty("naturalHeight").GetInt32()));

        JsonElement video = Assert.Single(seen.GetProperty("videos").EnumerateArray());
        Assert.Equal($"/files/{scene}/{id}/clip.mp4", video.GetProperty("src").GetString());
        Assert.True(video.GetProperty("error").ValueKind == JsonValueKind.Null, video.ToString());
        Assert.Equal((160, 120), (video.GetProperty("videoWidth").GetInt32(), video.GetProperty("videoHeight").GetInt32()));
        Assert.Equal(Seconds, video.GetProperty("duration").GetDouble(), 1.0 / Fps);
        Assert.True(video.GetProperty("seeked").GetBoolean(), video.ToString());
        Assert.Equal(Seconds / 2, video.GetProperty("currentTime").GetDouble(), 1.0 / Fps);

        using SKBitmap shot = SKBitmap.Decode(screenshot);
        Assert.True(shot is { Width: > 0, Height: > 0 }, "the screenshot is not a PNG");
    }

    /// <summary>node tests/browser/gallery.mjs URL ID SCREENSHOT; its one line of JSON.</summary>
    private static JsonElement RunBrowser(Uri gallery, string id, string screenshot)
    {
        string folder = Path.Combine(RepositoryRoot.Path, "tests", "browser");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "playwright-core")), $"{folder}/node_modules is missing: run .ci/setup (npm ci there)");
        Assert.True(File.Exists("/usr/bin/chromium"), "Debian's chromium is missing: run .ci/setup (apt-get install chromium)");
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "gallery.mjs", gallery.ToString(), id, screenshot })
        {
            start.ArgumentList.Add(argument);
        }

        using Process node = Process.Start(start)!;
        Task<string> stderr = node.StandardError.ReadToEndAsync();
        string stdout = node.StandardOutput.ReadToEnd();
        if (!node.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException("gallery.mjs did not finish: " + stderr.Result);
        }

        Assert.True(node.ExitCode == 0, $"gallery.mjs exited {node.ExitCode}: {stderr.Result}\n{stdout}");
        return JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement.Clone();
    }
}
