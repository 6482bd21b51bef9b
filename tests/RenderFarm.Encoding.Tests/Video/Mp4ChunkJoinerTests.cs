using RenderFarm.Encoding.Probing;
using RenderFarm.Encoding.Video;
using RenderFarm.TestSupport;

namespace RenderFarm.Encoding.Tests.Video;

public sealed class Mp4ChunkJoinerTests
{
    private static readonly VideoEncodeOptions Options = new() { Width = 64, Height = 48, FramesPerSecond = 24, Crf = 23, Preset = "ultrafast" };

    [Fact]
    public async Task JoinAsync_ChunksOfFrameRanges_HasEveryFrameAndFastStart()
    {
        using var temp = new TempDirectory();
        var chunks = new List<string>();
        foreach (FrameRange range in FrameRange.Split(50, 20))
        {
            // A name with a quote checks the list file's escaping.
            string chunk = temp.File($"chunk's-{range.Start:D4}.mp4");
            await Mp4Writer.EncodeAsync(chunk, Options, range.Count, (i, pixels) => SyntheticFrames.Fill(range.Start + i, 64, 48, pixels));
            chunks.Add(chunk);
        }

        Mp4Result joined = await Mp4ChunkJoiner.JoinAsync(chunks, temp.File("joined.mp4"));

        Assert.Equal(50, joined.FrameCount);
        VideoProbeResult probe = await VideoProbe.ProbeAsync(joined.Path);
        Assert.Equal(("h264", "yuv420p", 50), (probe.Codec, probe.PixelFormat, probe.FrameCount));
        Assert.Equal(50 / 24.0, probe.DurationSeconds, 1);
        Assert.True(probe.FastStart);
        Assert.Equal(4, Directory.GetFiles(temp.Path).Length);
    }

    [Fact]
    public async Task JoinAsync_ChunksOfDifferentSizes_RefusedNamingTheChunk()
    {
        using var temp = new TempDirectory();
        string a = temp.File("a.mp4");
        string b = temp.File("b.mp4");
        await Mp4Writer.EncodeAsync(a, Options, 3, (i, pixels) => SyntheticFrames.Fill(i, 64, 48, pixels));
        await Mp4Writer.EncodeAsync(b, Options with { Width = 32, Height = 32 }, 3, (i, pixels) => SyntheticFrames.Fill(i, 32, 32, pixels));

        var error = await Assert.ThrowsAsync<EncodingException>(() => Mp4ChunkJoiner.JoinAsync([a, b], temp.File("joined.mp4")));

        Assert.Contains(b, error.Message);
        Assert.False(File.Exists(temp.File("joined.mp4")));
    }

    [Fact]
    public void Split_NotDivisible_CoversEveryFrameOnce()
    {
        Assert.Equal([new FrameRange(0, 4), new FrameRange(4, 4), new FrameRange(8, 2)], FrameRange.Split(10, 4));
        // A video shorter than one chunk is one chunk.
        Assert.Equal([new FrameRange(0, 10)], FrameRange.Split(10, 150));
    }
}
