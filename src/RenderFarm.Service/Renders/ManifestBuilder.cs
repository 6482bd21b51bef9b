using System.Diagnostics;
using System.Globalization;
using RenderFarm.Embedding.Pipeline;
using RenderFarm.Embedding.Thumbnails;
using RenderFarm.Encoding;
using RenderFarm.Layouts.Pipeline;
using RenderFarm.Rendering.Devices;

namespace RenderFarm.Service.Renders;

/// <summary>Gathers a finished run's facts into its <see cref="RenderManifest"/>.</summary>
internal static class ManifestBuilder
{
    public static RenderManifest Build(RenderRun run, EmbedResult embedded, IReadOnlyDictionary<ThumbnailFit, ThumbnailResult> thumbnails,
        DeviceInfo? device, int samples, DateTimeOffset started, RunFolder folder)
    {
        var render = run.Plan.Scene.Render;
        LayoutSet layouts = run.Layouts;
        var layoutEntries = layouts.Results.Select(r => new LayoutInputEntry(
            r.Spec.Name, r.Spec.Method.ToString().ToLowerInvariant(), r.Coordinates.Columns, r.Key, r.Cached, r.Seconds,
            r.Metrics.Trustworthiness, r.Metrics.KnnAccuracy) { WarmStart = r.WarmStart }).ToArray();
        var inputs = new RenderInputs(embedded.Report.Dataset, embedded.Items.Count, layouts.Input.EmbeddingsKey, embedded.Report.CacheKey, layoutEntries)
        {
            Thumbnails = Thumbnails(render.CellSizeFor(run.Plan.Scene.Dataset), thumbnails),
            Terrain = layouts.Terrain is { } t
                ? string.Create(CultureInfo.InvariantCulture, $"mean distance in {t.Space} space, {(t.Exact ? "exact" : $"estimated from {t.References:N0} references, heights within ±{t.HeightErrorBound:0.###} at {t.Confidence:P0}")}")
                : null,
            Sequences = layouts.Sequences.Count > 0 ? layouts.Sequences : null,
            Changes = layouts.Changes,
        };
        return new RenderManifest
        {
            Scene = run.Plan.Scene.Name,
            SceneFile = run.Plan.Scene.SourcePath,
            SceneSha256 = run.Plan.SceneHash,
            Run = folder.RunId,
            StartedUtc = started,
            FinishedUtc = DateTimeOffset.UtcNow,
            Parameters = new RenderParameters(render.Device, render.CellSizeFor(run.Plan.Scene.Dataset), render.Background.ToHex(), samples, run.ResolvedOutputs()),
            Inputs = inputs,
            Versions = new RenderVersions(RenderRun.Version, RenderRun.DotNet, System.Runtime.InteropServices.RuntimeInformation.OSDescription, FfmpegVersion(), device),
            Timings = run.Clock.Stages,
            Files = run.Files,
        };
    }

    private static ThumbnailEntry? Thumbnails(int cellSize, IReadOnlyDictionary<ThumbnailFit, ThumbnailResult> thumbnails)
    {
        if (thumbnails.Count == 0)
        {
            return null;
        }

        // A failed item is drawn as an empty (transparent) cell; the first 100 are listed with their reasons.
        var failures = thumbnails.Values.SelectMany(r => r.Failures).DistinctBy(f => f.Index).ToArray();
        return new ThumbnailEntry(
            cellSize,
            thumbnails.Keys.Select(f => f.ToString().ToLowerInvariant()).ToArray(),
            thumbnails.Values.All(r => r.FromCache),
            failures.Length,
            failures.Take(100).Select(f => $"{f.ItemId}: {f.Reason}").ToArray());
    }

    /// <summary>The first line of <c>ffmpeg -version</c>, or why there is none.</summary>
    internal static string FfmpegVersion()
    {
        try
        {
            var start = new ProcessStartInfo(ExternalTools.Locate("ffmpeg"), "-hide_banner -version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process process = Process.Start(start)!;
            string first = process.StandardOutput.ReadLine() ?? "";
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return first;
        }
        catch (EncodingException e)
        {
            return "not found: " + e.Message;
        }
    }
}
