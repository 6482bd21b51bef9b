using System.Net;
using System.Net.Http.Json;
using Hangfire.Storage;
using RenderFarm.Core.Reports;
using RenderFarm.Service.Api;
using RenderFarm.Service.Jobs;
using RenderFarm.Service.Renders;
using RenderFarm.Service.Tests.Server;
using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Jobs;

[Collection(ServiceCollection.Name)]
public sealed class ScheduledRenderTests(RunningServer server)
{
    /// <summary>1 January only: these tests fire schedules through POST /run, never by waiting for the clock.</summary>
    private const string Yearly = "0 0 1 1 *";

    /// <summary>Every two seconds (Hangfire's six-field cron starts with seconds): a schedule that fires by itself within a test.</summary>
    private const string EveryTwoSeconds = "*/2 * * * * *";

    [Fact]
    public async Task AShortCronFiresByItself_AndAfterAnImageIsAddedTheNextRenderEmbedsOnlyThatImage()
    {
        (string name, string scene, string dataset) = WriteGrowingScene(items: 60);
        // Noise of this test's own, so no other test's renders have put these images in the shared cache.
        int seed = Random.Shared.Next();
        ServiceScenes.WriteNoiseIdx(dataset, 60, seed);
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/schedules", new ScheduleRequest(scene, EveryTwoSeconds, null))).StatusCode);
        try
        {
            // No POST /run anywhere: the recurring job's cron alone starts both renders.
            ScheduleRecord first = await Schedule(name, s => s.LastRenderId is not null);
            await Finished(first.LastRenderId!);
            Assert.Equal((60, 60), Embedded(first.LastRenderId!));

            ServiceScenes.WriteNoiseIdx(dataset, 61, seed);
            ScheduleRecord grown = await Schedule(name, s => s.LastRenderId is { } id && id != first.LastRenderId);
            await Finished(grown.LastRenderId!);

            Assert.Equal((61, 1), Embedded(grown.LastRenderId!));
            Assert.NotEqual(first.LastDatasetHash, grown.LastDatasetHash);

            // The re-render started from the first run (its layouts kept in the run folder, found
            // through latest) and now is latest itself.
            var renders = new RenderStore(server.Settings.OutputRoot);
            string firstFolder = renders.Get(first.LastRenderId!).RunFolder, grownFolder = renders.Get(grown.LastRenderId!).RunFolder;
            Assert.True(Directory.Exists(Path.Combine(firstFolder, "layouts")), "the first run kept no layouts");
            using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(grownFolder, "manifest.json")));
            System.Text.Json.JsonElement changes = manifest.RootElement.GetProperty("inputs").GetProperty("changes");
            Assert.Equal(Path.GetFileName(firstFolder), changes.GetProperty("previous_run").GetString());
            Assert.Equal((1, 60, 0), (changes.GetProperty("new").GetInt32(), changes.GetProperty("kept").GetInt32(), changes.GetProperty("removed").GetInt32()));
            Assert.Equal(grownFolder, LatestPointer.Read(Path.GetDirectoryName(grownFolder)!));
        }
        finally
        {
            await server.Client.DeleteAsync($"/api/schedules/{name}");
        }
    }

    [Fact]
    public async Task AScheduleRendersWhenTheDatasetChangedAndSkipsWhenItDidNot()
    {
        (string name, string scene, string dataset) = WriteGrowingScene(items: 60);
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/schedules", new ScheduleRequest(scene, Yearly, null))).StatusCode);

        ScheduleRecord first = await Fire(name, previous: null);
        Assert.StartsWith("rendering ", first.LastOutcome, StringComparison.Ordinal);
        await Finished(first.LastRenderId!);

        ScheduleRecord unchanged = await Fire(name, first);
        Assert.Equal("skipped: dataset unchanged", unchanged.LastOutcome);
        Assert.Equal(first.LastRenderId, unchanged.LastRenderId);

        ServiceScenes.WriteNoiseIdx(dataset, 61);
        ScheduleRecord grown = await Fire(name, unchanged);
        Assert.StartsWith("rendering ", grown.LastOutcome, StringComparison.Ordinal);
        Assert.NotEqual(first.LastRenderId, grown.LastRenderId);
        Assert.NotEqual(first.LastDatasetHash, grown.LastDatasetHash);
        await Finished(grown.LastRenderId!);
    }

    [Fact]
    public async Task SchedulesAreRegisteredAgainWhenTheServiceRestarts()
    {
        (string name, string scene, _) = WriteGrowingScene(items: 60);
        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/schedules", new ScheduleRequest(scene, Yearly, null))).StatusCode);

        await using var restarted = RunningServer.Over(server);
        await restarted.InitializeAsync();

        using IStorageConnection connection = restarted.Storage.GetConnection();
        RecurringJobDto job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == "schedule-" + name);
        Assert.Equal(Yearly, job.Cron);
    }

    [Fact]
    public async Task AScheduleWithABadCronOrSceneIsRefused()
    {
        (_, string scene, _) = WriteGrowingScene(items: 60);

        HttpResponseMessage badCron = await server.Client.PostAsJsonAsync("/api/schedules", new ScheduleRequest(scene, "every night", null));
        HttpResponseMessage outside = await server.Client.PostAsJsonAsync("/api/schedules", new ScheduleRequest("/etc/passwd", Yearly, null));

        Assert.Equal(HttpStatusCode.BadRequest, badCron.StatusCode);
        Assert.Contains("cron 'every night'", (await badCron.Content.ReadFromJsonAsync<ErrorView>())!.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("outside the server's data roots", (await outside.Content.ReadFromJsonAsync<ErrorView>())!.Error, StringComparison.Ordinal);
    }

    private async Task Finished(string id)
    {
        RenderView view = await server.WaitFor(id, v => v.State is not ("queued" or "running"));
        Assert.True(view.State == "succeeded", System.Text.Json.JsonSerializer.Serialize(view));
    }

    /// <summary>Reads the schedule until <paramref name="done"/> holds.</summary>
    private Task<ScheduleRecord> Schedule(string name, Func<ScheduleRecord, bool> done) =>
        RunningServer.Poll(async () => (await server.Client.GetFromJsonAsync<ScheduleRecord>($"/api/schedules/{name}"))!, done);

    /// <summary>The render's embed job's counts from its work folder: images in the render, and how many of them were embedded now (not from the cache).</summary>
    private (int Items, int New) Embedded(string renderId)
    {
        EmbedCounts counts = EmbedReport.Read(Path.Combine(new RenderStore(server.Settings.OutputRoot).WorkFolder(renderId), RenderJobs.EmbedReportFile)).Counts;
        return (counts.Embedded, counts.New);
    }

    /// <summary>Fires the schedule and waits until it has recorded this firing.</summary>
    private async Task<ScheduleRecord> Fire(string name, ScheduleRecord? previous)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await server.Client.PostAsync($"/api/schedules/{name}/run", null)).StatusCode);
        return await RunningServer.Poll(
            async () => (await server.Client.GetFromJsonAsync<ScheduleRecord>($"/api/schedules/{name}"))!,
            s => s.LastCheckedUtc is not null && s.LastCheckedUtc != previous?.LastCheckedUtc);
    }

    /// <summary>An IDX dataset under the server's data folder and a scene of it with one small poster.</summary>
    private (string Name, string Scene, string Dataset) WriteGrowingScene(int items)
    {
        string name = "growing-" + Guid.NewGuid().ToString("N")[..8];
        string dataset = Path.Combine(server.DataFolder, name);
        Directory.CreateDirectory(dataset);
        ServiceScenes.WriteNoiseIdx(dataset, items);
        string scene = Path.Combine(server.DataFolder, name + ".yaml");
        File.WriteAllText(scene, ServiceScenes.Scene(name, """
              poster:
                layout: grid
                style: grid-mosaic
                size: [96, 96]
            """).Replace(FashionMnist.Folder, dataset, StringComparison.Ordinal).Replace("limit: 200", "limit: 1000", StringComparison.Ordinal));
        return (name, scene, dataset);
    }
}
