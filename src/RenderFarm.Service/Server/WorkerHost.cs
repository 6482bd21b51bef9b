using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RenderFarm.Core;

namespace RenderFarm.Service.Server;

/// <summary>
/// The `worker` process: Hangfire workers on the shared storage and nothing else (no HTTP). It
/// needs the same output root and cache as the `serve` it works for (a shared mount), because jobs
/// pass ids and paths, not data.
/// </summary>
public static class WorkerHost
{
    public static IHost Build(ServerSettings settings, LogLevel? minimumLogLevel = null)
    {
        if (StorageFactory.IsMemory(settings.Storage))
        {
            throw new RenderFarmException("worker: in-memory storage lives inside one process; give the PostgreSQL storage `serve` uses (--storage postgres://...).");
        }

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        if (minimumLogLevel is { } level)
        {
            builder.Logging.SetMinimumLevel(level);
            builder.Logging.AddFilter("Hangfire", level);
        }

        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = RenderServer.HostShutdown);
        RenderServices.Add(builder.Services, settings with { RenderWorkers = Math.Max(1, settings.RenderWorkers) }, "worker");
        return builder.Build();
    }
}
