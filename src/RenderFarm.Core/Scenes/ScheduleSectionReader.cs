using Cronos;

namespace RenderFarm.Core.Scenes;

/// <summary>
/// Reads <c>schedule: {cron: "0 3 * * *", time_zone: Europe/Paris}</c>. The cron is parsed and the
/// zone looked up here, so a scene that would never fire, or fire at the wrong hour, is refused at
/// its line by `validate`, `render` and the service alike, not at the first missed night.
/// </summary>
internal static class ScheduleSectionReader
{
    public static ScheduleSpec? Read(SceneMap? map)
    {
        if (map is null)
        {
            return null;
        }

        map.RejectUnknownKeys(SceneKeys.Schedule);
        string cron = map.String("cron")?.Trim() is { Length: > 0 } text
            ? text
            : throw map.ErrorAt("cron", "required: a cron expression such as \"0 3 * * *\" (03:00 every day), in quotes");
        try
        {
            ScheduleSpec.Parse(cron);
        }
        catch (CronFormatException e)
        {
            throw map.ErrorAt("cron", $"'{cron}' is not a cron expression: {e.Message} (five fields: minute hour day month weekday, e.g. \"0 3 * * *\")");
        }

        string zone = map.String("time_zone")?.Trim() ?? "UTC";
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(zone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw map.ErrorAt("time_zone", $"'{zone}' is not a time zone this machine knows; use an IANA name such as Europe/Paris or UTC");
        }

        return new ScheduleSpec { Cron = cron, TimeZone = zone, Location = map.Location };
    }
}
