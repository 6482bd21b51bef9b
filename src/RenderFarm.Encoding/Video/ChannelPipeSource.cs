using System.Globalization;
using System.Threading.Channels;
using FFMpegCore.Pipes;

namespace RenderFarm.Encoding.Video;

/// <summary>
/// Feeds submitted frames into ffmpeg's input pipe and hands each buffer back to the pool once written.
/// Our own <see cref="IPipeSource"/> rather than <see cref="RawVideoPipeSource"/>: that one pulls its
/// first frame synchronously while ffmpeg's arguments are built and its enumerator can only wait for the
/// producer by blocking a thread; this one knows the format up front and awaits the channel.
/// </summary>
internal sealed class ChannelPipeSource(
    ChannelReader<VideoFrame> submitted,
    ChannelWriter<VideoFrame> free,
    VideoEncodeOptions options) : IPipeSource
{
    private int written;

    public int FramesWritten => Volatile.Read(ref written);

    public string GetStreamArguments() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"-f rawvideo -pix_fmt rgba -s {options.Width}x{options.Height} -r {options.FramesPerSecond}");

    public async Task WriteAsync(Stream outputStream, CancellationToken cancellationToken)
    {
        // A channel completed with an exception (the producer failed or gave up) throws here, which makes
        // FFMpegCore's run fail rather than end as a shorter, valid-looking video.
        await foreach (VideoFrame frame in submitted.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await outputStream.WriteAsync(frame.Memory, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref written);
            free.TryWrite(frame);
        }
    }
}
