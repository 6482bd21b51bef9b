using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Pipeline;
using RenderFarm.Embedding.Thumbnails;
using RenderFarm.Encoding;
using RenderFarm.Encoding.Images;
using RenderFarm.Encoding.Probing;
using RenderFarm.Encoding.Video;
using RenderFarm.Layouts.Pipeline;
using RenderFarm.Rendering.Atlases;
using RenderFarm.Rendering.Devices;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Service.Renders;

/// <summary>
/// One render of a scene, stage by stage: <see cref="Start"/> (read and check everything, write
/// nothing), <see cref="OpenDevice"/>, <see cref="Embed"/>, <see cref="ComputeLayouts"/>,
/// <see cref="BuildThumbnails"/>, <see cref="RenderOutputAsync"/> per output, <see cref="WriteManifest"/>.
/// Each stage takes a progress sink and a cancellation token and prints nothing, so the command
/// line shows bars and a job server can report progress its own way; <see cref="RunAllAsync"/> runs them all.
/// </summary>
public sealed partial class RenderRun : IDisposable
{
    private readonly RenderOptions _options;
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private readonly List<OutputFileEntry> _files = [];
    private readonly Dictionary<ThumbnailFit, ThumbnailResult> _thumbnails = [];
    private RenderDevice? _device;
    private EmbedResult? _embedded;
    private LayoutSet? _layouts;
    private RunFolder? _folder;

    private RenderRun(RenderPlan plan, RenderOptions options)
    {
        Plan = plan;
        _options = options;
    }

    public RenderPlan Plan { get; }

    public StageClock Clock { get; } = new();

    /// <summary>The run folder, once the first output is written.</summary>
    public RunFolder? Folder => _folder;

    public IReadOnlyList<OutputFileEntry> Files => _files;

    public LayoutSet Layouts => _layouts ?? throw new InvalidOperationException("ComputeLayouts has not run");

    /// <summary>Reads and checks the scene and its outputs (see <see cref="RenderPlan"/>), and finds ffmpeg when a video is asked for.</summary>
    public static RenderRun Start(string scenePath, RenderOptions options)
    {
        var clock = new StageClock();
        RenderPlan plan = clock.Time("check", () => RenderPlan.Load(scenePath, options.Only));
        if (plan.Outputs.Any(o => o.Kind == OutputKind.Video))
        {
            ExternalTools.Locate("ffmpeg");
        }

        var run = new RenderRun(plan, options);
        run.Clock.Add(clock.Stages[0]);
        return run;
    }

    /// <summary>Opens the Vulkan device early, so a machine without one fails before minutes of embedding.</summary>
    public DeviceInfo OpenDevice()
    {
        string device = Plan.Scene.Render.Device;
        _device ??= Clock.Time("device", () => RenderDevice.Open(new DeviceOptions { Device = device == "auto" ? null : device }));
        return _device.Info;
    }

    public EmbedResult Embed(IProgress<EmbedProgress>? progress, CancellationToken cancellation)
    {
        var options = new EmbedOptions(_options.OutputRoot, _options.CacheRoot) { CacheFlushEvery = _options.CacheFlushEvery };
        _embedded = Clock.Time("embed", () => EmbeddingPipeline.Run(Plan.Scene, options, progress, cancellation));
        return _embedded;
    }

    /// <summary>
    /// The scene's layouts, each started from the previous run's (what <c>latest</c> points at)
    /// when its parameters are unchanged (see <see cref="WarmStart"/>), and the items compared
    /// with that run's for the manifest and <c>highlight: new</c>.
    /// </summary>
    public LayoutSet ComputeLayouts(IProgress<LayoutProgress>? progress, CancellationToken cancellation)
    {
        EmbedResult embedded = _embedded ?? throw new InvalidOperationException("Embed has not run");
        LayoutInput input = Cli.LayoutInputs.From(embedded);
        PreviousRun? previous = _options.PinnedPrevious
            ? _options.PreviousRunFolder is { } pinned ? PreviousRun.At(pinned) : null
            : PreviousRun.Find(Path.Combine(_options.OutputRoot, Plan.Scene.Name));
        IReadOnlyList<LayoutResult> results = Clock.Time("layouts",
            () => LayoutRunner.Run(input, Plan.Scene.Layouts, new ArtifactStore(_options.CacheRoot), progress, cancellation, previous: previous?.Layouts));
        _layouts = new LayoutSet(input, results) { Changes = ItemChanges.Between(previous, input.Ids) };
        ComputeSequences(progress, cancellation);
        return _layouts;
    }

