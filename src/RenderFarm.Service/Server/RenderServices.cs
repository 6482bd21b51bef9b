using Microsoft.Extensions.DependencyInjection;
using RenderFarm.Service.Api;
using RenderFarm.Service.Jobs;

namespace RenderFarm.Service.Server;

/// <summary>What `serve` and `worker` share: the settings, the record stores, the job classes and Hangfire.</summary>
public static class RenderServices
{
    public static void Add(IServiceCollection services, ServerSettings settings, string role)
    {
        services.AddSingleton(settings);
        services.AddSingleton(new RenderStore(settings.OutputRoot));
        services.AddSingleton(new ScheduleStore(settings.OutputRoot));
        services.AddSingleton(new DataRootGuard(settings.DataRoots));
        services.AddSingleton(new SceneCatalog(settings));
        // Scheduled jobs submit renders from whichever process runs them, so workers need the submission too.
        services.AddTransient<RenderSubmission>();
        services.AddTransient<RenderJobs>();
        services.AddTransient<ScheduledRenderJob>();
        HangfireSetup.Add(services, settings, role);
    }
}
