using Hangfire;
using RenderFarm.Core.Scenes;
using RenderFarm.Encoding.Video;
using RenderFarm.Service.Renders;

namespace RenderFarm.Service.Jobs;

/// <summary>
/// Enqueues a render: embed → layouts → every poster's output job and every video's chunk jobs
/// (frame ranges of <c>framesPerChunk</c>), all continuations of the layouts job so free workers
/// take them in parallel → each video's join → finalise. Joins and finalise wait for several jobs,
/// which a continuation cannot, so they are created <see cref="ParkedState">parked</see> and the
/// last part to finish enqueues them (<see cref="RenderFanIn"/>). A failure or a cancellation stops
/// the rest: Hangfire deletes continuations whose parent did not succeed, and a parked job is only
/// released when every part it waits for is done.
/// </summary>
public static class RenderChain
{
    public const string FinaliseStage = "finalise";

    public static IReadOnlyList<RenderJobRef> Enqueue(IBackgroundJobClient client, RenderRecord record, RenderPlan plan, int framesPerChunk)
    {
        string id = record.Id;
        var jobs = new List<RenderJobRef>();
        string embed = client.Enqueue<RenderJobs>(j => j.EmbedAsync(id, null, CancellationToken.None));
        jobs.Add(new RenderJobRef("embed", embed));
        string layouts = client.ContinueJobWith<RenderJobs>(embed, j => j.LayoutsAsync(id, null, CancellationToken.None));
        jobs.Add(new RenderJobRef("layouts", layouts));
        foreach (OutputSpec spec in plan.Outputs)
        {
            string output = spec.Name;
            if (spec is not VideoOutputSpec video)
            {
                jobs.Add(new RenderJobRef("output " + output, client.ContinueJobWith<RenderJobs>(layouts, j => j.OutputAsync(id, output, null, CancellationToken.None))));
                continue;
            }

            int chunks = FrameRange.Split(video.FrameCount, framesPerChunk).Count;
            for (int i = 0; i < chunks; i++)
            {
                int chunk = i;
                string job = client.ContinueJobWith<RenderJobs>(layouts, j => j.ChunkAsync(id, output, chunk, framesPerChunk, null, CancellationToken.None));
                jobs.Add(new RenderJobRef(ChunkStage(output, chunk, chunks), job));
            }

            string join = client.Create<RenderJobs>(j => j.JoinAsync(id, output, framesPerChunk, null, CancellationToken.None),
                new ParkedState($"waits for the {chunks} chunks of {output}"));
            jobs.Add(new RenderJobRef(JoinStage(output), join));
        }

        string finalise = client.Create<RenderJobs>(j => j.FinaliseAsync(id, null, CancellationToken.None), new ParkedState("waits for every output"));
        jobs.Add(new RenderJobRef(FinaliseStage, finalise));
        return jobs;
    }

    /// <summary>"chunk movie 2/5": the chunk's place among its video's, counted from 1.</summary>
    public static string ChunkStage(string output, int chunk, int chunks) => $"chunk {output} {chunk + 1}/{chunks}";

    /// <summary>The output and chunk count of a <see cref="ChunkStage"/> label; false for any other stage.</summary>
    public static bool TryParseChunkStage(string stage, out string output, out int chunks)
    {
        (output, chunks) = ("", 0);
        int space = stage.LastIndexOf(' ');
        int slash = stage.LastIndexOf('/');
        if (!stage.StartsWith("chunk ", StringComparison.Ordinal) || space <= "chunk ".Length || slash < space
            || !int.TryParse(stage.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture, out chunks))
        {
            return false;
        }

        output = stage["chunk ".Length..space];
        return true;
    }

    public static string JoinStage(string output) => "join " + output;
}
