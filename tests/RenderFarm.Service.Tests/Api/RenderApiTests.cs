using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RenderFarm.Service.Api;
using RenderFarm.Service.Tests.Server;
using SkiaSharp;

namespace RenderFarm.Service.Tests.Api;

[Collection(ServiceCollection.Name)]
public sealed class RenderApiTests(RunningServer server)
{
    [Fact]
    public async Task SubmittedSceneRendersAPosterThatDownloadsWithItsManifest()
    {
        HttpResponseMessage response = await server.Submit(ServiceScenes.Poster());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        RenderView submitted = (await response.Content.ReadFromJsonAsync<RenderView>())!;
        Assert.Equal($"/api/renders/{submitted.Id}", response.Headers.Location?.ToString());
        Assert.Equal(["embed", "layouts", "output poster", "finalise"], submitted.Jobs.Select(j => j.Stage));

        // "succeeded" is reported once the finalise job has written the manifest; Hangfire moves that
        // job from Processing to Succeeded a moment after its method returns, so wait for both.
        RenderView done = await server.WaitFor(
            submitted.Id, v => v.State is "failed" or "cancelled" || (v.State == "succeeded" && v.Jobs.All(j => j.State == "Succeeded")));

        Assert.True(done.State == "succeeded", JsonSerializer.Serialize(done));
        Assert.Equal(["manifest.json", "poster.png"], done.Files.Select(f => f.Name));
        byte[] png = await server.Client.GetByteArrayAsync(done.Files.Single(f => f.Name == "poster.png").Url);
        using (SKBitmap bitmap = SKBitmap.Decode(png))
        {
            Assert.NotNull(bitmap);
            Assert.Equal((ServiceScenes.PosterWidth, ServiceScenes.PosterHeight), (bitmap.Width, bitmap.Height));
        }

        using JsonDocument manifest = JsonDocument.Parse(await server.Client.GetStringAsync(done.Files.Single(f => f.Name == "manifest.json").Url));
        Assert.Equal(submitted.Id, manifest.RootElement.GetProperty("run").GetString());
        JsonElement file = manifest.RootElement.GetProperty("files").EnumerateArray().Single();
        Assert.Equal("poster.png", file.GetProperty("file").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)), file.GetProperty("sha256").GetString());
        Assert.All(done.Jobs, j => Assert.Equal("Succeeded", j.State));

        RenderSummary[] list = (await server.Client.GetFromJsonAsync<RenderSummary[]>("/api/renders"))!;
        Assert.Contains(list, r => r.Id == submitted.Id && r.State == "succeeded");

        // A file name that climbs out of the run folder is refused, however it is encoded.
        foreach (string name in new[] { "..%2Fmanifest.json", "..%2F..%2F.renders", "%2E%2E%2Fpng", "..%5Cposter.png" })
        {
            HttpResponseMessage escape = await server.Client.GetAsync($"/api/renders/{submitted.Id}/files/{name}");
            Assert.True(escape.StatusCode == HttpStatusCode.BadRequest, $"{name}: {escape.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/api/renders/{submitted.Id}/files/other.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/renders/..%2F..%2Fetc")).StatusCode);
    }

    [Fact]
    public async Task BadSceneIsRefusedWithItsLineAndKeyAndNothingIsEnqueued()
    {
        int before = RendersOnDisk();
        string scene = ServiceScenes.Poster().Replace("  seed: 1", "  seed: 1\n  limt: 5", StringComparison.Ordinal);

        HttpResponseMessage response = await server.Submit(scene);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string error = (await response.Content.ReadFromJsonAsync<ErrorView>())!.Error;
        Assert.Contains("dataset.limt", error, StringComparison.Ordinal);
        Assert.Contains(":7:3:", error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'limit'", error, StringComparison.Ordinal);
        Assert.Equal(before, RendersOnDisk());
    }

    [Fact]
    public async Task DatasetOutsideTheDataRootsIsRefused()
    {
        int before = RendersOnDisk();
        string scene = ServiceScenes.Poster().Replace(RenderFarm.TestSupport.FashionMnist.Folder, "/etc", StringComparison.Ordinal);

        HttpResponseMessage response = await server.Submit(scene);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string error = (await response.Content.ReadFromJsonAsync<ErrorView>())!.Error;
        Assert.Contains("dataset.path /etc is outside the server's data roots", error, StringComparison.Ordinal);
        Assert.Equal(before, RendersOnDisk());
    }

    [Fact]
    public async Task SceneFileOutsideTheDataRootsIsRefusedEvenThroughALink()
    {
        string outside = Path.Combine(Path.GetTempPath(), $"renderfarm-outside-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(outside, ServiceScenes.Poster());
        string link = Path.Combine(server.DataFolder, "linked.yaml");
        try
        {
            File.CreateSymbolicLink(link, outside);
            foreach (string path in new[] { link, Path.Combine(server.DataFolder, "..", "..", Path.GetFileName(outside)) })
            {
                HttpResponseMessage response = await server.Client.PostAsJsonAsync("/api/renders", new RenderRequest(path, null));
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Contains("outside the server's data roots", (await response.Content.ReadFromJsonAsync<ErrorView>())!.Error, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(link);
            File.Delete(outside);
        }
    }

    [Fact]
    public async Task OutputsOverTheServerLimitsAreRefusedAtTheirLine()
    {
        string huge = ServiceScenes.Poster().Replace($"[{ServiceScenes.PosterWidth}, {ServiceScenes.PosterHeight}]", "[20000, 20000]", StringComparison.Ordinal);
        string endless = ServiceScenes.LongVideo().Replace("seconds: 120", "seconds: 1800", StringComparison.Ordinal);

        HttpResponseMessage poster = await server.Submit(huge);
        HttpResponseMessage video = await server.Submit(endless);

        Assert.Equal(HttpStatusCode.BadRequest, poster.StatusCode);
        Assert.Contains("20000×20000 is 400,000,000 pixels, over this server's limit", (await poster.Content.ReadFromJsonAsync<ErrorView>())!.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, video.StatusCode);
        Assert.Contains("54,000 frames, over this server's limit of 36,000", (await video.Content.ReadFromJsonAsync<ErrorView>())!.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequestOverTheBodyLimitIsRefused()
    {
        string padding = new('#', (int)server.Settings.MaxRequestBytes);

        HttpResponseMessage response = await server.Submit(ServiceScenes.Poster() + "\n" + padding);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private int RendersOnDisk()
    {
        string root = Path.Combine(server.Settings.OutputRoot, ".renders");
        return Directory.Exists(root) ? Directory.GetDirectories(root).Length : 0;
    }
}
