using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Text.Json;
using RenderFarm.Encoding.Probing;
using RenderFarm.Service.Api;
using RenderFarm.Service.Jobs;
using RenderFarm.Service.Server;
using RenderFarm.Service.Tests.Cli;
using RenderFarm.Service.Tests.Server;

namespace RenderFarm.Service.Tests.Jobs;

/// <summary>An API-only `serve` and a `worker` sharing a real PostgreSQL: the worker runs every render job.</summary>
public sealed class PostgresWorkerTests(LocalPostgres postgres) : IClassFixture<LocalPostgres>
{
    [Fact]
    public async Task AWorkerRendersWhatAnApiOnlyServeEnqueued()
    {
        RunningServer server = RunningServer.With(s => s with { Storage = postgres.ConnectionUrl, RenderWorkers = 0 });
        await server.InitializeAsync();
        using IHost worker = WorkerHost.Build(server.Settings, LogLevel.Warning);
        await worker.StartAsync();
        try
        {
            HttpResponseMessage response = await server.Submit(ServiceScenes.Poster("farm"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            string id = (await response.Content.ReadFromJsonAsync<RenderView>())!.Id;

            RenderView done = await server.WaitFor(id, v => v.State is not ("queued" or "running"));

            Assert.True(done.State == "succeeded", System.Text.Json.JsonSerializer.Serialize(done));
            Assert.Contains(done.Files, f => f.Name == "poster.png");
            foreach (var job in done.Jobs.Where(j => j.Stage != "finalise"))
            {
                JobDetailsDto details = server.Storage.GetMonitoringApi().JobDetails(job.JobId);
                StateHistoryDto processing = details.History.First(h => h.StateName == "Processing");
                Assert.Contains(":worker:render", processing.Data["ServerId"], StringComparison.Ordinal);
            }
        }
        finally
        {
            await worker.StopAsync();
            await server.DisposeAsync();
        }
    }

    /// <summary>
    /// Two `worker` processes share a video's chunks; one is killed (SIGKILL) while it renders a
    /// chunk. The other renders the rest and, once the killed chunk's invisibility timeout passes,
    /// that chunk too; the video comes out whole and is joined exactly once.
    /// </summary>
    [Fact]
    public async Task AVideoStillCompletesWhenItsWorkerIsKilledMidRender()
    {
        // Chunks of 3,000 held frames take seconds each: a chunk of 120 could end in the moment
        // between seeing it render and the kill, and then no chunk would have been killed mid-way.
        const int Frames = 9000;
        const int FramesPerChunk = 3000;
        TimeSpan invisibility = TimeSpan.FromSeconds(10);
        RunningServer server = RunningServer.With(s => s with
        {
            Storage = postgres.ConnectionUrl, RenderWorkers = 0, InvisibilityTimeout = invisibility, FramesPerChunk = FramesPerChunk,
        });
        await server.InitializeAsync();
        ServerSettings settings = server.Settings;
        IMonitoringApi monitoring = server.Storage.GetMonitoringApi();
        string[] before = RenderServers(monitoring);
        using var doomed = RenderfarmProcess.Start(
            new Dictionary<string, string> { ["RENDERFARM_INVISIBILITY_SECONDS"] = invisibility.TotalSeconds.ToString(CultureInfo.InvariantCulture) },
            ["worker", "--storage", postgres.ConnectionUrl, "--output", settings.OutputRoot, "--cache", settings.CacheRoot, .. settings.DataRoots.SelectMany(r => new[] { "--data-root", r })]);
        IHost? survivor = null;
        try
        {
            // The doomed process's render server is the one that appears first; the survivor starts after it.
            string[] doomedServers = await RunningServer.Poll(() => Task.FromResult(RenderServers(monitoring).Except(before).ToArray()), n => n.Length > 0 || doomed.HasExited);
            Assert.True(doomedServers.Length > 0, doomed.Output);
            survivor = WorkerHost.Build(settings, LogLevel.Warning);
            await survivor.StartAsync();

            HttpResponseMessage response = await server.Submit(ServiceScenes.Scene("killed", $$"""
                  movie:
                    layout: pca
                    size: [320, 180]
                    fps: 30
                    preset: ultrafast
                    timeline:
                      - hold: {seconds: {{Frames / 30}}}
                """));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            string id = (await response.Content.ReadFromJsonAsync<RenderView>())!.Id;
            // A chunk whose frames the doomed worker is rendering.
            (RenderView View, JobStatus? Chunk) rendering = await RunningServer.Poll(
                async () =>
                {
                    RenderView view = await server.Get(id);
                    JobStatus? chunk = view.Jobs.FirstOrDefault(j => j.Stage.StartsWith("chunk movie ", StringComparison.Ordinal) && j.State == "Processing"
                        && j.Progress is { Ended: false } p && p.Stage.StartsWith("movie:", StringComparison.Ordinal) && p.Done < p.Total
                        && doomedServers.Contains(ProcessingServers(monitoring, j.JobId).LastOrDefault()));
                    return (View: view, Chunk: chunk);
                },
                r => r.Chunk is not null || r.View.State is not ("queued" or "running"));
            Assert.True(rendering.Chunk is not null, $"{JsonSerializer.Serialize(rendering.View)}\n{doomed.Output}");

            await doomed.KillAsync();
            RenderView done = await server.WaitFor(id, v => v.State is not ("queued" or "running"));

            Assert.True(done.State == "succeeded", JsonSerializer.Serialize(done));
            using JsonDocument manifest = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/renders/{id}/files/manifest.json"));
            JsonElement movie = manifest.RootElement.GetProperty("files").EnumerateArray().Single();
            Assert.Equal(Frames, movie.GetProperty("frames").GetInt32());
            VideoProbeResult probe = await VideoProbe.ProbeAsync(Path.Combine(settings.OutputRoot, "killed", id, "movie.mp4"), countFrames: true);
            Assert.Equal(Frames, probe.FrameCount);
            Assert.InRange(probe.DurationSeconds, (Frames - 1) / 30.0, (Frames + 1) / 30.0);

            // The killed chunk was rendered again by the survivor; the chunks were shared between the two.
            string[] killedChunk = ProcessingServers(monitoring, rendering.Chunk.JobId).Distinct().ToArray();
            Assert.Equal(2, killedChunk.Length);
            Assert.Contains(killedChunk[0], doomedServers);
            Assert.DoesNotContain(killedChunk[1], doomedServers);
            Assert.Equal("Succeeded", done.Jobs.Single(j => j.JobId == rendering.Chunk.JobId).State);
            Assert.Equal(3, done.Jobs.Count(j => j.Stage.StartsWith("chunk movie ", StringComparison.Ordinal)));

            // Joined exactly once: one release, one commit, one execution of the join job.
            IReadOnlyList<string> log = RenderFanIn.ReadLog(new RenderStore(settings.OutputRoot), id);
            Assert.Single(log, l => l.Contains(" released join movie ", StringComparison.Ordinal));
            Assert.Single(log, l => l.Contains($" committed movie: movie.mp4 ({Frames} frames)", StringComparison.Ordinal));
            Assert.Single(ProcessingServers(monitoring, done.Jobs.Single(j => j.Stage == "join movie").JobId));
        }
        finally
        {
            await doomed.KillAsync();
            if (survivor is not null)
            {
                await survivor.StopAsync();
                survivor.Dispose();
            }

            await server.DisposeAsync();
        }
    }

    private static string[] RenderServers(IMonitoringApi monitoring) =>
        monitoring.Servers().Select(s => s.Name).Where(n => n.Contains(":worker:render", StringComparison.Ordinal)).ToArray();

    /// <summary>The servers that took the job, oldest first, from its state history.</summary>
    private static string[] ProcessingServers(IMonitoringApi monitoring, string jobId) =>
        monitoring.JobDetails(jobId).History.OrderBy(h => h.CreatedAt)
            .Where(h => h.StateName == "Processing").Select(h => h.Data["ServerId"]).ToArray();
}
