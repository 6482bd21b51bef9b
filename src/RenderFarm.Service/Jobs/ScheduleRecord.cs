namespace RenderFarm.Service.Jobs;

/// <summary>
/// A scene re-rendered on a cron schedule when its dataset changed. Kept as a file (see
/// <see cref="ScheduleStore"/>) because in-memory Hangfire forgets recurring jobs on restart: the
/// service registers them again from these files at start-up.
/// </summary>
public sealed record ScheduleRecord
{
    public required string Name { get; init; }

    public required string ScenePath { get; init; }

    /// <summary>Five-field cron (Hangfire's Cronos dialect), evaluated in UTC.</summary>
    public required string Cron { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    /// <summary>The dataset fingerprint the last started render saw (<see cref="DatasetFingerprint"/>).</summary>
    public string? LastDatasetHash { get; init; }

    public string? LastRenderId { get; init; }

    public DateTimeOffset? LastCheckedUtc { get; init; }

    /// <summary>What the last firing did: "rendering ID", "skipped: ...".</summary>
    public string? LastOutcome { get; init; }

    public string RecurringJobId => "schedule-" + Name;
}
