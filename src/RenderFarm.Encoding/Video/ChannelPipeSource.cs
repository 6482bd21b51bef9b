using System.Globalization;
using System.Threading.Channels;
using FFMpegCore.Pipes;

namespace RenderFarm.Encoding.Video;

/// <summary>
/// Feeds submitted frames into ffmpeg's input pipe and hands each buffer back to the pool once written.
/// Our own <see cref="IPipeSource"/> rather than <see cref="RawVideoPipeSource"/>: that one pulls its
/// first frame synchronously while ffmpeg's arguments are built and its enumerator can only wait for the
/// producer by blocking a thread; this one knows the format up front and waits on the channel.
/// </summary>
/// <remarks>
/// The frames go out from a thread of their own with blocking writes. Awaited writes ran their
/// continuations on the thread pool, which the renderer fills with its own parallel loops: the pipe
/// then stood still while a frame was drawn, ffmpeg starved, and rendering and encoding took turns
/// instead of overlapping (render + encode took longer than the two apart).
/// </remarks>
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

    public Task WriteAsync(Stream outputStream, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pump = new Thread(() =>
        {
            try
            {
                Pump(outputStream, cancellationToken);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "ffmpeg input",
        };
        pump.Start();
        return done.Task;
    }

    private void Pump(Stream outputStream, CancellationToken cancellationToken)
    {
        // A channel completed with an exception (the producer failed or gave up) throws here, which makes
        // FFMpegCore's run fail rather than end as a shorter, valid-looking video.
        while (submitted.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
        {
            while (submitted.TryRead(out VideoFrame? frame))
            {
                cancellationToken.ThrowIfCancellationRequested();
                outputStream.Write(frame.Memory.Span);
                Interlocked.Increment(ref written);
                free.TryWrite(frame);
            }
        }
    }
}
