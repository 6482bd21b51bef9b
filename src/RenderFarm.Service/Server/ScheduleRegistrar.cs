using Hangfire;
using Microsoft.Extensions.Hosting;
using RenderFarm.Service.Jobs;

namespace RenderFarm.Service.Server;

/// <summary>
/// Registers every schedule file as a Hangfire recurring job when the service starts: in-memory
/// storage forgets recurring jobs on restart, and with shared storage re-registering is harmless
/// (AddOrUpdate), so start-up always makes Hangfire agree with the files.
/// </summary>
public sealed class ScheduleRegistrar(ScheduleStore schedules, IRecurringJobManager recurringJobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (ScheduleRecord schedule in schedules.All())
        {
            Register(recurringJobs, schedule);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Throws ArgumentException (from Hangfire's cron parser) when the cron expression is invalid.</summary>
    public static void Register(IRecurringJobManager recurringJobs, ScheduleRecord schedule)
    {
        string name = schedule.Name;
        recurringJobs.AddOrUpdate<ScheduledRenderJob>(schedule.RecurringJobId, job => job.Run(name), schedule.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }
}
