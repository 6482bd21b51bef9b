using Cronos;

namespace RenderFarm.Core.Scenes;

/// <summary>
/// The <c>schedule:</c> section: when the render service re-renders the scene (a cron expression,
/// read in a time zone so "0 3 * * *" stays 03:00 local across daylight-saving changes).
/// </summary>
public sealed record ScheduleSpec
{
    /// <summary>Five fields (minute hour day month weekday), six with seconds first, or a macro such as @daily.</summary>
    public required string Cron { get; init; }

    /// <summary>A time zone id as the system knows it (IANA, e.g. Europe/Paris); UTC when the scene gives none.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Where the section is written, for errors found after loading (Hangfire refusing the cron, say).</summary>
    public SceneLocation Location { get; init; } = SceneLocation.None;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>The first firing after <paramref name="after"/>, or null when the expression never fires again (30 February).</summary>
    public DateTimeOffset? NextRun(DateTimeOffset after) => Parse(Cron).GetNextOccurrence(after, Zone);

    /// <summary>
    /// Parses as Hangfire does (Hangfire embeds this same Cronos parser): six fields mean seconds
    /// come first. Throws <see cref="CronFormatException"/> for anything Hangfire would refuse.
    /// </summary>
    public static CronExpression Parse(string cron) =>
        CronExpression.Parse(cron, cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
}
