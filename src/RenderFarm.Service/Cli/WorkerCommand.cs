using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RenderFarm.Service.Server;

namespace RenderFarm.Service.Cli;

/// <summary>
/// <c>renderfarm worker --storage postgres://...</c>: runs render jobs from the storage a `serve`
/// shares, until Ctrl+C or SIGTERM (running jobs are cancelled and re-delivered elsewhere).
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose, Option<string?> outputRoot, Option<string?> cacheRoot)
    {
        var storage = new Option<string?>("--storage") { Description = "The PostgreSQL storage `serve` uses (postgres://user:password@host:5432/database; default: RENDERFARM_STORAGE)." };
        var dataRoots = new Option<string[]>("--data-root") { Description = "A folder scenes may read (repeatable), as for serve." };
        var framesPerChunk = new Option<int?>("--frames-per-chunk") { Description = "Frames per chunk job of the videos that scheduled renders run here submit, as for serve." };
        var command = new Command("worker", "Run render jobs for a `serve` that shares PostgreSQL storage, the output root and the cache.") { storage, dataRoots, framesPerChunk };
        command.SetAction((parse, cancellation) => Task.FromResult(CommandGuard.Run(console, parse.GetValue(verbose), () =>
        {
            IConfiguration configuration = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true).Build();
            var flags = new ServerSettings.Flags(null, parse.GetValue(storage), null, parse.GetValue(dataRoots) ?? [], parse.GetValue(outputRoot), parse.GetValue(cacheRoot), parse.GetValue(framesPerChunk));
            ServerSettings settings = ServerSettings.Resolve(configuration, flags, Environment.GetEnvironmentVariable);
            using IHost host = WorkerHost.Build(settings);
            console.Out.WriteLine($"worker: storage {StorageFactory.Describe(settings.Storage)}, output {settings.OutputRoot}, cache {settings.CacheRoot}; Ctrl+C stops it");
            host.RunAsync(cancellation).GetAwaiter().GetResult();
            return CommandGuard.Ok;
        })));
        return command;
    }
}
