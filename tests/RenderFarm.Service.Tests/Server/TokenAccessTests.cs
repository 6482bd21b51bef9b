using System.Net;
using System.Net.Http.Headers;

namespace RenderFarm.Service.Tests.Server;

/// <summary>A server with a token: nothing under /api, /hangfire, /files or the gallery at / answers without it.</summary>
public sealed class TokenAccessTests : IAsyncLifetime
{
    private const string Token = "test-token-5f2c";
    private readonly RunningServer _server = RunningServer.WithToken(Token);

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Theory]
    [InlineData("/api/renders")]
    [InlineData("/api/scenes")]
    [InlineData("/")]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/jobs/enqueued")]
    public async Task RequestsWithoutTheTokenAreRefused(string path)
    {
        using var anonymous = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);

        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _server.Client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task SubmittingWithoutTheTokenIsRefusedBeforeTheSceneIsRead()
    {
        using var anonymous = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        var response = await anonymous.PostAsync("/api/renders", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task FilesNeedTheTokenBeforeAnythingIsLookedUp()
    {
        using var anonymous = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/files/scene/latest/poster.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync("/files/scene/latest/poster.png")).StatusCode);
    }

    /// <summary>The cookie a browser gets from /?token=T opens pages and reads, never a submission: a page elsewhere cannot make the browser render.</summary>
    [Fact]
    public async Task TheGalleryLinkWithTheTokenSetsACookieThatOpensReadsButNotWrites()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var browser = new HttpClient(handler) { BaseAddress = _server.Client.BaseAddress };

        HttpResponseMessage login = await browser.GetAsync($"/?token={Token}");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.ToString());
        HttpResponseMessage gallery = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, gallery.StatusCode);
        Assert.Contains("<title>RenderFarm renders</title>", await gallery.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/renders")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/hangfire")).StatusCode);
        HttpResponseMessage submit = await browser.PostAsync("/api/renders", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, submit.StatusCode);
    }

    [Fact]
    public async Task TheDashboardLinkWithTheTokenSetsACookieThatOpensIt()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var browser = new HttpClient(handler) { BaseAddress = _server.Client.BaseAddress };

        HttpResponseMessage login = await browser.GetAsync($"/hangfire?token={Token}");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        HttpResponseMessage dashboard = await browser.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("RenderFarm jobs", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
