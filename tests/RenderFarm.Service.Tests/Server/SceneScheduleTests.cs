using System.Net;
using System.Net.Http.Json;
using Hangfire.Storage;
using RenderFarm.Service.Api;
using RenderFarm.Service.Jobs;
using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Server;

/// <summary>
/// A scene file with <c>schedule:</c> in the scenes folder becomes a recurring job at start-up,
/// runs the same scheduled job as /api/schedules, and goes away when the key is removed and the
/// server starts again; schedules made through the API are kept.
/// </summary>
public sealed class SceneScheduleTests : IAsyncLifetime
{
    private const string Nightly = "0 3 * * *";
    private const string Yearly = "0 0 1 1 *";
    private readonly RunningServer _server = new();
    private string _scene = "";

    public async Task InitializeAsync()
    {
        string dataset = Path.Combine(_server.DataFolder, "nightly-data");
        ServiceScenes.WriteNoiseIdx(dataset, 60);
        _scene = Path.Combine(_server.ScenesFolder, "nightly.yaml");
        File.WriteAllText(_scene, SceneText(dataset) + $"\nschedule: {{cron: \"{Nightly}\", time_zone: Europe/Paris}}\n");
        File.WriteAllText(Path.Combine(_server.DataFolder, "by-api.yaml"), SceneText(dataset).Replace("name: nightly", "name: by-api", StringComparison.Ordinal));
        await _server.InitializeAsync();
    }

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task ASceneScheduleIsRegisteredAtStartRendersThroughTheScheduledJobAndGoesWithItsKey()
    {
        RecurringJobDto job = Assert.Single(RecurringJobs(_server), j => j.Id == "schedule-nightly");
        Assert.Equal((Nightly, "Europe/Paris"), (job.Cron, job.TimeZoneId));
        ScheduleRecord listed = Assert.Single((await _server.Client.GetFromJsonAsync<ScheduleRecord[]>("/api/schedules"))!);
        Assert.Equal(("nightly", _scene, "Europe/Paris"), (listed.Name, listed.DeclaredIn, listed.TimeZone));
        HttpResponseMessage delete = await _server.Client.DeleteAsync("/api/schedules/nightly");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("declared by the schedule: key of", (await delete.Content.ReadFromJsonAsync<ErrorView>())!.Error, StringComparison.Ordinal);

        // Fired now, it renders as a scheduled render does, and the scene shows what it did.
        Assert.Equal(HttpStatusCode.Accepted, (await _server.Client.PostAsync("/api/schedules/nightly/run", null)).StatusCode);
        ScheduleRecord fired = await RunningServer.Poll(
            async () => (await _server.Client.GetFromJsonAsync<ScheduleRecord>("/api/schedules/nightly"))!, s => s.LastCheckedUtc is not null);
        Assert.StartsWith("rendering ", fired.LastOutcome, StringComparison.Ordinal);
        RenderView render = await _server.WaitFor(fired.LastRenderId!, v => v.State is not ("queued" or "running"));
        Assert.Equal("succeeded", render.State);
        SceneView scene = (await _server.Client.GetFromJsonAsync<SceneView>("/api/scenes/nightly"))!;
        Assert.Equal((fired.LastRenderId, fired.LastOutcome), (scene.Schedule?.LastRenderId, scene.Schedule?.LastOutcome));

        Assert.Equal(HttpStatusCode.Created, (await _server.Client.PostAsJsonAsync(
            "/api/schedules", new ScheduleRequest(Path.Combine(_server.DataFolder, "by-api.yaml"), Yearly, null))).StatusCode);
        File.WriteAllText(_scene, File.ReadAllText(_scene)[..File.ReadAllText(_scene).IndexOf("\nschedule:", StringComparison.Ordinal)] + "\n");

        await using var restarted = RunningServer.Over(_server);
        await restarted.InitializeAsync();

        Assert.Equal(["schedule-by-api"], RecurringJobs(restarted).Select(j => j.Id));
        Assert.Equal(["by-api"], (await restarted.Client.GetFromJsonAsync<ScheduleRecord[]>("/api/schedules"))!.Select(s => s.Name));
        SceneView unscheduled = (await restarted.Client.GetFromJsonAsync<SceneView>("/api/scenes/nightly"))!;
        Assert.Null(unscheduled.Error);
        Assert.Null(unscheduled.Schedule);
    }

    /// <summary>A typo must not silently drop a nightly render: the schedule stays, and the scene shows its error.</summary>
    [Fact]
    public async Task ASceneThatNoLongerLoadsKeepsItsScheduleAcrossARestart()
    {
        File.WriteAllText(_scene, File.ReadAllText(_scene).Replace("  seed: 1", "  seed: 1\n  limt: 5", StringComparison.Ordinal));

        await using var restarted = RunningServer.Over(_server);
        await restarted.InitializeAsync();

        RecurringJobDto job = Assert.Single(RecurringJobs(restarted), j => j.Id == "schedule-nightly");
        Assert.Equal((Nightly, "Europe/Paris"), (job.Cron, job.TimeZoneId));
        SceneView scene = (await restarted.Client.GetFromJsonAsync<SceneView>("/api/scenes/nightly"))!;
        Assert.Contains("nightly.yaml:7:3: dataset.limt", scene.Error, StringComparison.Ordinal);
    }

    private static List<RecurringJobDto> RecurringJobs(RunningServer server)
    {
        using IStorageConnection connection = server.Storage.GetConnection();
        return connection.GetRecurringJobs();
    }

    private static string SceneText(string dataset) => ServiceScenes.Scene("nightly", """
          poster:
            layout: grid
            style: grid-mosaic
            size: [96, 96]
        """).Replace(FashionMnist.Folder, dataset, StringComparison.Ordinal).Replace("limit: 200", "limit: 1000", StringComparison.Ordinal);
}
