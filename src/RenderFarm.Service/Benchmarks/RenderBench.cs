using System.Globalization;
using System.Text.Json;
using RenderFarm.Core;
using RenderFarm.Core.Artifacts;
using RenderFarm.Rendering.Benchmarks;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Service.Benchmarks;

/// <summary>One row of `bench render`: frames/s of a task, beside its target when it has one.</summary>
internal sealed record RenderBenchRow(string Task, int Frames, double Seconds, double CoresBusy, string Note)
{
    public double FramesPerSecond => Frames / Seconds;
}

/// <summary>
/// `renderfarm bench render`: frames/s of the renderer at 1920×1080 — (a) 70,000 sprites at 12 px,
/// (b) 70,000 terrain spheres, (c) the 10,000-tile 8192² grid poster — and the render+encode of a
/// 70k-sprite morph against ffmpeg encoding the same frames from memory (target ≥ 0.75×).
/// Printed as a table and written to OUTPUT/bench/render.json; a command, never a timed test.
/// </summary>
internal static class RenderBench
{
    public static IReadOnlyList<RenderBenchRow> Run(string outputRoot, int frames, int morphFrames, TextWriter log)
    {
        if (!Directory.Exists(EmbedBenchmark.FashionMnist))
        {
            throw new RenderFarmException($"{EmbedBenchmark.FashionMnist} is missing: install it with: sudo apt-get install dataset-fashion-mnist");
        }

        using RenderDevice device = RenderDevice.Open();
        int samples = device.DefaultSamples;
        log.WriteLine($"device: {device.Info}; {samples} sample(s) per pixel");
        var rows = new List<RenderBenchRow>();

        log.WriteLine($"(a) 70,000 sprites at 12 px, {frames} frames...");
        rows.Add(Row(RenderBenchmark.Run(device, RenderBenchmark.Sprites, 70_000, frames, 1920, 1080, 12, samples), "(a) 70,000 sprites, 12 px, 1920×1080", ""));
        log.WriteLine($"(b) 70,000 terrain spheres, {frames} frames...");
        rows.Add(Row(RenderBenchmark.Run(device, RenderBenchmark.Spheres, 70_000, frames, 1920, 1080, 12, samples), "(b) 70,000 terrain spheres, 1920×1080", ""));
        log.WriteLine("(c) grid poster, 10,000 tiles on 8192×8192...");
        (RenderBenchmarkResult poster, double atlasSeconds) = RenderBenchmark.RunGridPoster(device, 10_000, 8192);
        rows.Add(Row(poster, "(c) grid poster, 10,000 tiles, 8192×8192", string.Create(CultureInfo.InvariantCulture, $"atlas upload {atlasSeconds:F2} s apart")));

        log.WriteLine($"(d) 70k sprite morph: {morphFrames} frames rendered into memory, then encoded twice...");
        rows.AddRange(MorphEncodeBench.Run(device, samples, morphFrames, new ArtifactStore(Path.Combine(outputRoot, ".cache")), log));

        string json = Path.Combine(outputRoot, "bench", "render.json");
        Directory.CreateDirectory(Path.GetDirectoryName(json)!);
        var record = new { device = device.Info, samples, rows = rows.Select(r => new { r.Task, r.Frames, r.Seconds, r.FramesPerSecond, r.CoresBusy, r.Note }) };
        AtomicFile.WriteAllText(json, JsonSerializer.Serialize(record, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        log.WriteLine($"wrote {json}");
        return rows;
    }

    public static void Print(TextWriter o, IReadOnlyList<RenderBenchRow> rows)
    {
        var culture = CultureInfo.InvariantCulture;
        o.WriteLine($"{"task",-58} {"frames",6} {"seconds",8} {"frames/s",9} {"ms/frame",9} {"cores",6}  note");
        foreach (RenderBenchRow r in rows)
        {
            o.WriteLine(string.Create(culture, $"{r.Task,-58} {r.Frames,6} {r.Seconds,8:F2} {r.FramesPerSecond,9:F2} {1000 / r.FramesPerSecond,9:F1} {r.CoresBusy * 100,5:F0}%  {r.Note}"));
        }
    }

    private static RenderBenchRow Row(RenderBenchmarkResult result, string task, string note) =>
        new(task, result.Frames, result.Seconds, result.CoresBusy, note);
}
