using Hangfire;

namespace RenderFarm.Service.Jobs;

/// <summary>
/// Enqueues a render as a chain of continuations: embed → layouts → one job per output → finalise.
/// Each starts only when the one before succeeded; a failure or a cancellation stops the rest
/// (Hangfire deletes continuations whose parent did not succeed).
/// </summary>
public static class RenderChain
{
    public static IReadOnlyList<RenderJobRef> Enqueue(IBackgroundJobClient client, RenderRecord record)
    {
        string id = record.Id;
        var jobs = new List<RenderJobRef>();
        string previous = client.Enqueue<RenderJobs>(j => j.EmbedAsync(id, null, CancellationToken.None));
        jobs.Add(new RenderJobRef("embed", previous));
        previous = client.ContinueJobWith<RenderJobs>(previous, j => j.LayoutsAsync(id, null, CancellationToken.None));
        jobs.Add(new RenderJobRef("layouts", previous));
        foreach (string output in record.Outputs)
        {
            previous = client.ContinueJobWith<RenderJobs>(previous, j => j.OutputAsync(id, output, null, CancellationToken.None));
            jobs.Add(new RenderJobRef("output " + output, previous));
        }

        previous = client.ContinueJobWith<RenderJobs>(previous, j => j.FinaliseAsync(id, null, CancellationToken.None));
        jobs.Add(new RenderJobRef("finalise", previous));
        return jobs;
    }
}
