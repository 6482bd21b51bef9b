using System.CommandLine;
using System.Globalization;
using RenderFarm.Service.Benchmarks;
using RenderFarm.Core;

namespace RenderFarm.Service.Cli;

/// <summary><c>renderfarm bench embed|layouts|render</c>: measures the stages (commands, never timed tests).</summary>
internal static class BenchCommand
{
    public static Command Create(CliConsole console, Option<bool> verbose, Option<string?> outputRoot)
    {
        var model = new Option<string?>("--model") { Description = "ONNX model for the ONNX row (default: the repository's tiny test model)." };
        var images = new Option<int>("--images") { Description = "Synthetic JPEGs for the ONNX row.", DefaultValueFactory = _ => 2000 };
        var embed = new Command("embed", "Time pixel embedding of 70k Fashion-MNIST, near-duplicates and ONNX images/s.") { model, images };
        embed.SetAction(parse => CommandGuard.Run(console, parse.GetValue(verbose), () =>
        {
            string modelPath = parse.GetValue(model) ?? RepositoryTestModel();
            var rows = EmbedBenchmark.Run(CliPaths.OutputRoot(parse.GetValue(outputRoot)), modelPath, parse.GetValue(images), console.Error);
            Print(console.Out, rows);
            return CommandGuard.Ok;
        }));

        return new Command("bench", "Benchmarks of this machine, printed side by side with their targets.") { embed, Layouts(console, verbose, outputRoot), Render(console, verbose, outputRoot) };
    }

    private static Command Layouts(CliConsole console, Option<bool> verbose, Option<string?> outputRoot)
    {
        var sizes = new Option<string>("--sizes") { Description = "Fashion-MNIST row counts (first N of train + test).", DefaultValueFactory = _ => "10000,70000" };
        var peers = new Option<string>("--peers") { Description = "auto (../shared/peers when its packages are installed), none, or the peer scripts' folder.", DefaultValueFactory = _ => "auto" };
        var only = new Option<string>("--only") { Description = "Parts to run: umap, grid, pca.", DefaultValueFactory = _ => string.Join(',', LayoutBenchmarkOptions.Parts) };
        var layouts = new Command("layouts", "Time UMAP, grid snapping and PCA on Fashion-MNIST, with quality, against umap-learn/uwot/scipy.") { sizes, peers, only };
        layouts.SetAction(parse => CommandGuard.Run(console, parse.GetValue(verbose), () =>
        {
            var options = new LayoutBenchmarkOptions
            {
                Sizes = LayoutBenchmarkOptions.ParseSizes(parse.GetValue(sizes)!),
                Peers = LayoutBenchmarkOptions.ParsePeers(parse.GetValue(peers)!),
                Only = LayoutBenchmarkOptions.ParseOnly(parse.GetValue(only)!),
            };
            LayoutBenchReport report = LayoutBenchmark.Run(CliPaths.OutputRoot(parse.GetValue(outputRoot)), options, console.Error);
            report.Print(console.Out);
            return CommandGuard.Ok;
        }));
        return layouts;
    }

    private static Command Render(CliConsole console, Option<bool> verbose, Option<string?> outputRoot)
    {
        var frames = new Option<int>("--frames") { Description = "Frames timed for (a) and (b).", DefaultValueFactory = _ => 20 };
        var morphFrames = new Option<int>("--morph-frames") { Description = "Frames of the 70k sprite morph for (d).", DefaultValueFactory = _ => 60 };
        var render = new Command("render", "Frames/s at 1080p: 70k sprites, 70k terrain spheres, the 8192² grid poster, and render+encode vs ffmpeg alone.") { frames, morphFrames };
        render.SetAction(parse => CommandGuard.Run(console, parse.GetValue(verbose), () =>
        {
            int f = parse.GetValue(frames), m = parse.GetValue(morphFrames);
            if (f < 1 || m < 2)
            {
                throw new RenderFarmException($"--frames must be at least 1 and --morph-frames at least 2 (got {f}, {m}).");
            }

            var rows = RenderBench.Run(CliPaths.OutputRoot(parse.GetValue(outputRoot)), f, m, console.Error);
            RenderBench.Print(console.Out, rows);
            return CommandGuard.Ok;
        }));
        return render;
    }

    /// <summary>The tiny CLIP-shaped test model, found by walking up from the program to the repository.</summary>
    private static string RepositoryTestModel()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "RenderFarm.Embedding.Tests", "Models", "tiny-clip", "tiny-clip.onnx");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new RenderFarmException("no --model given and the repository's test model was not found above " + AppContext.BaseDirectory);
    }

    private static void Print(TextWriter o, IReadOnlyList<BenchmarkRow> rows)
    {
        var culture = CultureInfo.InvariantCulture;
        o.WriteLine($"{"task",-52} {"seconds",9} {"items/s",10} {"cores busy",10} {"peak MiB",9}  note");
        foreach (BenchmarkRow r in rows)
        {
            o.WriteLine(string.Create(culture, $"{r.Task,-52} {r.Seconds,9:F2} {r.ItemsPerSecond,10:N0} {r.CoresBusy * 100,9:F0}% {r.PeakMib,9:N0}  {r.Note}"));
        }
    }
}
