using System.Text.Json;
using System.Text.RegularExpressions;
using RenderFarm.Core;
using RenderFarm.Core.Artifacts;

namespace RenderFarm.Service.Jobs;

/// <summary>Schedules as <c>OUTPUT/.schedules/&lt;name&gt;.json</c>, one file each, written atomically.</summary>
public sealed partial class ScheduleStore(string outputRoot)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Root { get; } = Path.Combine(outputRoot, ".schedules");

    /// <summary>Names become file names and job ids: a letter or digit, then letters, digits, '.', '_', '-' (as scene names).</summary>
    public static void CheckName(string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new RenderFarmException($"schedule name '{name}': use a letter or digit, then letters, digits, '.', '_' or '-' (at most 64).");
        }
    }

    public void Save(ScheduleRecord schedule)
    {
        CheckName(schedule.Name);
        Directory.CreateDirectory(Root);
        AtomicFile.WriteAllText(PathOf(schedule.Name), JsonSerializer.Serialize(schedule, Json));
    }

    public ScheduleRecord? Find(string name) =>
        NamePattern().IsMatch(name) && File.Exists(PathOf(name))
            ? JsonSerializer.Deserialize<ScheduleRecord>(File.ReadAllText(PathOf(name)), Json)
            : null;

    public IReadOnlyList<ScheduleRecord> All() =>
        Directory.Exists(Root)
            ? Directory.GetFiles(Root, "*.json").Where(f => !AtomicFile.IsTempFile(f)).Order(StringComparer.Ordinal)
                .Select(f => Find(Path.GetFileNameWithoutExtension(f))).OfType<ScheduleRecord>().ToArray()
            : [];

    public bool Delete(string name)
    {
        if (Find(name) is null)
        {
            return false;
        }

        File.Delete(PathOf(name));
        return true;
    }

    private string PathOf(string name) => Path.Combine(Root, name + ".json");

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
