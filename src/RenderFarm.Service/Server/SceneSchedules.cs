using Hangfire;
using Microsoft.Extensions.Logging;
using RenderFarm.Service.Api;
using RenderFarm.Service.Jobs;

namespace RenderFarm.Service.Server;

/// <summary>
/// Makes the schedule files agree with the <c>schedule:</c> keys of the scenes folder: a scene with
/// the key gets (or updates) the schedule named after its file, keeping the last run's history; a
/// schedule whose scene lost the key, or whose file is gone, is removed with its recurring job. A
/// scene that fails to load keeps its schedule: its next firing reports the error where
/// GET /api/schedules and GET /api/scenes show it, rather than a typo silently dropping a nightly render.
/// </summary>
public static class SceneSchedules
{
    public static void Sync(SceneCatalog scenes, ScheduleStore schedules, IRecurringJobManager recurringJobs, ILogger log)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        foreach (SceneFile file in scenes.Load())
        {
            if (file.Scene is null)
            {
                unreadable.Add(file.Path);
                log.LogWarning("scene {Path} does not load, its schedule (if any) is left as it was: {Error}", file.Path, file.Error);
                continue;
            }

            if (file.Scene.Schedule is not { } spec)
            {
                continue;
            }

            ScheduleRecord? existing = schedules.Find(file.Name);
            if (existing is { DeclaredIn: null })
            {
                log.LogWarning("schedule {Name} made through /api/schedules is replaced by the schedule: key of {Path}", file.Name, file.Path);
            }

            ScheduleRecord record = existing is null
                ? new ScheduleRecord { Name = file.Name, ScenePath = file.Path, Cron = spec.Cron, CreatedUtc = DateTimeOffset.UtcNow }
                : existing with { ScenePath = file.Path, Cron = spec.Cron };
            schedules.Save(record with { TimeZone = spec.TimeZone, DeclaredIn = file.Path });
            declared.Add(file.Name);
        }

        foreach (ScheduleRecord stale in schedules.All().Where(s => s.DeclaredIn is { } path && !declared.Contains(s.Name) && !unreadable.Contains(path)))
        {
            log.LogInformation("schedule {Name} removed: {Path} no longer has a schedule: key", stale.Name, stale.DeclaredIn);
            recurringJobs.RemoveIfExists(stale.RecurringJobId);
            schedules.Delete(stale.Name);
        }
    }
}
