using System.Net;
using System.Net.Http.Json;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RenderFarm.Service.Api;
using RenderFarm.Service.Server;
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
}
