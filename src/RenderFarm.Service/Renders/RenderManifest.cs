using System.Text.Json;
using System.Text.Json.Serialization;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.Scenes;
using RenderFarm.Rendering.Devices;

namespace RenderFarm.Service.Renders;

/// <summary>
/// <c>manifest.json</c> of a run: what was rendered from what, with which software on which
/// device, how long each stage took, and every file with its size and SHA-256, so an output can be
/// traced back to its inputs and a copy checked.
/// </summary>
public sealed record RenderManifest
{
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A file for people too: "×" and "→" in summaries stay readable instead of \u escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public required string Scene { get; init; }

    public required string SceneFile { get; init; }

    public required string SceneSha256 { get; init; }

    public required string Run { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required DateTimeOffset FinishedUtc { get; init; }

    public required RenderParameters Parameters { get; init; }

    public required RenderInputs Inputs { get; init; }

    public required RenderVersions Versions { get; init; }

    public required IReadOnlyList<StageTiming> Timings { get; init; }

    public required IReadOnlyList<OutputFileEntry> Files { get; init; }

    /// <summary>The layouts kept in the run folder's <c>layouts/</c> (coordinates with item ids, and their report), which the next run starts from.</summary>
    public IReadOnlyList<OutputFileEntry>? LayoutFiles { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public void Write(string path) => AtomicFile.WriteAllText(path, ToJson());
}

/// <summary>The render settings and the outputs as resolved (defaults filled in, auto sizes computed).</summary>
public sealed record RenderParameters(string Device, int CellSize, string Background, int Samples, IReadOnlyList<OutputParameters> Outputs);

/// <summary>One output as rendered.</summary>
public sealed record OutputParameters(
    string Name, string Kind, string Layout, string Style, int Width, int Height, double ItemSize, string SizeUnits,
    string ColorBy, string File, string Summary)
{
    public int? Dpi { get; init; }
    public int? Fps { get; init; }
    public int? Crf { get; init; }
    public string? Preset { get; init; }
    public int? Frames { get; init; }
    public IReadOnlyList<string>? Timeline { get; init; }

    public static OutputParameters Of(OutputSpec output, int itemCount, int labelCount) =>
        new(output.Name, output.Kind.ToString().ToLowerInvariant(), output.Layout, StyleWord(output.Style),
            output.Width, output.Height, output.ItemSize ?? output.AutoItemSizePixels(itemCount), output.SizeUnits.ToString().ToLowerInvariant(),
            OutputChecks.ResolveColorBy(output, labelCount).ToString().ToLowerInvariant(), output.FileName, output.Summary)
        {
            Dpi = (output as ImageOutputSpec)?.Dpi,
            Fps = (output as VideoOutputSpec)?.Fps,
            Crf = (output as VideoOutputSpec)?.Crf,
            Preset = (output as VideoOutputSpec)?.Preset,
            Frames = (output as VideoOutputSpec)?.FrameCount,
            Timeline = (output as VideoOutputSpec)?.Timeline.Select(s => FormattableString.Invariant($"{s.Word} {s.Seconds:0.###} s")).ToArray(),
        };

    /// <summary>As the scene spells it.</summary>
    public static string StyleWord(OutputStyle style) => style == OutputStyle.GridMosaic ? "grid-mosaic" : style.ToString().ToLowerInvariant();
}

/// <summary>What the run read: the dataset and the keys of every cached artifact it used.</summary>
public sealed record RenderInputs(
    string Dataset, int Items, string ItemsKey, string EmbedderCacheKey, IReadOnlyList<LayoutInputEntry> Layouts)
{
    public ThumbnailEntry? Thumbnails { get; init; }
    public string? Terrain { get; init; }

    /// <summary>The sweeps and replays the videos play; absent when none does.</summary>
    public IReadOnlyList<SequenceEntry>? Sequences { get; init; }

    /// <summary>How many items are new, kept and removed since the previous run (named); absent on a scene's first run.</summary>
    public ItemChanges? Changes { get; init; }
}

/// <summary>A sweep or replay: its timeline name, the layout it comes from, how many sets, whether cached, seconds to compute or read.</summary>
public sealed record SequenceEntry(string Name, string Kind, string Layout, int Count, bool Cached, double Seconds);

public sealed record LayoutInputEntry(string Name, string Method, int Dims, string CacheKey, bool Cached, double Seconds, double? Trustworthiness, double? KnnAccuracy)
{
    /// <summary>How the layout started from the previous run's; absent when it was computed from scratch.</summary>
    public RenderFarm.Layouts.Pipeline.WarmStartSummary? WarmStart { get; init; }
}

public sealed record ThumbnailEntry(int CellSize, IReadOnlyList<string> Fits, bool FromCache, int FailureCount, IReadOnlyList<string> Failures);

public sealed record RenderVersions(string RenderFarm, string DotNet, string Os, string Ffmpeg, DeviceInfo? Device);
