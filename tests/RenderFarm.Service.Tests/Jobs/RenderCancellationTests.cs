using System.Net;
using System.Net.Http.Json;
using Hangfire.States;
using Hangfire.Storage;
using RenderFarm.Service.Api;
using RenderFarm.Service.Tests.Server;

namespace RenderFarm.Service.Tests.Jobs;

public sealed class RenderCancellationTests : IAsyncLifetime
{
    /// <summary>
    /// A 10-minute video in three chunks of 6,000 frames (held frames encode fast: still about ten
    /// seconds a chunk), so the running chunk is still drawing when its token fires: chunks of the
    /// default 150 frames could finish inside the second Hangfire takes to notice the deletion,
    /// leaving no job anything to stop.
    /// </summary>
    private const int FramesPerChunk = 6000;

    private readonly RunningServer server = RunningServer.With(s => s with { FramesPerChunk = FramesPerChunk });

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task DeletingARenderStopsItsRunningJobAndTheRestOfTheChain()
    {
        HttpResponseMessage response = await server.Submit(ServiceScenes.LongVideo().Replace("seconds: 120", "seconds: 600", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        string id = (await response.Content.ReadFromJsonAsync<RenderView>())!.Id;
        // Frames are being made: a chunk job of the video has reported progress.
        RenderView rendering = await server.WaitFor(id, v => v.State != "running" || v.Stage?.StartsWith("movie:", StringComparison.Ordinal) == true);
        Assert.Equal("running", rendering.State);

        HttpResponseMessage cancel = await server.Client.DeleteAsync($"/api/renders/{id}");

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        // "cancelled" only once no job of the chain is executing any more (each job marks its progress ended).
        RenderView cancelled = await server.WaitFor(id, v => v.State != "cancelling");
        Assert.Equal("cancelled", cancelled.State);
        Assert.True(
            cancelled.Jobs.Any(j => j.Stage.StartsWith("chunk movie ", StringComparison.Ordinal) && j.Progress?.Stage == "stopped"),
            "no chunk job stopped: " + string.Join("; ", cancelled.Jobs.Select(j => $"{j.Stage} {j.State} {j.Progress?.Stage}")));
        // The chunks not yet done, and the parked join and finalise, are all deleted: nothing enqueues them again.
        using IStorageConnection connection = server.Storage.GetConnection();
        var rest = cancelled.Jobs.Where(j => j.Stage.StartsWith("chunk movie ", StringComparison.Ordinal) || j.Stage is "join movie" or "finalise").ToArray();
        Assert.Equal(3 + 2, rest.Length);
        Assert.All(rest.Where(j => j.State != SucceededState.StateName), j => Assert.Equal(DeletedState.StateName, connection.GetStateData(j.JobId).Name));
        Assert.All(rest.TakeLast(2), j => Assert.Equal(DeletedState.StateName, j.State));
        Assert.DoesNotContain(cancelled.Files, f => f.Name.EndsWith(".mp4", StringComparison.Ordinal));
        string scratch = Path.Combine(server.Settings.OutputRoot, ".renders", id, "scratch");
        Assert.True(!Directory.Exists(scratch) || Directory.GetFileSystemEntries(scratch).Length == 0, "the stopped job left its scratch folder");
        Assert.False(Directory.Exists(Path.Combine(server.Settings.OutputRoot, ".renders", id, "chunks")), "the cancelled video's chunks were left behind");
        Assert.Equal(HttpStatusCode.Conflict, (await server.Client.DeleteAsync($"/api/renders/{id}")).StatusCode);
    }
}
