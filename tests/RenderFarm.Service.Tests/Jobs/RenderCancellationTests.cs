using System.Net;
using System.Net.Http.Json;
using Hangfire.States;
using Hangfire.Storage;
using RenderFarm.Service.Api;
using RenderFarm.Service.Tests.Server;

namespace RenderFarm.Service.Tests.Jobs;

[Collection(ServiceCollection.Name)]
public sealed class RenderCancellationTests(RunningServer server)
{
    [Fact]
    public async Task DeletingARenderStopsItsRunningJobAndTheRestOfTheChain()
    {
        HttpResponseMessage response = await server.Submit(ServiceScenes.LongVideo());
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
        Assert.Contains(cancelled.Jobs, j => j.Stage.StartsWith("chunk movie ", StringComparison.Ordinal) && j.Progress?.Stage == "stopped");
        // The chunks not yet done, and the parked join and finalise, are all deleted: nothing enqueues them again.
        using IStorageConnection connection = server.Storage.GetConnection();
        var rest = cancelled.Jobs.Where(j => j.Stage.StartsWith("chunk movie ", StringComparison.Ordinal) || j.Stage is "join movie" or "finalise").ToArray();
        Assert.Equal(24 + 2, rest.Length);
        Assert.All(rest.Where(j => j.State != SucceededState.StateName), j => Assert.Equal(DeletedState.StateName, connection.GetStateData(j.JobId).Name));
        Assert.All(rest.TakeLast(2), j => Assert.Equal(DeletedState.StateName, j.State));
        Assert.DoesNotContain(cancelled.Files, f => f.Name.EndsWith(".mp4", StringComparison.Ordinal));
        string scratch = Path.Combine(server.Settings.OutputRoot, ".renders", id, "scratch");
        Assert.True(!Directory.Exists(scratch) || Directory.GetFileSystemEntries(scratch).Length == 0, "the stopped job left its scratch folder");
        Assert.Equal(HttpStatusCode.Conflict, (await server.Client.DeleteAsync($"/api/renders/{id}")).StatusCode);
    }
}
