using System.Diagnostics;
using FFMpegCore;
using RenderFarm.Encoding.Probing;

namespace RenderFarm.Encoding.Video;

/// <summary>
/// Joins MP4 chunks (each a standalone video of consecutive frames, encoded by <see cref="Mp4Writer"/>
/// with identical <see cref="VideoEncodeOptions"/>) into one MP4 by ffmpeg's concat demuxer and stream
/// copy: no re-encoding, so joining costs seconds. Chunk settings are checked first, because concat with
/// mismatched streams produces a file that plays wrongly instead of failing.
/// </summary>
public static class Mp4ChunkJoiner
{
    public static async Task<Mp4Result> JoinAsync(IReadOnlyList<string> chunkPaths, string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunkPaths);
        if (chunkPaths.Count == 0)
        {
            throw new EncodingException($"{outputPath}: no chunks to join.");
        }

        string finalPath = OutputPaths.PrepareFinal(outputPath, "video path");
        string ffmpeg = ExternalTools.Locate("ffmpeg");
        var clock = Stopwatch.StartNew();
        int frames = await CheckCompatibleAsync(chunkPaths, cancellationToken).ConfigureAwait(false);

        string tempPath = OutputPaths.TempBeside(finalPath);
        string listPath = tempPath + ".txt";
        var stderr = new StderrTail();
        try
        {
            // The concat demuxer resolves relative names against the list's folder, so write absolute ones;
            // in its quoting a ' is written '\'' as in a shell.
            await File.WriteAllLinesAsync(
                listPath,
                ["ffconcat version 1.0", .. chunkPaths.Select(p => $"file '{Path.GetFullPath(p).Replace("'", "'\\''", StringComparison.Ordinal)}'")],
                cancellationToken).ConfigureAwait(false);
            await FFMpegArguments
                .FromFileInput(listPath, verifyExists: false, input => input.WithCustomArgument("-f concat -safe 0"))
                .OutputToFile(tempPath, overwrite: true, output => output.WithCustomArgument("-c copy -movflags +faststart -f mp4 -hide_banner -loglevel warning"))
                .NotifyOnStandardError(stderr.Add)
                .CancellableThrough(cancellationToken)
                .ProcessAsynchronously(throwOnError: true, new FFOptions { BinaryFolder = Path.GetDirectoryName(ffmpeg)! })
                .ConfigureAwait(false);
            OutputPaths.Commit(tempPath, finalPath);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            OutputPaths.DeleteQuietly(tempPath);
            throw new EncodingException($"ffmpeg failed to join {chunkPaths.Count} chunks into {finalPath}: {e.Message}{Environment.NewLine}ffmpeg stderr:{Environment.NewLine}{stderr}", e);
        }
        catch
        {
            OutputPaths.DeleteQuietly(tempPath);
            throw;
        }
        finally
        {
            OutputPaths.DeleteQuietly(listPath);
        }

        return new Mp4Result(finalPath, frames, new FileInfo(finalPath).Length, clock.Elapsed);
    }

    /// <summary>Returns the total frame count (from the chunks' headers); throws naming the first chunk that differs.</summary>
    private static async Task<int> CheckCompatibleAsync(IReadOnlyList<string> chunkPaths, CancellationToken cancellationToken)
    {
        VideoProbeResult? first = null;
        int frames = 0;
        foreach (string chunk in chunkPaths)
        {
            VideoProbeResult probe = await VideoProbe.ProbeAsync(chunk, countFrames: false, cancellationToken).ConfigureAwait(false);
            frames += probe.FrameCount;
            if (first is null)
            {
                first = probe;
                continue;
            }

            if ((probe.Codec, probe.PixelFormat, probe.Width, probe.Height) != (first.Codec, first.PixelFormat, first.Width, first.Height)
                || Math.Abs(probe.FramesPerSecond - first.FramesPerSecond) > 1e-6)
            {
                throw new EncodingException(
                    $"{Path.GetFullPath(chunk)}: {Describe(probe)} differs from the first chunk's {Describe(first)}; chunks must share encoder settings.");
            }
        }

        return frames;
    }

    private static string Describe(VideoProbeResult probe) =>
        FormattableString.Invariant($"{probe.Codec} {probe.PixelFormat} {probe.Width}x{probe.Height} at {probe.FramesPerSecond:0.###} fps");
}
