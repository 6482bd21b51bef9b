using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RenderFarm.Service.Api;

namespace RenderFarm.Service.Server;

/// <summary>The `serve` process: Kestrel with the JSON API and the Hangfire dashboard, and the Hangfire servers that run renders.</summary>
public static class RenderServer
{
    public const string DashboardPath = "/hangfire";

    /// <summary>The host waits this long for Hangfire's workers to stop, longer than Hangfire's own shutdown timeout.</summary>
    public static readonly TimeSpan HostShutdown = HangfireSetup.WorkerShutdown + TimeSpan.FromSeconds(15);

    /// <param name="minimumLogLevel">Tests pass Warning to keep their output short.</param>
    public static WebApplication Build(ServerSettings settings, LogLevel? minimumLogLevel = null)
    {
        // Content root beside the program, so the shipped appsettings.json configures logging wherever it is started from.
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        if (minimumLogLevel is { } level)
        {
            builder.Logging.SetMinimumLevel(level);
            builder.Logging.AddFilter("Hangfire", level);
        }

        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBytes);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = HostShutdown);
        RenderServices.Add(builder.Services, settings, "serve");
        builder.Services.AddSingleton(new OutputFiles(settings));
        builder.Services.AddOpenApi();
        // Only `serve` owns the schedules: workers run the recurring jobs but never register them.
        builder.Services.AddHostedService<ScheduleRegistrar>();

        WebApplication app = builder.Build();
        app.Use((context, next) => ApiToken.Middleware(context, () => next(context), settings.Token));
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new DashboardAccess(settings.Token)],
            DisplayStorageConnectionString = false,
            DashboardTitle = "RenderFarm jobs",
            AppPath = null,
        });
        RenderEndpoints.Map(app);
        ScheduleEndpoints.Map(app);
        SceneEndpoints.Map(app);
        FileEndpoints.Map(app);
        GalleryPage.Map(app);
        ReadinessEndpoint.Map(app);
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }

    /// <summary>The addresses Kestrel bound (with the real port when the settings asked for port 0).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
}
