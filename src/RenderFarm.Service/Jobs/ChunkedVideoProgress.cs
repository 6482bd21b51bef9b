using Hangfire.States;

namespace RenderFarm.Service.Jobs;

/// <summary>
/// A video's progress over all its chunks, which GET shows while one of them runs: chunks run on
/// several workers at once, so the first running chunk's own percent and ETA say little about the
/// video. Percent counts finished chunks whole and running ones by their own percent; the ETA is
/// the longest running chunk's plus the waiting chunks shared among the running workers, each at
/// the running chunks' average projected length.
/// </summary>
public static class ChunkedVideoProgress
{
    /// <summary>Null when <paramref name="current"/> is not a chunk job.</summary>
    public static (string Stage, double Percent, double? EtaSeconds)? Of(JobStatus current, IReadOnlyList<JobStatus> jobs)
    {
        if (!RenderChain.TryParseChunkStage(current.Stage, out string output, out int count) || count <= 0)
        {
            return null;
        }

        JobStatus[] chunks = jobs.Where(j => RenderChain.TryParseChunkStage(j.Stage, out string o, out _) && o == output).ToArray();
        int done = chunks.Count(j => j.State == SucceededState.StateName);
        JobProgressSnapshot[] running = chunks
            .Where(j => j.State == ProcessingState.StateName && j.Progress is { Ended: false })
            .Select(j => j.Progress!).ToArray();
        double percent = 100 * (done + running.Sum(p => p.Percent / 100)) / count;
        int waiting = Math.Max(0, count - done - running.Length);
        double? eta = null;
        if (running.Length > 0 && running.All(p => p.EtaSeconds is not null))
        {
            // A chunk's whole length, projected from how far it is and what it still needs.
            double chunkSeconds = running.Average(p => p.EtaSeconds!.Value / Math.Max(0.01, 1 - (p.Percent / 100)));
            eta = running.Max(p => p.EtaSeconds!.Value) + (waiting * chunkSeconds / running.Length);
        }

        return ($"{output}: {done} of {count} chunks done, {running.Length} rendering", percent, eta);
    }
}
