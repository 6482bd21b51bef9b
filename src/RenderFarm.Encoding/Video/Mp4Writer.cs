using System.Diagnostics;
using System.Threading.Channels;
using FFMpegCore;

namespace RenderFarm.Encoding.Video;

/// <summary>
/// Streams RGBA8 frames into an H.264 MP4 through ffmpeg while the caller renders the next one.
/// A small pool of frame buffers and a bounded queue give the overlap without a per-frame allocation:
/// <code>
/// await using var writer = Mp4Writer.Start(path, options, ct);
/// for (...) { VideoFrame frame = await writer.RentFrameAsync(ct); Render(frame.Pixels); await writer.SubmitAsync(frame, ct); }
/// Mp4Result result = await writer.CompleteAsync();
/// </code>
/// ffmpeg writes a temp file beside <c>path</c>; only <see cref="CompleteAsync"/> renames it into place.
/// Disposing without completing (an exception in the caller, cancellation) or any ffmpeg failure deletes
/// the temp file, so nothing ever appears at <c>path</c> unless the whole video was encoded.
/// </summary>
public sealed class Mp4Writer : IAsyncDisposable
{
    private readonly Channel<VideoFrame> free;
    private readonly Channel<VideoFrame> submitted;
    private readonly ChannelPipeSource source;
    private readonly CancellationTokenSource abort;
    private readonly StderrTail stderr = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Task encoding;
    private int submittedCount;
    private bool finished;

    private Mp4Writer(string finalPath, VideoEncodeOptions options, string ffmpegFolder, CancellationToken cancellationToken)
    {
        FinalPath = finalPath;
        TempPath = OutputPaths.TempBeside(finalPath);
        Options = options;
        free = Channel.CreateBounded<VideoFrame>(options.BufferCount);
        for (int i = 0; i < options.BufferCount; i++)
        {
            free.Writer.TryWrite(new VideoFrame(options.Width, options.Height));
        }

        // One fewer queued than pooled: one buffer is always either being filled or in the pipe.
        submitted = Channel.CreateBounded<VideoFrame>(new BoundedChannelOptions(options.BufferCount) { SingleReader = true });
        source = new ChannelPipeSource(submitted.Reader, free.Writer, options);
        abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        encoding = Task.Run(() => EncodeAsync(ffmpegFolder));
    }

    public string FinalPath { get; }

    internal string TempPath { get; }

    public VideoEncodeOptions Options { get; }

    /// <summary>Validates everything (options, ffmpeg present) before starting ffmpeg.</summary>
    public static Mp4Writer Start(string path, VideoEncodeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        string finalPath = OutputPaths.PrepareFinal(path, "video path");
        string ffmpeg = ExternalTools.Locate("ffmpeg");
        cancellationToken.ThrowIfCancellationRequested();
        return new Mp4Writer(finalPath, options, Path.GetDirectoryName(ffmpeg)!, cancellationToken);
    }

    /// <summary>
    /// Encodes <paramref name="frameCount"/> frames, calling <paramref name="render"/>(index, pixels) for
    /// each; rendering of frame i+1 overlaps the encoding of frame i.
    /// </summary>
    public static async Task<Mp4Result> EncodeAsync(
        string path, VideoEncodeOptions options, int frameCount, Action<int, Span<byte>> render, CancellationToken cancellationToken = default)
    {
        if (frameCount <= 0)
        {
            throw new EncodingException($"frame count {frameCount}: a video needs at least one frame.");
        }

        await using Mp4Writer writer = Start(path, options, cancellationToken);
        for (int i = 0; i < frameCount; i++)
        {
            VideoFrame frame = await writer.RentFrameAsync(cancellationToken).ConfigureAwait(false);
            render(i, frame.Pixels);
            await writer.SubmitAsync(frame, cancellationToken).ConfigureAwait(false);
        }

        return await writer.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>A free frame buffer (its old pixels are still there); waits while every buffer is queued.</summary>
    public async ValueTask<VideoFrame> RentFrameAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfFinished();
        try
        {
            return await free.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The pool closes only when ffmpeg stopped: surface why.
            await encoding.ConfigureAwait(false);
            throw new EncodingException($"{FinalPath}: ffmpeg stopped before the video was complete.");
        }
    }

    /// <summary>Queues a filled frame for encoding; the buffer belongs to the writer again afterwards.</summary>
    public async ValueTask SubmitAsync(VideoFrame frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ThrowIfFinished();
        if (frame.Width != Options.Width || frame.Height != Options.Height)
        {
            throw new ArgumentException($"frame is {frame.Width}x{frame.Height}, the video {Options.Width}x{Options.Height}.", nameof(frame));
        }

        try
        {
            await submitted.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            submittedCount++;
        }
        catch (ChannelClosedException)
        {
            await encoding.ConfigureAwait(false);
            throw new EncodingException($"{FinalPath}: ffmpeg stopped before the video was complete.");
        }
    }

    /// <summary>Ends the video: waits for ffmpeg, then renames the temp file to the final path.</summary>
    public async Task<Mp4Result> CompleteAsync()
    {
        ThrowIfFinished();
        finished = true;
        submitted.Writer.TryComplete();
        try
        {
            await encoding.ConfigureAwait(false);
            if (submittedCount == 0)
            {
                throw new EncodingException($"{FinalPath}: no frame was submitted.");
            }

            OutputPaths.Commit(TempPath, FinalPath);
        }
        catch
        {
            OutputPaths.DeleteQuietly(TempPath);
            throw;
        }

        return new Mp4Result(FinalPath, submittedCount, new FileInfo(FinalPath).Length, clock.Elapsed);
    }

    /// <summary>Without <see cref="CompleteAsync"/>: stops ffmpeg and deletes the temp file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!finished)
        {
            finished = true;
            submitted.Writer.TryComplete(new OperationCanceledException("the video was abandoned before it was complete"));
            await abort.CancelAsync().ConfigureAwait(false);
            try
            {
                await encoding.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The caller's own exception is the one that matters; ffmpeg's is a consequence of the abort.
            }

            OutputPaths.DeleteQuietly(TempPath);
        }

        abort.Dispose();
    }

    private async Task EncodeAsync(string ffmpegFolder)
    {
        try
        {
            await FFMpegArguments
                .FromPipeInput(source)
                .OutputToFile(TempPath, overwrite: true, output => output.WithCustomArgument(Options.OutputArguments()))
                .NotifyOnStandardError(stderr.Add)
                .CancellableThrough(abort.Token)
                .ProcessAsynchronously(throwOnError: true, new FFOptions { BinaryFolder = ffmpegFolder })
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !abort.IsCancellationRequested)
        {
            // A broken pipe or a non-zero exit: ffmpeg's own words say why (bad option, disk full...).
            var failure = new EncodingException(
                $"ffmpeg failed to encode {FinalPath} after {source.FramesWritten} frames: {e.Message}{Environment.NewLine}ffmpeg stderr:{Environment.NewLine}{stderr}", e);
            free.Writer.TryComplete(failure);
            submitted.Writer.TryComplete(failure);
            throw failure;
        }
        catch
        {
            free.Writer.TryComplete();
            throw;
        }
    }

    private void ThrowIfFinished()
    {
        if (finished)
        {
            throw new InvalidOperationException($"{FinalPath}: the video is already completed or abandoned.");
        }
    }
}
