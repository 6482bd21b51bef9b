using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using RenderFarm.Core.Artifacts;

namespace RenderFarm.Service.Jobs;

/// <summary>
/// Render records as JSON files under the output root, <c>OUTPUT/.renders/&lt;id&gt;/render.json</c>,
/// each written atomically (temp file, then rename). A file rather than Hangfire job parameters
/// because the output root is already shared by every machine that renders (they write the
/// outputs there), records outlive in-memory storage across restarts, and the API can list renders
/// without scanning Hangfire's job history. Only the API writes records; jobs only read them.
/// </summary>
public sealed partial class RenderStore(string outputRoot)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Root { get; } = Path.Combine(outputRoot, ".renders");

    /// <summary>A new id: the UTC time (so ids sort by submission) and 6 random hex digits.</summary>
    public static string NewId(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    /// <summary>Ids come from URLs: only this exact shape is ever turned into a path.</summary>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    /// <summary>Scratch and bookkeeping of one render: the record, an inline scene, per-output staging.</summary>
    public string WorkFolder(string id) => Path.Combine(Root, CheckedId(id));

    public void Save(RenderRecord record)
    {
        Directory.CreateDirectory(WorkFolder(record.Id));
        AtomicFile.WriteAllText(RecordPath(record.Id), JsonSerializer.Serialize(record, Json));
    }

    public RenderRecord? Find(string id)
    {
        if (!IsValidId(id) || !File.Exists(RecordPath(id)))
        {
            return null;
        }

        return JsonSerializer.Deserialize<RenderRecord>(File.ReadAllText(RecordPath(id)), Json);
    }

    public RenderRecord Get(string id) =>
        Find(id) ?? throw new InvalidOperationException($"render {id} has no record under {Root}");

    /// <summary>The newest renders first (ids sort by time).</summary>
    public IReadOnlyList<RenderRecord> Recent(int offset, int limit)
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return Directory.GetDirectories(Root)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(IsValidId)
            .OrderDescending(StringComparer.Ordinal)
            .Skip(offset)
            .Take(limit)
            .Select(Find)
            .OfType<RenderRecord>()
            .ToArray();
    }

    private string RecordPath(string id) => Path.Combine(WorkFolder(id), "render.json");

    private static string CheckedId(string id) =>
        IsValidId(id) ? id : throw new ArgumentException($"'{id}' is not a render id", nameof(id));

    [GeneratedRegex(@"^\d{8}T\d{6}Z-[0-9a-f]{6}$")]
    private static partial Regex IdPattern();
}
