using System.Net;
using Hangfire.States;
using RenderFarm.Service.Api;
using RenderFarm.Service.Tests.Server;

namespace RenderFarm.Service.Tests.Jobs;

/// <summary>
/// A job that fails for good takes the rest of its render with it: the awaiting continuations, a
/// video's other chunks and the parked join and finalise are deleted, not left in storage for ever.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class RenderFailureTests(RunningServer server)
{
    [Fact]
    public async Task AJobThatFailsForGoodDeletesEveryOtherUnfinishedJobOfItsRender()
    {
        string name = "failing-" + Guid.NewGuid().ToString("N")[..8];
        string scene = Path.Combine(server.DataFolder, name + ".yaml");
        await File.WriteAllTextAsync(scene, ServiceScenes.LongVideo(name));

        // A long video holds the one render worker while the scene file changes under the queued render...
        string blocker = await server.SubmitAccepted(new RenderRequest(null, ServiceScenes.LongVideo("blocker-" + name)));
        // Its chunks drawing frames: all of them are queued, ahead of anything submitted now.
        await server.WaitFor(blocker, v => v.Stage?.StartsWith("movie:", StringComparison.Ordinal) == true);
        string id = await server.SubmitAccepted(new RenderRequest(scene, null));
        await File.AppendAllTextAsync(scene, "# edited after submission\n");
        Assert.Equal(HttpStatusCode.Accepted, (await server.Client.DeleteAsync($"/api/renders/{blocker}")).StatusCode);

        // ...so its first job refuses the edited scene (a user error: not retried).
        RenderView failed = await server.WaitFor(id, v => v.State is not ("queued" or "running"));

        Assert.Equal("failed", failed.State);
        Assert.Contains("changed after render", failed.Error, StringComparison.Ordinal);
        RenderFarm.Service.Jobs.JobStatus embed = Assert.Single(failed.Jobs, j => j.Stage == "embed");
        Assert.Equal(FailedState.StateName, embed.State);
        Assert.True(failed.Jobs.Count > 4, "a video render has embed, layouts, chunks, a join and finalise");
        Assert.All(failed.Jobs.Where(j => j.Stage != "embed"), j => Assert.Equal(DeletedState.StateName, j.State));
    }
}
