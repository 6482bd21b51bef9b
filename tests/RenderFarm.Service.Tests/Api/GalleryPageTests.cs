using System.Net;
using System.Net.Http.Json;
using RenderFarm.Service.Api;
using RenderFarm.Service.Tests.Server;

namespace RenderFarm.Service.Tests.Api;

/// <summary>The gallery's HTML itself: the render's row, links, and every name from the run folder encoded.</summary>
[Collection(ServiceCollection.Name)]
public sealed class GalleryPageTests(RunningServer server)
{
    [Fact]
    public async Task TheGalleryListsTheRenderAndEncodesWhatItShows()
    {
        string scene = "page-" + Guid.NewGuid().ToString("N")[..8];
        HttpResponseMessage submitted = await server.Submit(ServiceScenes.Poster(scene));
        string id = (await submitted.Content.ReadFromJsonAsync<RenderView>())!.Id;
        RenderView done = await server.WaitFor(id, v => v.State is not ("queued" or "running"));
        Assert.Equal("succeeded", done.State);
        // A file put into the run folder by hand, with a name that is markup.
        await File.WriteAllTextAsync(Path.Combine(server.Settings.OutputRoot, scene, id, "<img src=x onerror=alert(1)>&.txt"), "x");

        HttpResponseMessage response = await server.Client.GetAsync("/");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<article class=\"render\" id=\"r-{id}\" data-id=\"{id}\" data-state=\"succeeded\">", html, StringComparison.Ordinal);
        Assert.Contains($"<h2 class=\"scene\">{scene}</h2>", html, StringComparison.Ordinal);
        Assert.Contains($"<img class=\"poster\" src=\"/files/{scene}/{id}/poster.png\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/renders/{id}\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/hangfire\"", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;&amp;.txt", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        // Finished renders only on this page: it does not keep reloading.
        Assert.DoesNotContain("http-equiv=\"refresh\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagesBeyondTheLastAreEmptyAndLinkBack()
    {
        string html = await server.Client.GetStringAsync("/?page=100000");

        Assert.DoesNotContain("<article", html, StringComparison.Ordinal);
        Assert.Contains("<a rel=\"prev\" href=\"/?page=99999\">newer</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", html, StringComparison.Ordinal);
    }
}
