using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage.Monitoring;
using RenderFarm.Encoding;
using RenderFarm.Encoding.Probing;
using RenderFarm.Service.Api;
using RenderFarm.Service.Jobs;
using RenderFarm.Service.Renders;
using RenderFarm.Service.Tests.Cli;
using RenderFarm.Service.Tests.Server;
using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Jobs;

/// <summary>
/// Videos split into frame-range chunk jobs on in-memory storage: the join has every frame, the
/// very frames a single `renderfarm render` makes, and a chunk delivered twice joins nothing twice.
/// </summary>
public sealed class ChunkedVideoTests : IAsyncLifetime
{
    private const int FramesPerChunk = 30;
    private const int Frames = 100;

    /// <summary>
    /// 10 s at 10 fps in chunks of 30: boundaries at a hold's end, mid-morph and mid-fade, with every
    /// overlay on. Lossless (crf 0), so decoded frames are the rendered frames and can be compared exactly.
    /// </summary>
    private static readonly string Scene = ServiceScenes.Scene("chunked", """
          movie:
            layout: pca
            size: [160, 96]
            fps: 10
            crf: 0
            preset: ultrafast
            overlays: {title: Chunks, legend: true, cluster_labels: true, caption: true}
            timeline:
              - hold: {seconds: 3}
              - morph: {to: grid, seconds: 4}
              - fade: {overlay: title, to: 0, seconds: 3}
        """);

    private readonly RunningServer _server = RunningServer.With(s => s with { FramesPerChunk = FramesPerChunk });
    private readonly TempDirectory _dir = new("renderfarm-chunks");

