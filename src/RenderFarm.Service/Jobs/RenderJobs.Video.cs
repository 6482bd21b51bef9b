using Hangfire;
using Hangfire.Server;
using RenderFarm.Core;
using RenderFarm.Core.Scenes;
using RenderFarm.Encoding.Video;
using RenderFarm.Service.Renders;

namespace RenderFarm.Service.Jobs;

/// <summary>
/// A video's jobs: chunks (frame ranges rendered on whichever workers are free) and the join that
/// puts them together. <c>framesPerChunk</c> travels with the jobs, so every job of one render cuts
/// the video the same way whatever the settings of the machine that runs it.
/// </summary>
public sealed partial class RenderJobs
{
    /// <summary>
    /// Frames of chunk <paramref name="chunk"/> of the video into its chunk MP4 and done flag (see
    /// <see cref="VideoChunks"/>); a chunk already done is not rendered again. Either way it then
    /// enqueues the video's join when every chunk is done, so a worker killed after the flag and
    /// before the fan-in leaves nothing stuck: the chunk's next delivery does it.
    /// </summary>
    [Queue(RenderQueue)]
    [AutomaticRetry(Attempts = RenderAbandonment.Retries, DelaysInSeconds = [5, 30], ExceptOn = [typeof(RenderFarmException), typeof(Rendering.RenderingException), typeof(Encoding.EncodingException)])]
    public Task ChunkAsync(string renderId, string output, int chunk, int framesPerChunk, PerformContext? context, CancellationToken cancellation) =>
        RunAsync(renderId, context, cancellation, async progress =>
        {
            RenderRecord record = store.Get(renderId);
            var chunks = new VideoChunks(store.WorkFolder(record.Id), output);
            using var scratch = new Scratch(ScratchRoot(record, $"chunk-{output}-{chunk}"));
            using RenderRun run = Open(record, scratch.Path, [output]);
            var video = (VideoOutputSpec)run.Plan.Outputs.Single();
            IReadOnlyList<FrameRange> ranges = FrameRange.Split(video.FrameCount, framesPerChunk);
            if (!chunks.IsDone(chunk))
            {
                FrameRange range = ranges[chunk];
                try
                {
                    run.OpenDevice();
                    run.Embed(null, cancellation);
                    run.ComputeLayouts(null, cancellation);
                    run.BuildThumbnails(null, cancellation);
                    Mp4Result result = await run.RenderChunkAsync(video, range, chunks.Video(chunk),
                        progress.For<RenderProgress>(p => ($"{output}: {p.Stage}", p.Done, p.Total)), cancellation).ConfigureAwait(false);
                    chunks.MarkDone(chunk, range, result);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested && store.Get(renderId).CancelRequestedUtc is not null)
                {
                    // The render was cancelled: no join will come for the chunks already made, and
                    // finalise, which removes them after a join, never runs.
                    DeleteFolder(VideoChunks.RootOf(store.WorkFolder(record.Id)));
                    throw;
                }
            }

            cancellation.ThrowIfCancellationRequested();
            FanIn.ReleaseWhenDone(record, RenderChain.JoinStage(output), () => chunks.AllDone(ranges.Count));
        });

    /// <summary>
    /// Joins the video's chunks by stream copy into a staging run folder, checks the frames ffprobe
    /// counts by decoding against the timeline's, moves the video into the render's run folder and
    /// writes the output's marker (its manifest part) once, under the render's lock, logging the
    /// join; then enqueues finalise when this was the last output. On the render queue: counting a
    /// long video's frames decodes all of it, work a render machine's one worker should account for.
    /// </summary>
    [Queue(RenderQueue)]
    [AutomaticRetry(Attempts = RenderAbandonment.Retries, DelaysInSeconds = [5, 30], ExceptOn = [typeof(RenderFarmException), typeof(Rendering.RenderingException), typeof(Encoding.EncodingException)])]
    public Task JoinAsync(string renderId, string output, int framesPerChunk, PerformContext? context, CancellationToken cancellation) =>
        RunAsync(renderId, context, cancellation, async progress =>
        {
            RenderRecord record = store.Get(renderId);
            if (!File.Exists(OutputMarker(record.Id, output)))
            {
                var chunks = new VideoChunks(store.WorkFolder(record.Id), output);
                using var staging = new Scratch(ScratchRoot(record, "join-" + output));
                using RenderRun run = Open(record, staging.Path, [output]);
                var video = (VideoOutputSpec)run.Plan.Outputs.Single();
                int count = FrameRange.Split(video.FrameCount, framesPerChunk).Count;
                progress.Report($"{output}: join {count} chunks", 0, 1);
                // The manifest part describes the inputs, layouts and device like a single-job output's.
                run.OpenDevice();
                run.Embed(null, cancellation);
                run.ComputeLayouts(null, cancellation);
                run.BuildThumbnails(null, cancellation);
                if (!chunks.AllDone(count))
                {
                    throw new InvalidOperationException($"render {record.Id}: {output} was joined before all {count} chunks were done");
                }

                double seconds = Enumerable.Range(0, count).Sum(c => chunks.Read(c).Seconds);
                OutputFileEntry joined = await run.JoinChunksAsync(video, Enumerable.Range(0, count).Select(chunks.Video).ToArray(), seconds, cancellation).ConfigureAwait(false);
                if (joined.Probe?.FrameCount != video.FrameCount)
                {
                    throw new Encoding.EncodingException(
                        $"{joined.File}: ffprobe counts {joined.Probe?.FrameCount} frames in the joined video of {output}, its timeline has {video.FrameCount}.");
                }

                CommitOutput(record, output, run);
                progress.Report($"{output}: joined", 1, 1);
            }

            cancellation.ThrowIfCancellationRequested();
            ReleaseFinaliseWhenDone(record);
        });
}
