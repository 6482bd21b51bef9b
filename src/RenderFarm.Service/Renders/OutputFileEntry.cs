using System.Security.Cryptography;

namespace RenderFarm.Service.Renders;

/// <summary>One file a run wrote, as the manifest lists it: enough to check a download or a copy.</summary>
public sealed record OutputFileEntry(string Output, string File, string Kind, long Bytes, string Sha256)
{
    public int? Width { get; init; }
    public int? Height { get; init; }
    public int? Frames { get; init; }
    public double? Seconds { get; init; }

    /// <summary>Videos: what ffprobe reads back from the finished file (codec, pixel format, frames counted by decoding, faststart).</summary>
    public RenderFarm.Encoding.Probing.VideoProbeResult? Probe { get; init; }

    /// <summary>Describes a finished file; <paramref name="path"/> is recorded relative to <paramref name="runFolder"/>.</summary>
    public static OutputFileEntry Describe(string output, string kind, string path, string runFolder)
    {
        using var stream = System.IO.File.OpenRead(path);
        string sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        return new OutputFileEntry(output, Path.GetRelativePath(runFolder, path), kind, stream.Length, sha);
    }
}
