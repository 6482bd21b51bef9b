using Hangfire.States;
using RenderFarm.Service.Jobs;

namespace RenderFarm.Service.Tests.Jobs;

public sealed class ChunkedVideoProgressTests
{
    [Fact]
    public void AVideosProgressCountsEveryChunkAndItsEtaSharesTheWaitingOnesAmongTheRunningWorkers()
    {
        JobStatus[] jobs =
        [
            new("layouts", "1", SucceededState.StateName, null),
            Chunk(0, SucceededState.StateName, null),
            Chunk(1, ProcessingState.StateName, Running(percent: 50, eta: 10)),
            Chunk(2, ProcessingState.StateName, Running(percent: 20, eta: 16)),
            Chunk(3, EnqueuedState.StateName, null),
            new(RenderChain.JoinStage("movie"), "9", "Parked", null),
        ];

        var progress = ChunkedVideoProgress.Of(jobs[2], jobs);

        Assert.NotNull(progress);
        Assert.Equal("movie: 1 of 4 chunks done, 2 rendering", progress.Value.Stage);
        Assert.Equal(100 * (1 + 0.5 + 0.2) / 4, progress.Value.Percent, 6);
        // Chunks projected at 20 s (10 s left at 50 %) and 20 s (16 s left at 20 %): the longest
        // running one's 16 s, then the one waiting chunk's 20 s shared by two workers.
        Assert.Equal(16 + (1 * 20.0 / 2), progress.Value.EtaSeconds!.Value, 6);
    }

    [Fact]
    public void OtherStagesAreNotChunks()
    {
        var layouts = new JobStatus("layouts", "1", ProcessingState.StateName, Running(percent: 30, eta: 5));

        Assert.Null(ChunkedVideoProgress.Of(layouts, [layouts]));
        Assert.False(RenderChain.TryParseChunkStage("join movie", out _, out _));
        Assert.True(RenderChain.TryParseChunkStage(RenderChain.ChunkStage("my-video", 4, 12), out string output, out int chunks));
        Assert.Equal(("my-video", 12), (output, chunks));
    }

    private static JobStatus Chunk(int chunk, string state, JobProgressSnapshot? progress) =>
        new(RenderChain.ChunkStage("movie", chunk, 4), (chunk + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), state, progress);

    private static JobProgressSnapshot Running(double percent, double eta) =>
        new() { Stage = "movie: frames", Percent = percent, EtaSeconds = eta, Ended = false };
}
