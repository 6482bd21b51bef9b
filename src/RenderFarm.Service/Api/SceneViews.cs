namespace RenderFarm.Service.Api;

/// <summary>
/// A file of the scenes folder as GET /api/scenes shows it. <see cref="Name"/> is what POST
/// /api/renders and GET /api/scenes/{name} take; a file that does not load has only its
/// <see cref="Error"/> (file, line and key, as the CLI prints it).
/// </summary>
public sealed record SceneView(
    string Name, string Path, string? SceneName, string? Description, DatasetView? Dataset,
    IReadOnlyList<LayoutView> Layouts, IReadOnlyList<OutputView> Outputs, ScheduleView? Schedule, string? Error);

public sealed record DatasetView(string Kind, string Path, int? Limit);

public sealed record LayoutView(string Name, string Method);

/// <summary>An output of the scene: "image" or "video", its size and the file it writes in each run folder.</summary>
public sealed record OutputView(string Name, string Kind, int Width, int Height, string File);

/// <summary>
/// The scene's <c>schedule:</c> as written, whether this server registered it (keys added after
/// start-up wait for the next start), when Hangfire fires it next, and what its last firing did.
/// </summary>
public sealed record ScheduleView(
    string Cron, string TimeZone, bool Registered, DateTimeOffset? NextRunUtc,
    string? LastOutcome, string? LastRenderId, DateTimeOffset? LastCheckedUtc);
