using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace RenderFarm.Encoding.Probing;

/// <summary>Runs ffprobe on a video file (for tests and render manifests).</summary>
public static class VideoProbe
{
    /// <param name="countFrames">Decode the stream to count frames exactly (ffprobe -count_frames); otherwise trust the header.</param>
    public static async Task<VideoProbeResult> ProbeAsync(string path, bool countFrames = true, CancellationToken cancellationToken = default)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new EncodingException($"{full}: no such video file.");
        }

        var start = new ProcessStartInfo(ExternalTools.Locate("ffprobe"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string frames = countFrames ? "nb_read_frames" : "nb_frames";
        foreach (string argument in new[]
                 {
                     "-v", "error", "-select_streams", "v:0", countFrames ? "-count_frames" : "-hide_banner",
                     "-show_entries", $"stream=codec_name,pix_fmt,width,height,{frames},r_frame_rate,duration:format=duration",
                     "-of", "json", full,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new EncodingException($"{full}: ffprobe did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string json = await output.ConfigureAwait(false);
        string stderr = await errors.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new EncodingException($"{full}: ffprobe failed (exit {process.ExitCode}): {stderr.Trim()}");
        }

        return Parse(full, json, frames);
    }

    private static VideoProbeResult Parse(string path, string json, string framesField)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        if (!root.TryGetProperty("streams", out JsonElement streams) || streams.GetArrayLength() == 0)
        {
            throw new EncodingException($"{path}: ffprobe found no video stream.");
        }

        JsonElement stream = streams[0];
        string duration = Text(stream, "duration") ?? (root.TryGetProperty("format", out JsonElement format) ? Text(format, "duration") : null) ?? "0";
        return new VideoProbeResult(
            Text(stream, "codec_name") ?? "",
            Text(stream, "pix_fmt") ?? "",
            stream.GetProperty("width").GetInt32(),
            stream.GetProperty("height").GetInt32(),
            int.Parse(Text(stream, framesField) ?? "0", CultureInfo.InvariantCulture),
            double.Parse(duration, CultureInfo.InvariantCulture),
            Rational(Text(stream, "r_frame_rate") ?? "0/1"),
            Mp4Boxes.IsFastStart(path));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) ? value.ToString() : null;

    private static double Rational(string text)
    {
        string[] parts = text.Split('/');
        double numerator = double.Parse(parts[0], CultureInfo.InvariantCulture);
        double denominator = parts.Length > 1 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : 1;
        return denominator == 0 ? 0 : numerator / denominator;
    }
}
