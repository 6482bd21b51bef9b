using Hangfire;
using Hangfire.Server;
using RenderFarm.Core;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Pipeline;
using RenderFarm.Embedding.Thumbnails;
using RenderFarm.Layouts.Pipeline;
using RenderFarm.Service.Renders;
using RenderFarm.Service.Server;

namespace RenderFarm.Service.Jobs;

/// <summary>
/// The jobs of a render, each taking only the render id (and an output name), so any worker that
/// sees the output root can run it. Each job re-opens the scene and takes what earlier jobs made
/// from the artifact cache (vectors, layouts, thumbnails), so a job delivered twice, retried or run
/// on another machine redoes little, and a finished output is never rendered again. User errors
/// (a bad scene, a missing device or ffmpeg) are not retried: they would fail the same way.
/// A video's chunk and join jobs are in <c>RenderJobs.Video.cs</c>.
/// </summary>
public sealed partial class RenderJobs(ServerSettings settings, RenderStore store, JobStorage storage, IBackgroundJobClient client)
{
    public const string RenderQueue = "render";
    public const string LightQueue = "default";

    /// <summary>The embed job's report in the render's work folder: counts of new, cached and skipped images.</summary>
    public const string EmbedReportFile = "embed-report.json";

    [Queue(RenderQueue)]
    [AutomaticRetry(Attempts = RenderAbandonment.Retries, DelaysInSeconds = [5, 30], ExceptOn = [typeof(RenderFarmException), typeof(Rendering.RenderingException), typeof(Encoding.EncodingException)])]
    public Task EmbedAsync(string renderId, PerformContext? context, CancellationToken cancellation) =>
        RunAsync(renderId, context, cancellation, progress =>
        {
            RenderRecord record = store.Get(renderId);
            // The vectors stay in the cache; the embed stage's own files (embeddings.npy, report) go with the scratch.
            using var scratch = new Scratch(ScratchRoot(record, "embed"));
            using RenderRun run = Open(record, scratch.Path, []);
            EmbedResult embedded = run.Embed(progress.For<EmbedProgress>(p => ($"embed: {p.Stage}", p.Done, p.Total)), cancellation);
            // Its report (images embedded now vs from the cache) outlives the scratch, in the render's work folder.
            embedded.Report.Write(Path.Combine(store.WorkFolder(record.Id), EmbedReportFile));
            return Task.CompletedTask;
        });

    /// <summary>Layouts and thumbnails: both land in the cache for the output jobs.</summary>
    [Queue(RenderQueue)]
    [AutomaticRetry(Attempts = RenderAbandonment.Retries, DelaysInSeconds = [5, 30], ExceptOn = [typeof(RenderFarmException), typeof(Rendering.RenderingException), typeof(Encoding.EncodingException)])]
    public Task LayoutsAsync(string renderId, PerformContext? context, CancellationToken cancellation) =>
        RunAsync(renderId, context, cancellation, progress =>
        {
            RenderRecord record = store.Get(renderId);
            using var scratch = new Scratch(ScratchRoot(record, "layouts"));
            using RenderRun run = Open(record, scratch.Path, []);
            run.Embed(null, cancellation);
            run.ComputeLayouts(progress.For<LayoutProgress>(p => ($"layouts: {p.Stage}", p.Done, p.Total)), cancellation);
            run.BuildThumbnails(progress.For<ThumbnailProgress>(p => ("thumbnails", p.Done, p.Total)), cancellation);
            return Task.CompletedTask;
        });

    /// <summary>
    /// One poster, rendered into a staging run folder, then moved into the render's run folder; a
    /// marker (that output's manifest) is written last, so a second delivery after it skips the work.
    /// The last output to finish enqueues finalise.
    /// </summary>
    [Queue(RenderQueue)]
    [AutomaticRetry(Attempts = RenderAbandonment.Retries, DelaysInSeconds = [5, 30], ExceptOn = [typeof(RenderFarmException), typeof(Rendering.RenderingException), typeof(Encoding.EncodingException)])]
    public Task OutputAsync(string renderId, string output, PerformContext? context, CancellationToken cancellation) =>
        RunAsync(renderId, context, cancellation, async progress =>
        {
            RenderRecord record = store.Get(renderId);
            string marker = OutputMarker(record.Id, output);
            if (!File.Exists(marker))
            {
                using var staging = new Scratch(ScratchRoot(record, "output-" + output));
                using RenderRun run = Open(record, staging.Path, [output]);
                run.OpenDevice();
                run.Embed(null, cancellation);
                run.ComputeLayouts(null, cancellation);
                run.BuildThumbnails(null, cancellation);
                OutputSpec spec = run.Plan.Outputs.Single();
                await run.RenderOutputAsync(spec, progress.For<RenderProgress>(p => ($"{output}: {p.Stage}", p.Done, p.Total)), cancellation).ConfigureAwait(false);
                CommitOutput(record, output, run);
            }

            cancellation.ThrowIfCancellationRequested();
            ReleaseFinaliseWhenDone(record);
        });

