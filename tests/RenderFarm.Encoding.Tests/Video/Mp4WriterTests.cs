using RenderFarm.Encoding.Probing;
using RenderFarm.Encoding.Video;
using RenderFarm.TestSupport;

namespace RenderFarm.Encoding.Tests.Video;

public sealed class Mp4WriterTests
{
    private static readonly VideoEncodeOptions Small = new() { Width = 64, Height = 48, FramesPerSecond = 25, Crf = 23, Preset = "ultrafast" };

    [Fact]
    public async Task EncodeAsync_SyntheticFrames_WritesPlayableH264WithFastStart()
    {
        using var temp = new TempDirectory();
        string path = temp.File("out/clip.mp4");

        Mp4Result result = await Mp4Writer.EncodeAsync(path, Small, 30, (i, pixels) => SyntheticFrames.Fill(i, 64, 48, pixels));

        Assert.Equal(Path.GetFullPath(path), result.Path);
        Assert.Equal(30, result.FrameCount);
        Assert.Equal(new FileInfo(path).Length, result.Bytes);
        VideoProbeResult probe = await VideoProbe.ProbeAsync(path);
        Assert.Equal("h264", probe.Codec);
        Assert.Equal("yuv420p", probe.PixelFormat);
        Assert.Equal((64, 48), (probe.Width, probe.Height));
        Assert.Equal(30, probe.FrameCount);
        Assert.Equal(25, probe.FramesPerSecond, 3);
        Assert.Equal(30 / 25.0, probe.DurationSeconds, 2);
        Assert.True(probe.FastStart);
        Assert.Single(Directory.GetFiles(temp.File("out")));
    }

    [Fact]
    public async Task RentAndSubmit_MoreFramesThanBuffers_ReusesThePool()
    {
        using var temp = new TempDirectory();
        string path = temp.File("pool.mp4");
        var seen = new HashSet<VideoFrame>(ReferenceEqualityComparer.Instance);

        await using (Mp4Writer writer = Mp4Writer.Start(path, Small with { BufferCount = 2 }))
        {
            for (int i = 0; i < 12; i++)
            {
                VideoFrame frame = await writer.RentFrameAsync();
                seen.Add(frame);
                SyntheticFrames.Fill(i, frame.Width, frame.Height, frame.Pixels);
                await writer.SubmitAsync(frame);
            }

            await writer.CompleteAsync();
        }

        Assert.Equal(2, seen.Count);
        Assert.Equal(12, (await VideoProbe.ProbeAsync(path)).FrameCount);
    }

    [Fact]
    public async Task EncodeAsync_RendererThrowsAtFrame5_LeavesNoFileAndNoTemp()
    {
        using var temp = new TempDirectory();
        string path = temp.File("broken.mp4");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Mp4Writer.EncodeAsync(path, Small, 20, (i, pixels) =>
        {
            if (i == 5)
            {
                throw new InvalidOperationException("renderer failed");
            }

            SyntheticFrames.Fill(i, 64, 48, pixels);
        }));

        Assert.Equal("renderer failed", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task EncodeAsync_Cancelled_LeavesNoFileAndNoTemp()
    {
        using var temp = new TempDirectory();
        using var cancel = new CancellationTokenSource();
        string path = temp.File("cancelled.mp4");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Mp4Writer.EncodeAsync(path, Small, 20, (i, pixels) =>
        {
            if (i == 3)
            {
                cancel.Cancel();
            }

            SyntheticFrames.Fill(i, 64, 48, pixels);
        }, cancel.Token));

        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task DisposeWithoutComplete_AfterFrames_LeavesNoFile()
    {
        using var temp = new TempDirectory();
        string path = temp.File("abandoned.mp4");

        await using (Mp4Writer writer = Mp4Writer.Start(path, Small))
        {
            for (int i = 0; i < 4; i++)
            {
                VideoFrame frame = await writer.RentFrameAsync();
                SyntheticFrames.Fill(i, 64, 48, frame.Pixels);
                await writer.SubmitAsync(frame);
            }
        }

        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task EncodeAsync_ExistingFileAndFailure_KeepsThePreviousFile()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("keep.mp4", [1, 2, 3]);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Mp4Writer.EncodeAsync(path, Small, 10, (i, _) => throw new InvalidOperationException("no frames today")));

        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData(65, 48)]
    [InlineData(64, 47)]
    public void Start_OddDimensions_RefusedBeforeFfmpegStarts(int width, int height)
    {
        using var temp = new TempDirectory();
        string path = temp.File("odd.mp4");

        var error = Assert.Throws<EncodingException>(() => Mp4Writer.Start(path, Small with { Width = width, Height = height }));

        Assert.Contains($"{width}x{height}", error.Message);
        Assert.Contains("even", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData("preset", "turbo")]
    [InlineData("crf", "60")]
    [InlineData("fps", "0")]
    public void Validate_BadOption_NamesTheOption(string option, string value)
    {
        VideoEncodeOptions options = option switch
        {
            "preset" => Small with { Preset = value },
            "crf" => Small with { Crf = int.Parse(value) },
            _ => Small with { FramesPerSecond = double.Parse(value) },
        };

        var error = Assert.Throws<EncodingException>(options.Validate);

        Assert.StartsWith(option, error.Message);
    }

    [Fact]
    public async Task Start_FfmpegRejectsTheOutput_ErrorIncludesStderrAndNoFileRemains()
    {
        using var temp = new TempDirectory();
        string path = temp.File("rejected.mp4");
        // A real ffmpeg run that fails before it reads a frame: the last -c:v names no encoder.
        await using Mp4Writer writer = Mp4Writer.Start(path, Small with { ExtraOutputArguments = "-c:v nosuchcodec" });

        var error = await Assert.ThrowsAsync<EncodingException>(async () =>
        {
            for (int i = 0; i < 50; i++)
            {
                VideoFrame frame = await writer.RentFrameAsync();
                await writer.SubmitAsync(frame);
            }

            await writer.CompleteAsync();
        });

        Assert.Contains("ffmpeg", error.Message);
        Assert.Contains(path, error.Message);
        Assert.Contains("nosuchcodec", error.Message);
        Assert.False(File.Exists(path));
        await writer.DisposeAsync();
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }
}