    /// <summary>
    /// Writes the layouts into the run folder's <c>layouts/</c> (coordinates as .npy and .csv with
    /// the item ids, and their report), so the next run of the scene can start from them and users
    /// have the coordinates; returns them as the manifest lists them.
    /// </summary>
    private IReadOnlyList<OutputFileEntry> KeepLayouts(RunFolder folder)
    {
        string written = LayoutOutputs.Write(folder.Path, Layouts.Input, Layouts.Results);
        return Directory.GetFiles(written).Order(StringComparer.Ordinal)
            .Select(file => OutputFileEntry.Describe(LayoutFileOwner(Path.GetFileName(file)), "layout", file, folder.Path))
            .ToArray();
    }

    private string LayoutFileOwner(string file) =>
        Layouts.Results.Select(r => r.Spec.Name).FirstOrDefault(name => file.StartsWith(name + ".", StringComparison.Ordinal)) ?? LayoutOutputs.Folder;

    /// <summary>
    /// The sweeps and replays the videos' timelines play (see <see cref="LayoutSequences"/>), each
    /// once however many videos name it, from the cache when it has them; its own stage on the clock.
    /// Runs as part of <see cref="ComputeLayouts"/>, reporting on the same progress sink.
    /// </summary>
    private void ComputeSequences(IProgress<LayoutProgress>? progress, CancellationToken cancellation)
    {
        LayoutSet layouts = Layouts;
        var requests = Plan.Outputs.OfType<Core.Scenes.VideoOutputSpec>()
            .SelectMany(Core.Timelines.TimelineRequirements.For)
            .Where(r => r is Core.Timelines.SweepRequest or Core.Timelines.ReplayRequest)
            .DistinctBy(r => r.Name)
            .ToArray();
        if (requests.Length == 0)
        {
            return;
        }

        var cache = new ArtifactStore(_options.CacheRoot);
        Clock.Time("sequences", () =>
        {
            foreach (Core.Timelines.CoordinateRequest request in requests)
            {
                (string kind, string layout, LayoutSequence sequence) = request switch
                {
                    Core.Timelines.SweepRequest sweep => ("sweep", sweep.Layout,
                        LayoutSequences.Sweep(layouts.Input, layouts[sweep.Layout], sweep.Parameter, sweep.Values, cache, progress, cancellation)),
                    Core.Timelines.ReplayRequest replay => ("replay", replay.Layout,
                        LayoutSequences.Replay(layouts.Input, layouts[replay.Layout], replay.Every, cache, progress, cancellation)),
                    _ => throw new InvalidOperationException($"{request.GetType().Name} is not a sequence"),
                };
                layouts.AddSequence(new SequenceEntry(request.Name, kind, layout, sequence.Sets.Count, sequence.Cached, sequence.Seconds), sequence);
            }
        });
    }

    /// <summary>Thumbnails (from the cache when it has them) for the outputs that draw images: contained for sprites, cropped for mosaics.</summary>
    public void BuildThumbnails(IProgress<ThumbnailProgress>? progress, CancellationToken cancellation)
    {
        EmbedResult embedded = _embedded ?? throw new InvalidOperationException("Embed has not run");
        var fits = Plan.Outputs.Where(OutputDrawing.NeedsAtlas).Select(FitFor).Distinct().ToArray();
        if (fits.Length == 0)
        {
            return;
        }

        var options = new ThumbnailOptions { CellSize = Plan.Scene.Render.CellSizeFor(Plan.Scene.Dataset) };
        Clock.Time("thumbnails", () =>
        {
            foreach (ThumbnailFit fit in fits)
            {
                _thumbnails[fit] = ThumbnailBuilder.Build(embedded.Items, options with { Fit = fit }, new ArtifactStore(_options.CacheRoot), progress, cancellation);
            }
        });
    }

    /// <summary>Renders one output into the run folder (made on first use) and adds it to the manifest's files.</summary>
    public async Task<OutputFileEntry> RenderOutputAsync(OutputSpec output, IProgress<RenderProgress>? progress, CancellationToken cancellation)
    {
        LayoutSet layouts = Layouts;
        OpenDevice();
        RenderDevice device = _device!;
        ThumbnailAtlas? atlas = OutputDrawing.NeedsAtlas(output) ? Atlas(device, output) : null;
        _folder ??= RunFolder.Create(Path.Combine(_options.OutputRoot, Plan.Scene.Name), Plan.SceneHash, _started);
        string path = _folder.File(output.FileName);
        int samples = Samples(device);
        var background = Plan.Scene.Render.Background;
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        if (output is VideoOutputSpec video)
        {
            Mp4Result result = await VideoOutput.WriteAsync(device, samples, video, layouts, atlas, background, path, progress, cancellation).ConfigureAwait(false);
            double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
            Clock.Add(new StageTiming($"output {output.Name}", seconds));
            return await AddVideoAsync(video, path, result.FrameCount, seconds, cancellation).ConfigureAwait(false);
        }

        var image = (ImageOutputSpec)output;
        PosterOutput.Write(device, samples, image, layouts, atlas, background, PngTexts(image, device.Info), path, progress, cancellation);
        double imageSeconds = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
        Clock.Add(new StageTiming($"output {output.Name}", imageSeconds));
        OutputFileEntry entry = OutputFileEntry.Describe(output.Name, "image", path, _folder.Path) with { Width = image.Width, Height = image.Height, Seconds = imageSeconds };
        _files.Add(entry);
        return entry;
    }