    /// <summary>
    /// manifest.json of the whole render from the outputs' parts, written last; then
    /// OUTPUT/&lt;scene&gt;/latest points at the run, and the scratch folders and chunks go.
    /// </summary>
    [Queue(LightQueue)]
    [AutomaticRetry(Attempts = RenderAbandonment.Retries, DelaysInSeconds = [5, 30], ExceptOn = [typeof(RenderFarmException)])]
    public Task FinaliseAsync(string renderId, PerformContext? context, CancellationToken cancellation) =>
        RunAsync(renderId, context, cancellation, _ =>
        {
            RenderRecord record = store.Get(renderId);
            string manifest = Path.Combine(record.RunFolder, RenderManifest.FileName);
            if (!File.Exists(manifest))
            {
                var parts = record.Outputs.Select(o => File.ReadAllText(OutputMarker(record.Id, o))).ToArray();
                AtomicFile.WriteAllText(manifest, ManifestMerger.Merge(record, parts, DateTimeOffset.UtcNow));
            }

            LatestPointer.Update(RunFolder.At(record.RunFolder));
            DeleteFolder(Path.Combine(store.WorkFolder(record.Id), "scratch"));
            DeleteFolder(VideoChunks.RootOf(store.WorkFolder(record.Id)));
            return Task.CompletedTask;
        });

    /// <summary>
    /// Moves the files of <paramref name="run"/>'s staging run folder into the render's and writes the
    /// output's marker (its manifest part) after them, both under the render's lock and only while
    /// there is no marker: of two deliveries running at once, the second moves and commits nothing,
    /// so the files stay the ones the marker's checksums describe.
    /// </summary>
    private void CommitOutput(RenderRecord record, string output, RenderRun run)
    {
        RenderManifest part = run.WriteManifest();
        string marker = OutputMarker(record.Id, output);
        string files = string.Join(", ", part.Files.Select(f => f.Frames is int frames ? $"{f.File} ({frames} frames)" : f.File));
        FanIn.CommitOnce(record.Id, marker, $"committed {output}: {files}", () =>
        {
            Directory.CreateDirectory(record.RunFolder);
            // The layouts go too (every output's copy is the same): the scene's next run starts from them.
            foreach (OutputFileEntry file in part.Files.Concat(part.LayoutFiles ?? []))
            {
                string target = Path.Combine(record.RunFolder, file.File);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(Path.Combine(run.Folder!.Path, file.File), target, overwrite: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
            AtomicFile.WriteAllText(marker, part.ToJson());
        });
    }

    /// <summary>Enqueues finalise once every output's marker is there (see <see cref="RenderFanIn"/>).</summary>
    private void ReleaseFinaliseWhenDone(RenderRecord record) =>
        FanIn.ReleaseWhenDone(record, RenderChain.FinaliseStage, () => record.Outputs.All(o => File.Exists(OutputMarker(record.Id, o))));

    private RenderFanIn FanIn => new(storage, client, store);

    /// <summary>
    /// Marks the job's progress ended (done, stopped or failed) however it leaves; a failure that
    /// will not be retried also abandons the rest of the render (see <see cref="RenderAbandonment"/>).
    /// </summary>
    private async Task RunAsync(string renderId, PerformContext? context, CancellationToken cancellation, Func<JobProgress, Task> work)
    {
        var progress = new JobProgress(context);
        string outcome = "failed";
        try
        {
            await work(progress).ConfigureAwait(false);
            outcome = "done";
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            outcome = "stopped";
            throw;
        }
        catch (Exception e) when (RenderAbandonment.IsFinal(e, context))
        {
            new RenderAbandonment(store, storage, client).DeleteTheRest(renderId, context?.BackgroundJob.Id);
            throw;
        }
        finally
        {
            progress.End(outcome);
        }
    }

    /// <summary>Opens the scene for one job, refusing a scene file edited since it was submitted (the run would not be the one asked for).</summary>
    private RenderRun Open(RenderRecord record, string outputRoot, IReadOnlyList<string> only)
    {
        var run = RenderRun.Start(record.ScenePath, new RenderOptions
        {
            OutputRoot = outputRoot,
            // Jobs write into scratch roots; every job of the render starts from the run pinned at submission.
            PreviousRunFolder = record.PreviousRunFolder,
            PinnedPrevious = true,
            CacheRoot = settings.CacheRoot,
            Only = only,
            CacheFlushEvery = settings.CacheFlushEvery,
        });
        if (run.Plan.SceneHash != record.SceneSha256)
        {
            run.Dispose();
            throw new RenderFarmException($"{record.ScenePath} changed after render {record.Id} was submitted; submit it again.");
        }

        return run;
    }

    /// <summary>
    /// Scratch output root of one execution of a job: the embed report, staging run folders. Unique
    /// per execution, so a job delivered twice at once (a worker thought dead) never writes into
    /// the other's files; finalise removes them all.
    /// </summary>
    private string ScratchRoot(RenderRecord record, string job) => Path.Combine(store.WorkFolder(record.Id), "scratch", $"{job}-{Guid.NewGuid():N}");

    private string OutputMarker(string renderId, string output) => Path.Combine(store.WorkFolder(renderId), "outputs", output + ".json");

    private static void DeleteFolder(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>
    /// A job's scratch folder, removed however the job ends (success, failure, cancellation).
    /// Declared before the RenderRun that writes into it, so the run is disposed first.
    /// </summary>
    private sealed class Scratch(string path) : IDisposable
    {
        public string Path { get; } = path;

        public void Dispose()
        {
            try
            {
                DeleteFolder(Path);
            }
            catch (IOException)
            {
                // Best effort: a file still held open stays until finalise removes all scratch.
            }
        }
    }
}
