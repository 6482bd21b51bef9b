using System.Net;
using System.Text.Json;
using RenderFarm.Service.Api;
using RenderFarm.Service.Jobs;
using RenderFarm.Service.Renders;
using RenderFarm.Service.Tests.Server;

namespace RenderFarm.Service.Tests.Jobs;

/// <summary>
/// A render starts from the run <c>latest</c> named when it was submitted, whatever moves
/// <c>latest</c> before its jobs run: otherwise jobs of one render (a video's chunks on several
/// workers) could start from different runs and draw different layouts.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class PinnedPreviousRunTests(RunningServer server)
{
    [Fact]
    public async Task ARenderStartsFromTheRunLatestNamedAtSubmissionEvenWhenLatestMovesBeforeItsJobsRun()
    {
        string name = "pinned-" + Guid.NewGuid().ToString("N")[..8];
        string scene = ServiceScenes.Poster(name);
        RenderView first = await Succeeded(await server.SubmitAccepted(scene));
        string sceneFolder = Path.Combine(server.Settings.OutputRoot, name);
        var renders = new RenderStore(server.Settings.OutputRoot);
        string firstFolder = renders.Get(first.Id).RunFolder;
        Assert.Equal(firstFolder, LatestPointer.Read(sceneFolder));

        // A long video holds the one render worker, so the second render waits in the queue...
        string blocker = await server.SubmitAccepted(ServiceScenes.LongVideo("blocker-" + name));
        // Its chunks drawing frames: all of them are queued, ahead of anything submitted now.
        await server.WaitFor(blocker, v => v.Stage?.StartsWith("movie:", StringComparison.Ordinal) == true);
        string second = await server.SubmitAccepted(scene);
        Assert.Equal(firstFolder, renders.Get(second).PreviousRunFolder);

        // ...while latest moves to a newer run of the scene (one with no layouts kept).
        RunFolder decoy = RunFolder.Create(sceneFolder, "decoy000", DateTimeOffset.UtcNow.AddHours(1));
        LatestPointer.Update(decoy);
        Assert.Equal(HttpStatusCode.Accepted, (await server.Client.DeleteAsync($"/api/renders/{blocker}")).StatusCode);
        RenderView done = await Succeeded(second);

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(renders.Get(done.Id).RunFolder, RenderManifest.FileName)));
        JsonElement changes = manifest.RootElement.GetProperty("inputs").GetProperty("changes");
        Assert.Equal(Path.GetFileName(firstFolder), changes.GetProperty("previous_run").GetString());
        Assert.Equal((0, 200, 0), (changes.GetProperty("new").GetInt32(), changes.GetProperty("kept").GetInt32(), changes.GetProperty("removed").GetInt32()));
    }

    private async Task<RenderView> Succeeded(string id)
    {
        RenderView view = await server.WaitFor(id, v => v.State is not ("queued" or "running"));
        Assert.True(view.State == "succeeded", JsonSerializer.Serialize(view));
        return view;
    }
}