    /// <summary>Writes manifest.json last, so its presence says every file it lists is complete.</summary>
    public RenderManifest WriteManifest()
    {
        RunFolder folder = _folder ?? throw new InvalidOperationException("no output was rendered");
        IReadOnlyList<OutputFileEntry> layouts = KeepLayouts(folder);
        RenderManifest manifest = ManifestBuilder.Build(this, _embedded!, _thumbnails, _device?.Info, Samples(_device!), _started, folder) with { LayoutFiles = layouts };
        manifest.Write(folder.File(RenderManifest.FileName));
        return manifest;
    }

    /// <summary>Every stage in order, for callers without a console (job servers); progress of the frame stages only.</summary>
    public static async Task<RenderManifest> RunAllAsync(string scenePath, RenderOptions options, IProgress<RenderProgress>? progress, CancellationToken cancellation)
    {
        using RenderRun run = Start(scenePath, options);
        run.OpenDevice();
        run.Embed(null, cancellation);
        run.ComputeLayouts(null, cancellation);
        run.BuildThumbnails(null, cancellation);
        foreach (OutputSpec output in run.Plan.Outputs)
        {
            await run.RenderOutputAsync(output, progress, cancellation).ConfigureAwait(false);
        }

        RenderManifest manifest = run.WriteManifest();
        // After the manifest: latest only ever points at a complete run.
        LatestPointer.Update(run.Folder!);
        return manifest;
    }

    internal IReadOnlyList<OutputParameters> ResolvedOutputs() =>
        Plan.Outputs.Select(o => OutputParameters.Of(o, Layouts.ItemCount, Layouts.Input.ClassNames.Count)).ToArray();

    /// <summary>msaa as written in the scene, else the device's default (1 on CPU devices, where 4× costs about 3× the frame time).</summary>
    internal int Samples(RenderDevice device) =>
        Plan.Scene.Render.Locations.ContainsKey("msaa") ? Plan.Scene.Render.Msaa : device.DefaultSamples;

    private ThumbnailAtlas Atlas(RenderDevice device, OutputSpec output)
    {
        ThumbnailFit fit = FitFor(output);
        if (!_thumbnails.TryGetValue(fit, out ThumbnailResult? thumbnails))
        {
            throw new InvalidOperationException("BuildThumbnails has not run");
        }

        // Keyed by the items and the cell options: a second output with the same fit reuses the upload.
        string key = $"{Layouts.Input.EmbeddingsKey}/{thumbnails.Thumbnails.CellSize}/{fit}";
        return Clock.Time("atlas", () => device.UploadAtlas(thumbnails.Thumbnails, key));
    }

    /// <summary>
    /// Cropped cells for mosaics, whole images for sprites; IDX images are all square, where both
    /// fits give the same pixels, so one set (and one atlas) serves every output.
    /// </summary>
    private ThumbnailFit FitFor(OutputSpec output) =>
        output.Style == OutputStyle.GridMosaic && Plan.Scene.Dataset.Kind != DatasetKind.Idx ? ThumbnailFit.Cover : ThumbnailFit.Contain;

    private PngText[] PngTexts(ImageOutputSpec image, DeviceInfo device)
    {
        var provenance = new
        {
            scene = Plan.Scene.Name,
            scene_sha256 = Plan.SceneHash,
            output = image.Name,
            layout = image.Layout,
            layout_key = Layouts[image.Layout].Key,
            items_key = Layouts.Input.EmbeddingsKey,
            style = OutputParameters.StyleWord(image.Style),
            width = image.Width,
            height = image.Height,
            device = device.ToString(),
            renderfarm = Version,
        };
        return
        [
            new PngText("Software", $"RenderFarm {Version}"),
            new PngText("RenderFarm:scene-hash", Plan.SceneHash),
            new PngText("RenderFarm:provenance", JsonSerializer.Serialize(provenance)),
        ];
    }

    internal static string Version =>
        typeof(RenderRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    internal static string DotNet => RuntimeInformation.FrameworkDescription;

    public void Dispose() => _device?.Dispose();
}
