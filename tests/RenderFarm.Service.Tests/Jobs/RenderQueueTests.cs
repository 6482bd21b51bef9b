using System.Net;
using System.Net.Http.Json;
using Hangfire.Storage.Monitoring;
using RenderFarm.Service.Api;
using RenderFarm.Service.Tests.Server;
using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Jobs;

[Collection(ServiceCollection.Name)]
public sealed class RenderQueueTests(RunningServer server)
{
    private const int Renders = 20;

    /// <summary>
    /// Twenty renders queued at once: the render queue's single worker runs one job at a time (a
    /// render uses every core), the API (health, the render list, the gallery, each render) answers
    /// meanwhile, and every render finishes.
    /// </summary>
    [Fact]
    public async Task QueuedRendersRunOneAtATimeWhileTheApiAnswers()
    {
        string dataset = Path.Combine(server.DataFolder, "queue-" + Guid.NewGuid().ToString("N")[..8]);
        ServiceScenes.WriteNoiseIdx(dataset, 60);
        string scene = ServiceScenes.Scene("queued", """
              poster:
                layout: pca
                style: points
                size: [64, 64]
            """).Replace(FashionMnist.Folder, dataset, StringComparison.Ordinal);
        var ids = new List<string>();
        for (int i = 0; i < Renders; i++)
        {
            HttpResponseMessage response = await server.Submit(scene);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<RenderView>())!.Id);
        }

        RenderView[] views = await RunningServer.Poll(
            async () =>
            {
                Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/healthz")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/api/renders?limit=5")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/")).StatusCode);
                return await Task.WhenAll(ids.Select(server.Get));
            },
            all => all.All(v => v.State is not ("queued" or "running")),
            limitSeconds: 600);

        Assert.All(views, v => Assert.Equal("succeeded", v.State));
        // From the jobs' state history: every render-queue job started after the one before it finished.
        var spans = views.SelectMany(v => v.Jobs).Where(j => j.Stage != "finalise").Select(j => Span(j.JobId)).OrderBy(s => s.Start).ToArray();
        Assert.Equal(Renders * 3, spans.Length);
        for (int i = 1; i < spans.Length; i++)
        {
            Assert.True(spans[i].Start >= spans[i - 1].End, $"job {spans[i].JobId} started before job {spans[i - 1].JobId} ended");
        }
    }

    /// <summary>When a job entered Processing (the last time) and when it left it.</summary>
    private (string JobId, DateTime Start, DateTime End) Span(string jobId)
    {
        StateHistoryDto[] history = server.Storage.GetMonitoringApi().JobDetails(jobId).History.OrderBy(h => h.CreatedAt).ToArray();
        int processing = Array.FindLastIndex(history, h => h.StateName == "Processing");
        return (jobId, history[processing].CreatedAt, history[processing + 1].CreatedAt);
    }
}
