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

    /// <summary>Five-field cron (Hangfire's Cronos dialect), evaluated in <see cref="TimeZone"/>.</summary>
    public required string Cron { get; init; }

    /// <summary>The zone the cron is read in (IANA id); null: UTC.</summary>
    public string? TimeZone { get; init; }

    /// <summary>
    /// The scene file whose <c>schedule:</c> key made this schedule, or null for one made through
    /// POST /api/schedules. Start-up keeps these in step with the files: a removed key removes the schedule.
    /// </summary>
    public string? DeclaredIn { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    /// <summary>The dataset fingerprint the last started render saw (<see cref="DatasetFingerprint"/>).</summary>
    public string? LastDatasetHash { get; init; }

    public string? LastRenderId { get; init; }

    public DateTimeOffset? LastCheckedUtc { get; init; }

    /// <summary>What the last firing did: "rendering ID", "skipped: ...".</summary>
    public string? LastOutcome { get; init; }

    public string RecurringJobId => "schedule-" + Name;
}
