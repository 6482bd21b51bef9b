using System.CommandLine;
using System.Globalization;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Pipeline;
using RenderFarm.Embedding.Thumbnails;
using RenderFarm.Layouts.Pipeline;
using RenderFarm.Rendering.Devices;
using RenderFarm.Service.Renders;

namespace RenderFarm.Service.Cli;

/// <summary>
/// <c>renderfarm render SCENE [--only NAME,...]</c>: the whole pipeline (embed → layouts →
/// thumbnails → frames → files) with a progress bar per stage, into output/&lt;scene&gt;/&lt;run&gt;/ with
/// manifest.json; one summary line per output.
/// </summary>
internal static class RenderCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose, Option<string?> outputRoot, Option<string?> cacheRoot)
    {
        var scene = new Argument<string>("scene") { Description = "Scene file (YAML or JSON) with layouts and outputs." };
        var only = new Option<string?>("--only") { Description = "Comma-separated output names to render (default: all)." };
        var command = new Command("render", "Render the scene's posters and videos (embedding and laying out first, from the cache when it can).") { scene, only };
        command.SetAction((parse, cancellation) => Task.FromResult(CommandGuard.Run(console, parse.GetValue(verbose), () =>
        {
            string output = CliPaths.OutputRoot(parse.GetValue(outputRoot));
            var options = new RenderOptions
            {
                OutputRoot = output,
                CacheRoot = CliPaths.CacheRoot(parse.GetValue(cacheRoot), output),
                Only = (parse.GetValue(only) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                CacheFlushEvery = CliPaths.CacheFlushEvery(),
            };
            Run(console, parse.GetValue(scene)!, options, cancellation);
            return CommandGuard.Ok;
        })));
        return command;
    }

    private static void Run(CliConsole console, string scenePath, RenderOptions options, CancellationToken cancellation)
    {
        using RenderRun run = RenderRun.Start(scenePath, options);
        string name = run.Plan.Scene.Name;
        TextWriter o = console.Out;
        o.WriteLine($"render {name}: {run.Plan.Outputs.Count} output(s): {string.Join(", ", run.Plan.Outputs.Select(x => x.Name))}");
        DeviceInfo device = run.OpenDevice();
        o.WriteLine($"device: {device}");
        ProgressDisplay.Run<EmbedProgress, EmbedResult>(console, $"embed {name}",
            p => new ProgressUpdate(p.Stage, p.Done, p.Total, string.Create(CultureInfo.InvariantCulture, $"cached {p.Cached:N0}")),
            progress => run.Embed(progress, cancellation));
        ProgressDisplay.Run<LayoutProgress, LayoutSet>(console, $"layouts {name}",
            p => new ProgressUpdate(p.Stage, p.Done, p.Total, ""),
            progress => run.ComputeLayouts(progress, cancellation));
        ProgressDisplay.Run<ThumbnailProgress, int>(console, $"thumbnails {name}",
            p => new ProgressUpdate("thumbnails", p.Done, p.Total, ""),
            progress =>
            {
                run.BuildThumbnails(progress, cancellation);
                return 0;
            });
        foreach (OutputSpec spec in run.Plan.Outputs)
        {
            OutputFileEntry file = ProgressDisplay.Run<RenderProgress, OutputFileEntry>(console, $"{spec.Kind.ToString().ToLowerInvariant()} {spec.Name}",
                p => new ProgressUpdate(p.Stage, p.Done, p.Total, ""),
                progress => run.RenderOutputAsync(spec, progress, cancellation).GetAwaiter().GetResult());
            o.WriteLine(Summary(file));
        }

        RenderManifest manifest = run.WriteManifest();
        // After the manifest, so OUTPUT/<scene>/latest only ever points at a complete run.
        LatestPointer.Update(run.Folder!);
        o.WriteLine("stages: " + string.Join(" · ", manifest.Timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Stage} {t.Seconds:F1} s"))));
        o.WriteLine($"wrote {run.Folder!.Path}/ ({string.Join(", ", manifest.Files.Select(f => f.File))}, {RenderManifest.FileName})");
    }

    private static string Summary(OutputFileEntry file)
    {
        var culture = CultureInfo.InvariantCulture;
        double seconds = file.Seconds ?? 0;
        string rate = file.Frames is int frames && seconds > 0 ? string.Create(culture, $" · {frames:N0} frames · {frames / seconds:F1} frames/s") : "";
        return string.Create(culture, $"{file.Output}: {file.File} · {file.Width}×{file.Height} · {file.Bytes / 1048576.0:F1} MiB · {seconds:F1} s{rate}");
    }
}
