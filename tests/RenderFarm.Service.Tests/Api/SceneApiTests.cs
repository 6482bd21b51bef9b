using System.Net;
using System.Net.Http.Json;
using RenderFarm.Service.Api;
using RenderFarm.Service.Tests.Server;
using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Api;

/// <summary>GET /api/scenes over a scenes folder holding a scheduled scene, a plain one, a broken one and a JSON Schema.</summary>
public sealed class SceneApiTests : IAsyncLifetime
{
    private readonly RunningServer _server = new();

    public async Task InitializeAsync()
    {
        Write("nightly.yaml", ServiceScenes.Poster("nightly") + "\nschedule:\n  cron: \"0 3 * * *\"\n  time_zone: Europe/Paris\n");
        Write("plain.yaml", ServiceScenes.Poster("plain"));
        Write("broken.yaml", ServiceScenes.Poster("broken").Replace("  seed: 1", "  seed: 1\n  limt: 5", StringComparison.Ordinal));
        Write("scene.schema.json", "{}");
        await _server.InitializeAsync();
    }

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task ScenesAreListedWithTheirScheduleAndABrokenOneWithItsError()
    {
        SceneView[] scenes = (await _server.Client.GetFromJsonAsync<SceneView[]>("/api/scenes"))!;

        Assert.Equal(["broken", "nightly", "plain"], scenes.Select(s => s.Name));
        SceneView broken = scenes[0];
        Assert.Null(broken.Dataset);
        Assert.Contains("broken.yaml:7:3: dataset.limt", broken.Error, StringComparison.Ordinal);

        SceneView nightly = scenes[1];
        Assert.Null(nightly.Error);
        Assert.Equal((Path.Combine(_server.ScenesFolder, "nightly.yaml"), "nightly"), (nightly.Path, nightly.SceneName));
        Assert.Equal(new DatasetView("idx", FashionMnist.Folder, 200), nightly.Dataset);
        Assert.Equal([new LayoutView("pca", "pca"), new LayoutView("grid", "grid")], nightly.Layouts);
        Assert.Equal([new OutputView("poster", "image", ServiceScenes.PosterWidth, ServiceScenes.PosterHeight, "poster.png")], nightly.Outputs);
        ScheduleView schedule = nightly.Schedule!;
        Assert.Equal(("0 3 * * *", "Europe/Paris", true), (schedule.Cron, schedule.TimeZone, schedule.Registered));
        Assert.Null(schedule.LastOutcome);
        // Hangfire's next firing is 03:00 in Paris, whatever UTC offset that day has.
        DateTimeOffset next = TimeZoneInfo.ConvertTime(schedule.NextRunUtc!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Assert.Equal((3, 0), (next.Hour, next.Minute));
        Assert.True(next > DateTimeOffset.UtcNow && next < DateTimeOffset.UtcNow.AddDays(1).AddHours(1), $"next run {next:O}");

        Assert.Null(scenes[2].Schedule);
        Assert.Null(scenes[2].Error);
    }

    [Fact]
    public async Task OneSceneIsReadByNameAndAnUnknownNameIsA404()
    {
        SceneView nightly = (await _server.Client.GetFromJsonAsync<SceneView>("/api/scenes/nightly"))!;
        HttpResponseMessage unknown = await _server.Client.GetAsync("/api/scenes/nope");
        HttpResponseMessage escape = await _server.Client.GetAsync("/api/scenes/..%2Fout");

        Assert.Equal("0 3 * * *", nightly.Schedule?.Cron);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains($"no scene 'nope' in {_server.ScenesFolder}", (await unknown.Content.ReadFromJsonAsync<ErrorView>())!.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, escape.StatusCode);
    }

    /// <summary>The scenes folder is not a data root: its files are submitted by name, what they name is still checked.</summary>
    [Fact]
    public async Task ASceneIsSubmittedByItsNameAndABrokenOneIsRefusedAtItsLine()
    {
        HttpResponseMessage plain = await _server.Client.PostAsJsonAsync("/api/renders", new RenderRequest("plain", null));
        HttpResponseMessage broken = await _server.Client.PostAsJsonAsync("/api/renders", new RenderRequest("broken", null));

        Assert.Equal(HttpStatusCode.Accepted, plain.StatusCode);
        RenderView view = (await plain.Content.ReadFromJsonAsync<RenderView>())!;
        Assert.Equal("plain", view.Scene);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("broken.yaml:7:3: dataset.limt", (await broken.Content.ReadFromJsonAsync<ErrorView>())!.Error, StringComparison.Ordinal);
        RenderView done = await _server.WaitFor(view.Id, v => v.State is not ("queued" or "running"));
        Assert.Equal("succeeded", done.State);
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_server.ScenesFolder, name), text);
}
