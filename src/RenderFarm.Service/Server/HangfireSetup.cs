using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Service.Jobs;

namespace RenderFarm.Service.Server;

/// <summary>
/// Hangfire for `serve` and `worker`: the storage chosen by <see cref="ServerSettings.Storage"/>,
/// and two servers in the process: one worker on the `render` queue (a render already uses every
/// core) and a few on `default` for light jobs. <c>role</c> ("serve", "worker") names them in the dashboard.
/// </summary>
public static class HangfireSetup
{
    /// <summary>How often a worker looks whether its job was deleted: the bound on how long a cancelled job keeps running.</summary>
    public static readonly TimeSpan CancellationCheck = TimeSpan.FromSeconds(1);

    /// <summary>How long Hangfire waits for running jobs when the host stops; the host waits longer (see RenderServer).</summary>
    public static readonly TimeSpan WorkerShutdown = TimeSpan.FromSeconds(15);

    public static void Add(IServiceCollection services, ServerSettings settings, string role)
    {
        // Registered before AddHangfire, whose TryAdd then keeps it: the server, the client and the
        // dashboard share this instance instead of the process-wide JobStorage.Current, so two
        // services in one process (tests) never see each other's jobs.
        // The storage is made when first resolved, after Hangfire's logging points at this host.
        services.AddSingleton<JobStorage>(provider =>
        {
            provider.GetRequiredService<IGlobalConfiguration>();
            return StorageFactory.Create(settings.Storage, settings.InvisibilityTimeout);
        });
        // Likewise our own activator: jobs are built from this host's services even when another host in the process configured Hangfire later.
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>())));
        // 0 render workers: an API-only `serve` in front of a farm of `worker` processes.
        if (settings.RenderWorkers > 0)
        {
            services.AddHangfireServer(options => Configure(options, role + ":render", [RenderJobs.RenderQueue], settings.RenderWorkers));
        }

        services.AddHangfireServer(options => Configure(options, role + ":light", [RenderJobs.LightQueue], settings.LightWorkers));
    }

    private static void Configure(BackgroundJobServerOptions options, string role, string[] queues, int workers)
    {
        options.ServerName = $"{Environment.MachineName}:{role}";
        options.Queues = queues;
        options.WorkerCount = workers;
        options.CancellationCheckInterval = CancellationCheck;
        options.ShutdownTimeout = WorkerShutdown;
        // Retries are scheduled jobs: look for due ones every few seconds, not Hangfire's default 15.
        options.SchedulePollingInterval = TimeSpan.FromSeconds(2);
    }
}
