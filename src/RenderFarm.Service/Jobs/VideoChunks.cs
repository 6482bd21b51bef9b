using System.Text.Json;
using RenderFarm.Core.Artifacts;
using RenderFarm.Encoding.Video;

namespace RenderFarm.Service.Jobs;

/// <summary>What a chunk job leaves behind: the frames it covered and what rendering them took, read by the join.</summary>
public sealed record ChunkDone(int Start, int Count, int Frames, double Seconds);

/// <summary>
/// The chunks of one video of a render, <c>OUTPUT/.renders/&lt;id&gt;/chunks/&lt;output&gt;/</c>: each chunk's
/// MP4 (written to a temp file and renamed by <see cref="Mp4Writer"/>) and its done flag, written
/// atomically after the MP4. A chunk counts as done only with both, so a chunk whose worker died
/// between the two, or whose video went missing, is rendered again; one delivered twice finds its
/// flag and skips the frames. Every machine sees the same files (the output root is shared).
/// </summary>
public sealed class VideoChunks(string workFolder, string output)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Folder { get; } = Path.Combine(RootOf(workFolder), output);

    /// <summary>Every video's chunks of one render, removed once no join will take them (finalise, a cancellation).</summary>
    public static string RootOf(string workFolder) => Path.Combine(workFolder, "chunks");

    public string Video(int chunk) => Path.Combine(Folder, $"{chunk:D5}.mp4");

    public bool IsDone(int chunk) => File.Exists(DoneFlag(chunk)) && File.Exists(Video(chunk));

    public bool AllDone(int chunks) => Enumerable.Range(0, chunks).All(IsDone);

    public void MarkDone(int chunk, FrameRange range, Mp4Result result) =>
        AtomicFile.WriteAllText(DoneFlag(chunk), JsonSerializer.Serialize(new ChunkDone(range.Start, range.Count, result.FrameCount, result.Elapsed.TotalSeconds), Json));

    public ChunkDone Read(int chunk) =>
        JsonSerializer.Deserialize<ChunkDone>(File.ReadAllText(DoneFlag(chunk)), Json)
        ?? throw new InvalidDataException($"{DoneFlag(chunk)}: not a chunk's done flag");

    private string DoneFlag(int chunk) => Path.Combine(Folder, $"{chunk:D5}.done.json");
}
