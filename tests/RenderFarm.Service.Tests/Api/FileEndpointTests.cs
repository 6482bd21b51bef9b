using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using RenderFarm.Service.Api;
using RenderFarm.Service.Renders;
using RenderFarm.Service.Tests.Server;

namespace RenderFarm.Service.Tests.Api;

[Collection(ServiceCollection.Name)]
public sealed class FileEndpointTests(RunningServer server)
{
    [Fact]
    public async Task OutputsAreServedWithRangesAndThroughTheLatestLink()
    {
        (RenderView done, string scene) = await RenderPoster();
        FileView poster = done.Files.Single(f => f.Name == "poster.png");
        Assert.Equal($"/files/{scene}/{done.Id}/poster.png", poster.FilesUrl);
        byte[] png = await server.Client.GetByteArrayAsync(poster.Url);

        HttpResponseMessage whole = await server.Client.GetAsync(poster.FilesUrl);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("image/png", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
        Assert.Equal(png, await whole.Content.ReadAsByteArrayAsync());

        using var ranged = new HttpRequestMessage(HttpMethod.Get, poster.FilesUrl);
        ranged.Headers.Range = new RangeHeaderValue(8, 23);
        HttpResponseMessage part = await server.Client.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal($"bytes 8-23/{png.Length}", part.Content.Headers.ContentRange?.ToString());
        Assert.Equal(png[8..24], await part.Content.ReadAsByteArrayAsync());

        // OUTPUT/<scene>/latest is a relative link to the run folder, as the render pipeline writes it.
        string sceneFolder = Path.Combine(server.Settings.OutputRoot, scene);
        LatestPointer.Update(RunFolder.At(Path.Combine(sceneFolder, done.Id)));
        Assert.Equal(png, await server.Client.GetByteArrayAsync($"/files/{scene}/latest/poster.png"));
        HttpResponseMessage manifest = await server.Client.GetAsync($"/files/{scene}/latest/manifest.json");
        Assert.Equal("application/json", manifest.Content.Headers.ContentType?.MediaType);
        using JsonDocument parsed = JsonDocument.Parse(await manifest.Content.ReadAsStringAsync());
        Assert.Equal(done.Id, parsed.RootElement.GetProperty("run").GetString());
    }

    [Fact]
    public async Task PathsThatLeaveTheOutputRootOrReachHiddenFoldersAreRefused()
    {
        (RenderView done, string scene) = await RenderPoster();
        string sceneFolder = Path.Combine(server.Settings.OutputRoot, scene);
        File.CreateSymbolicLink(Path.Combine(sceneFolder, "etc"), "/etc");
        File.CreateSymbolicLink(Path.Combine(sceneFolder, "passwd.txt"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(sceneFolder, "work"), Path.Combine("..", ".renders"));
        string record = $".renders/{done.Id}/render.json";
        await File.WriteAllTextAsync(Path.Combine(sceneFolder, done.Id, "poster.png.tmp-0123abcd"), "half-written");

        var refused = new Dictionary<string, HttpStatusCode>
        {
            ["..%2F..%2Fetc%2Fpasswd"] = HttpStatusCode.BadRequest,
            ["%2E%2E%2F%2E%2E%2Fetc%2Fpasswd"] = HttpStatusCode.BadRequest,
            [$"{scene}%2F..%2F..%2F..%2Fetc%2Fpasswd"] = HttpStatusCode.BadRequest,
            ["%2Fetc%2Fpasswd"] = HttpStatusCode.BadRequest,
            [record] = HttpStatusCode.BadRequest,
            [$"{scene}%2F..%2F{Uri.EscapeDataString(record)}"] = HttpStatusCode.BadRequest,
            [$"{scene}/..%5C..%5Cetc%5Cpasswd"] = HttpStatusCode.BadRequest,
            [$"{scene}/etc/passwd"] = HttpStatusCode.NotFound,
            [$"{scene}/passwd.txt"] = HttpStatusCode.NotFound,
            [$"{scene}/work/{done.Id}/render.json"] = HttpStatusCode.NotFound,
            [scene] = HttpStatusCode.NotFound,
            [$"{scene}/{done.Id}/missing.png"] = HttpStatusCode.NotFound,
            [$"{scene}/{done.Id}/poster.png.tmp-0123abcd"] = HttpStatusCode.NotFound,
        };
        foreach ((string path, HttpStatusCode expected) in refused)
        {
            HttpResponseMessage response = await server.Client.GetAsync("/files/" + path);
            Assert.True(response.StatusCode == expected, $"/files/{path}: {response.StatusCode}, expected {expected}");
            Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A client that sends ".." as written (HttpClient would collapse it): Kestrel collapses it before routing.
        string raw = await RawGet($"/files/{scene}/../../etc/passwd");
        Assert.StartsWith("HTTP/1.1 404", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", raw, StringComparison.Ordinal);
    }

    private async Task<(RenderView Done, string Scene)> RenderPoster()
    {
        string scene = "files-" + Guid.NewGuid().ToString("N")[..8];
        HttpResponseMessage response = await server.Submit(ServiceScenes.Poster(scene));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        string id = (await response.Content.ReadFromJsonAsync<RenderView>())!.Id;
        RenderView done = await server.WaitFor(id, v => v.State is not ("queued" or "running"));
        Assert.Equal("succeeded", done.State);
        return (done, scene);
    }

    private async Task<string> RawGet(string path)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
