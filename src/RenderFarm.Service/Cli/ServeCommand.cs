using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RenderFarm.Service.Server;

namespace RenderFarm.Service.Cli;

/// <summary>
/// <c>renderfarm serve [--urls URL] [--storage memory] [--token T] [--data-root DIR ...]</c>: the
/// render service (REST API, Hangfire dashboard, job workers) until Ctrl+C or SIGTERM.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose, Option<string?> outputRoot, Option<string?> cacheRoot)
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default: RENDERFARM_URLS, appsettings.json, http://127.0.0.1:5080)." };
        var storage = new Option<string?>("--storage") { Description = "Hangfire storage: memory (default; jobs are lost on restart) or postgres://user:password@host:5432/database (shared with workers)." };
        var token = new Option<string?>("--token") { Description = "API and dashboard bearer token (default: RENDERFARM_TOKEN); required beyond loopback." };
        var dataRoots = new Option<string[]>("--data-root")
        {
            Description = "A folder submitted scenes may read (repeatable; default: RENDERFARM_DATA_ROOTS, appsettings.json).",
            AllowMultipleArgumentsPerToken = false,
        };
        var framesPerChunk = new Option<int?>("--frames-per-chunk")
        {
            Description = "Frames per chunk job of a video: chunks render on any free worker and are joined by stream copy (default: RENDERFARM_FRAMES_PER_CHUNK, appsettings.json, 150).",
        };
        var command = new Command("serve", "Run the render service: REST API at /api/renders, Hangfire dashboard at /hangfire.") { urls, storage, token, dataRoots, framesPerChunk };
        command.SetAction((parse, cancellation) => Task.FromResult(CommandGuard.Run(console, parse.GetValue(verbose), () =>
        {
            IConfiguration configuration = new ConfigurationBuilder()
                .SetBasePath(AppContext.BaseDirectory)
                .AddJsonFile("appsettings.json", optional: true)
                .Build();
            var flags = new ServerSettings.Flags(parse.GetValue(urls), parse.GetValue(storage), parse.GetValue(token),
                parse.GetValue(dataRoots) ?? [], parse.GetValue(outputRoot), parse.GetValue(cacheRoot), parse.GetValue(framesPerChunk));
            ServerSettings settings = ServerSettings.Resolve(configuration, flags, Environment.GetEnvironmentVariable);
            Serve(console, settings, cancellation).GetAwaiter().GetResult();
            return CommandGuard.Ok;
        })));
        return command;
    }

    private static async Task Serve(CliConsole console, ServerSettings settings, CancellationToken cancellation)
    {
        await using WebApplication app = RenderServer.Build(settings);
        await app.StartAsync(cancellation).ConfigureAwait(false);
        string address = string.Join(", ", RenderServer.Addresses(app));
        console.Out.WriteLine($"serving on {address}: API /api/renders, dashboard {RenderServer.DashboardPath}; storage {StorageFactory.Describe(settings.Storage)}; output {settings.OutputRoot}");
        console.Out.WriteLine($"data roots: {string.Join(", ", settings.DataRoots)}; token {(settings.Token is null ? "none (loopback only)" : "required")}");
        await app.WaitForShutdownAsync(cancellation).ConfigureAwait(false);
    }
}