    public Task InitializeAsync() => _server.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task AVideoInChunksJoinsIntoTheFramesOfAWholeRender_Once()
    {
        HttpResponseMessage response = await _server.Submit(Scene);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        RenderView submitted = (await response.Content.ReadFromJsonAsync<RenderView>())!;
        Assert.Equal(["embed", "layouts", "chunk movie 1/4", "chunk movie 2/4", "chunk movie 3/4", "chunk movie 4/4", "join movie", "finalise"],
            submitted.Jobs.Select(j => j.Stage));
        Assert.Equal([ParkedState.StateName, ParkedState.StateName], submitted.Jobs.TakeLast(2).Select(j => j.State));

        RenderView done = await _server.WaitFor(submitted.Id, v => v.State is "failed" or "cancelled" || (v.State == "succeeded" && v.Jobs.All(j => j.State == "Succeeded")));

        Assert.True(done.State == "succeeded", JsonSerializer.Serialize(done));
        Assert.Equal(["manifest.json", "movie.mp4"], done.Files.Select(f => f.Name));
        RenderRecord record = new RenderStore(_server.Settings.OutputRoot).Get(done.Id);
        string movie = Path.Combine(record.RunFolder, "movie.mp4");
        VideoProbeResult probe = await VideoProbe.ProbeAsync(movie, countFrames: true);
        Assert.Equal(Frames, probe.FrameCount);
        Assert.InRange(probe.DurationSeconds, (Frames - 1) / 10.0, (Frames + 1) / 10.0);
        Assert.True(probe.FastStart, "the joined video does not start with its moov box");
        using JsonDocument manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(record.RunFolder, RenderManifest.FileName)));
        Assert.Equal(Frames, manifest.RootElement.GetProperty("files").EnumerateArray().Single().GetProperty("frames").GetInt32());
        string[] stages = manifest.RootElement.GetProperty("timings").EnumerateArray().Select(t => t.GetProperty("stage").GetString()!).ToArray();
        Assert.Equal(["output movie", "join movie", "probe movie"], stages.SkipWhile(s => s != "output movie"));

        IReadOnlyList<string> log = RenderFanIn.ReadLog(new RenderStore(_server.Settings.OutputRoot), done.Id);
        Assert.Single(log, l => l.Contains(" released join movie ", StringComparison.Ordinal));
        Assert.Single(log, l => l.Contains(" committed movie: movie.mp4 (100 frames)", StringComparison.Ordinal));
        Assert.Single(log, l => l.Contains(" released finalise ", StringComparison.Ordinal));
        Assert.Equal(Path.GetFullPath(record.RunFolder), LatestPointer.Read(Path.GetDirectoryName(record.RunFolder)!));
        Assert.False(Directory.Exists(Path.Combine(_server.Settings.OutputRoot, ".renders", done.Id, "chunks")), "finalise left the chunks");

        // The same scene as one video by the command line: every frame identical, across every chunk boundary.
        string scenePath = _dir.File("chunked.yaml");
        await File.WriteAllTextAsync(scenePath, Scene);
        CliRun whole = CliRun.Of("render", scenePath, "--output", _dir.File("out"), "--cache", _dir.File("cache"));
        Assert.True(whole.ExitCode == 0, whole.ToString());
        string wholeMovie = Path.Combine(LatestPointer.Read(_dir.File("out/chunked"))!, "movie.mp4");
        byte[] expected = await DecodeAsync(wholeMovie);
        byte[] actual = await DecodeAsync(movie);
        int frameBytes = 160 * 96 * 3 / 2;
        Assert.Equal(Frames * frameBytes, expected.Length);
        Assert.Equal(expected.Length, actual.Length);
        int firstDifferent = Enumerable.Range(0, Frames).FirstOrDefault(f => !expected.AsSpan(f * frameBytes, frameBytes).SequenceEqual(actual.AsSpan(f * frameBytes, frameBytes)), -1);
        Assert.True(firstDifferent < 0, $"frame {firstDifferent} of the joined video differs from the whole render's");
    }

    [Fact]
    public async Task AChunkDeliveredTwiceDoesNotEnqueueASecondJoin()
    {
        HttpResponseMessage response = await _server.Submit(Scene);
        RenderView submitted = (await response.Content.ReadFromJsonAsync<RenderView>())!;
        string layouts = submitted.Jobs.Single(j => j.Stage == "layouts").JobId;
        // A second delivery of the first and of the last chunk, queued behind the originals as a
        // re-delivery after a lost heartbeat would be: one finds its done flag, the other comes
        // after the join was released.
        var client = new BackgroundJobClient(_server.Storage);
        string again = client.ContinueJobWith<RenderJobs>(layouts, j => j.ChunkAsync(submitted.Id, "movie", 0, FramesPerChunk, null, CancellationToken.None));
        string last = submitted.Jobs.Single(j => j.Stage == "chunk movie 4/4").JobId;
        string lastAgain = client.ContinueJobWith<RenderJobs>(last, j => j.ChunkAsync(submitted.Id, "movie", 3, FramesPerChunk, null, CancellationToken.None));

        RenderView done = await _server.WaitFor(submitted.Id, v => v.State is "failed" or "cancelled" || (v.State == "succeeded" && v.Jobs.All(j => j.State == "Succeeded")));
        await RunningServer.Poll(() => Task.FromResult(new[] { again, lastAgain }.Select(State).ToArray()), s => s.All(x => x is "Succeeded" or "Failed"));

        Assert.True(done.State == "succeeded", JsonSerializer.Serialize(done));
        Assert.Equal(["Succeeded", "Succeeded"], new[] { again, lastAgain }.Select(State));
        IReadOnlyList<string> log = RenderFanIn.ReadLog(new RenderStore(_server.Settings.OutputRoot), done.Id);
        Assert.Single(log, l => l.Contains(" released join movie ", StringComparison.Ordinal));
        Assert.Single(log, l => l.Contains(" committed movie:", StringComparison.Ordinal));
        string join = done.Jobs.Single(j => j.Stage == "join movie").JobId;
        JobDetailsDto details = _server.Storage.GetMonitoringApi().JobDetails(join);
        Assert.Single(details.History, h => h.StateName == "Processing");
        Assert.Single(details.History, h => h.StateName == "Enqueued");
        VideoProbeResult probe = await VideoProbe.ProbeAsync(Path.Combine(_server.Settings.OutputRoot, "chunked", done.Id, "movie.mp4"), countFrames: true);
        Assert.Equal(Frames, probe.FrameCount);
    }

    private string? State(string jobId)
    {
        using var connection = _server.Storage.GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    /// <summary>Every frame of a video as raw yuv420p, decoded by ffmpeg.</summary>
    private static async Task<byte[]> DecodeAsync(string video)
    {
        var start = new ProcessStartInfo(ExternalTools.Locate("ffmpeg")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "-v", "error", "-i", video, "-f", "rawvideo", "-pix_fmt", "yuv420p", "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var frames = new MemoryStream();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.BaseStream.CopyToAsync(frames);
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await errors);
        return frames.ToArray();
    }
}
