using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RenderFarm.Service.Api;
using RenderFarm.Service.Server;
using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Server;

/// <summary>
/// A real `serve` in the test process: Kestrel on a free loopback port, in-memory Hangfire with
/// its workers, output, cache and scenes folder in a temp folder, Fashion-MNIST's folder as a data root.
/// </summary>
public sealed class RunningServer : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("renderfarm-serve");
    private WebApplication? _app;

    public RunningServer()
        : this(token: null)
    {
    }

    private RunningServer(string? token)
    {
        Settings = new ServerSettings
        {
            Urls = "http://127.0.0.1:0",
            Token = token,
            DataRoots = [FashionMnist.Folder, Path.Combine(_dir.Path, "data")],
            OutputRoot = _dir.File("out"),
            CacheRoot = _dir.File("cache"),
            ScenesFolder = _dir.File("scenes"),
        };
        // Before start-up, so a test can put scene files there for the server to find.
        Directory.CreateDirectory(ScenesFolder);
    }

    /// <summary>A server that wants <paramref name="token"/> on /api and /hangfire.</summary>
    public static RunningServer WithToken(string token) => new(token);

    /// <summary>A service with <paramref name="change"/> applied to the default test settings (storage, workers).</summary>
    public static RunningServer With(Func<ServerSettings, ServerSettings> change)
    {
        var server = new RunningServer(null);
        server.Settings = change(server.Settings);
        return server;
    }

    /// <summary>A second service over <paramref name="other"/>'s output root and data roots, as after a restart.</summary>
    public static RunningServer Over(RunningServer other) => new(other.Settings.Token) { Settings = other.Settings };

    public ServerSettings Settings { get; private set; }

    public HttpClient Client { get; } = new();

    public string DataFolder => Path.Combine(_dir.Path, "data");

    /// <summary>The server's scenes folder (not a data root: its files are trusted as the operator's own).</summary>
    public string ScenesFolder => Settings.ScenesFolder;

    /// <summary>The root URL, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress => Client.BaseAddress!;

    public JobStorage Storage => _app!.Services.GetRequiredService<JobStorage>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataFolder);
        _app = RenderServer.Build(Settings, LogLevel.Warning);
        await _app.StartAsync();
        Client.BaseAddress = new Uri(RenderServer.Addresses(_app).Single());
        if (Settings.Token is { } token)
        {
            Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public async Task<HttpResponseMessage> Submit(string sceneYaml) =>
        await Client.PostAsJsonAsync("/api/renders", new RenderRequest(null, sceneYaml));

    /// <summary>Submits a render, asserts the 202, and returns its id.</summary>
    public async Task<string> SubmitAccepted(RenderRequest request)
    {
        HttpResponseMessage response = await Client.PostAsJsonAsync("/api/renders", request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RenderView>())!.Id;
    }

    public Task<string> SubmitAccepted(string sceneYaml) => SubmitAccepted(new RenderRequest(null, sceneYaml));

    public async Task<RenderView> Get(string id) =>
        (await Client.GetFromJsonAsync<RenderView>($"/api/renders/{id}"))!;

    /// <summary>Polls the render until <paramref name="done"/> holds.</summary>
    public Task<RenderView> WaitFor(string id, Func<RenderView, bool> done) => Poll(() => Get(id), done);

    /// <summary>Reads until <paramref name="done"/> holds. The limit only stops a hung test; nothing asserts on time.</summary>
    public static async Task<T> Poll<T>(Func<Task<T>> read, Func<T, bool> done, int limitSeconds = 180)
    {
        DateTime giveUp = DateTime.UtcNow.AddSeconds(limitSeconds);
        while (true)
        {
            T value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > giveUp)
            {
                throw new TimeoutException($"still not done after {limitSeconds} s: {JsonSerializer.Serialize(value)}");
            }

            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _dir.Dispose();
    }
}
