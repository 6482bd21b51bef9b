using RenderFarm.Core.Scenes;
using RenderFarm.Encoding.Probing;
using RenderFarm.Encoding.Video;
using RenderFarm.Rendering.Atlases;

namespace RenderFarm.Service.Renders;

/// <summary>The video stages a job server splits up: frame-range chunks rendered apart, then joined into the run folder.</summary>
public sealed partial class RenderRun
{
    /// <summary>
    /// Frames <paramref name="range"/> of one video into <paramref name="path"/>: a chunk, outside the run
    /// folder and the manifest, encoded with the video's own settings so the chunks join by stream copy.
    /// </summary>
    public Task<Mp4Result> RenderChunkAsync(VideoOutputSpec video, FrameRange range, string path, IProgress<RenderProgress>? progress, CancellationToken cancellation)
    {
        OpenDevice();
        ThumbnailAtlas? atlas = OutputDrawing.NeedsAtlas(video) ? Atlas(_device!, video) : null;
        return VideoOutput.WriteAsync(_device!, Samples(_device!), video, Layouts, atlas, Plan.Scene.Render.Background, path, range, progress, cancellation);
    }

    /// <summary>
    /// Joins a video's chunks, in frame order, into the run folder by stream copy and lists the video
    /// as if rendered here; <paramref name="renderSeconds"/> is what rendering the chunks took.
    /// </summary>
    public async Task<OutputFileEntry> JoinChunksAsync(VideoOutputSpec video, IReadOnlyList<string> chunks, double renderSeconds, CancellationToken cancellation)
    {
        _folder ??= RunFolder.Create(Path.Combine(_options.OutputRoot, Plan.Scene.Name), Plan.SceneHash, _started);
        string path = _folder.File(video.FileName);
        Clock.Add(new StageTiming($"output {video.Name}", renderSeconds));
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        Mp4Result joined = await Mp4ChunkJoiner.JoinAsync(chunks, path, cancellation).ConfigureAwait(false);
        Clock.Add(new StageTiming($"join {video.Name}", System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds));
        return await AddVideoAsync(video, path, joined.FrameCount, renderSeconds, cancellation).ConfigureAwait(false);
    }

    /// <summary>Probes a finished video (frames counted by decoding) and lists it among the manifest's files.</summary>
    private async Task<OutputFileEntry> AddVideoAsync(VideoOutputSpec video, string path, int frames, double seconds, CancellationToken cancellation)
    {
        long probeStart = System.Diagnostics.Stopwatch.GetTimestamp();
        VideoProbeResult probe = await VideoProbe.ProbeAsync(path, countFrames: true, cancellation).ConfigureAwait(false);
        Clock.Add(new StageTiming($"probe {video.Name}", System.Diagnostics.Stopwatch.GetElapsedTime(probeStart).TotalSeconds));
        OutputFileEntry entry = OutputFileEntry.Describe(video.Name, "video", path, _folder!.Path) with
        {
            Width = video.Width, Height = video.Height, Frames = frames, Seconds = seconds, Probe = probe,
        };
        _files.Add(entry);
        return entry;
    }
}
