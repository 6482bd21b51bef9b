using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Text.Json;
using RenderFarm.Service.Api;
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
    /// A `worker` process killed (SIGKILL) while its video's frames render: once the job's
    /// invisibility timeout passes, another worker gets it, starts the output again from the
    /// cache and the video comes out whole.
    /// </summary>
    [Fact]
    public async Task AVideoStillCompletesWhenItsWorkerIsKilledMidRender()
    {
        const int Frames = 600;
        TimeSpan invisibility = TimeSpan.FromSeconds(10);
        RunningServer server = RunningServer.With(s => s with { Storage = postgres.ConnectionUrl, RenderWorkers = 0, InvisibilityTimeout = invisibility });
        await server.InitializeAsync();
        ServerSettings settings = server.Settings;
        using var doomed = RenderfarmProcess.Start(
            new Dictionary<string, string> { ["RENDERFARM_INVISIBILITY_SECONDS"] = invisibility.TotalSeconds.ToString(CultureInfo.InvariantCulture) },
            ["worker", "--storage", postgres.ConnectionUrl, "--output", settings.OutputRoot, "--cache", settings.CacheRoot, .. settings.DataRoots.SelectMany(r => new[] { "--data-root", r })]);
        IHost? rescuer = null;
        try
        {
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
            RenderView rendering = await server.WaitFor(id, v => (v.State != "running" && v.State != "queued") || v.Stage?.StartsWith("movie:", StringComparison.Ordinal) == true);
            Assert.True(rendering.State == "running", $"{JsonSerializer.Serialize(rendering)}\n{doomed.Output}");

            await doomed.KillAsync();
            rescuer = WorkerHost.Build(settings, LogLevel.Warning);
            await rescuer.StartAsync();
            RenderView done = await server.WaitFor(id, v => v.State is not ("queued" or "running"));

            Assert.True(done.State == "succeeded", JsonSerializer.Serialize(done));
            using JsonDocument manifest = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/renders/{id}/files/manifest.json"));
            JsonElement movie = manifest.RootElement.GetProperty("files").EnumerateArray().Single();
            Assert.Equal(Frames, movie.GetProperty("frames").GetInt32());
            string outputJob = done.Jobs.Single(j => j.Stage == "output movie").JobId;
            string[] servers = server.Storage.GetMonitoringApi().JobDetails(outputJob).History
                .Where(h => h.StateName == "Processing").Select(h => h.Data["ServerId"]).Distinct().ToArray();
            Assert.Equal(2, servers.Length);
        }
        finally
        {
            await doomed.KillAsync();
            if (rescuer is not null)
            {
                await rescuer.StopAsync();
                rescuer.Dispose();
            }

            await server.DisposeAsync();
        }
    }
}
