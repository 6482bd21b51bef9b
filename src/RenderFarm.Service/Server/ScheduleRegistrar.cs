using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RenderFarm.Core.Scenes;
using RenderFarm.Service.Api;
using RenderFarm.Service.Jobs;

namespace RenderFarm.Service.Server;

/// <summary>
/// Registers every schedule as a Hangfire recurring job when the service starts: in-memory
/// storage forgets recurring jobs on restart, and with shared storage re-registering is harmless
/// (AddOrUpdate), so start-up always makes Hangfire agree with the files. First the
/// <c>schedule:</c> keys of the scenes folder are written as schedule files (see <see cref="SceneSchedules"/>),
/// so a scene-declared schedule and one made through /api/schedules run the same job.
/// </summary>
public sealed class ScheduleRegistrar(ScheduleStore schedules, SceneCatalog scenes, IRecurringJobManager recurringJobs, ILogger<ScheduleRegistrar> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        SceneSchedules.Sync(scenes, schedules, recurringJobs, log);
        foreach (ScheduleRecord schedule in schedules.All())
        {
            try
            {
                Register(recurringJobs, schedule);
            }
            catch (Exception e) when (e is ArgumentException or TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // One bad schedule file must not keep the service (and every other schedule) from starting.
                log.LogError("schedule {Name}: not registered: {Problem}", schedule.Name, e.Message);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Throws ArgumentException (from Hangfire's cron parser) when the cron expression is invalid, TimeZoneNotFoundException for an unknown zone.</summary>
    public static void Register(IRecurringJobManager recurringJobs, ScheduleRecord schedule)
    {
        string name = schedule.Name;
        TimeZoneInfo zone = schedule.TimeZone is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;
        recurringJobs.AddOrUpdate<ScheduledRenderJob>(schedule.RecurringJobId, job => job.Run(name), schedule.Cron, new RecurringJobOptions { TimeZone = zone });
    }
}
