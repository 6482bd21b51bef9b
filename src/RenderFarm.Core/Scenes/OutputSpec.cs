namespace RenderFarm.Core.Scenes;

/// <summary>
/// One named entry of <c>outputs:</c>, checked against the scene's layouts when read. Checks that
/// need the data (labels present, enough pixels per grid cell) are in <see cref="OutputChecks"/>.
/// </summary>
public abstract record OutputSpec
{
    public required string Name { get; init; }

    public abstract OutputKind Kind { get; }

    /// <summary>The layout drawn (for a video: the one the timeline starts from).</summary>
    public required string Layout { get; init; }

    public OutputStyle Style { get; init; } = OutputStyle.Sprites;

    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>Sprite side or point diameter in <see cref="SizeUnits"/>; null lets <see cref="AutoItemSizePixels"/> decide.</summary>
    public double? ItemSize { get; init; }

    public SizeUnits SizeUnits { get; init; } = SizeUnits.Pixels;

    public SpriteMode SpriteMode { get; init; } = SpriteMode.Threshold;

    /// <summary>Opaque sprites: a border in the item's class or cluster colour.</summary>
    public bool Border { get; init; }

    /// <summary>Terrain: a smooth, lit height field through the items' heights under the spheres.</summary>
    public bool Surface { get; init; }

    /// <summary>Null: by label when the dataset has labels, else by cluster (see <see cref="OutputChecks.ResolveColorBy"/>).</summary>
    public ColorBy? ColorBy { get; init; }

    public OverlaySpec Overlays { get; init; } = new();

    /// <summary>
    /// <see cref="HighlightMode.New"/>: items the previous run of the scene did not have stand out,
    /// so a re-render shows at a glance where the new images landed.
    /// </summary>
    public HighlightMode Highlight { get; init; } = HighlightMode.None;

    /// <summary>File name inside the run folder: NAME.png or NAME.mp4 unless set.</summary>
    public required string FileName { get; init; }

    /// <summary>Where each key of this entry was written; the entry itself under its name.</summary>
    public required IReadOnlyDictionary<string, SceneLocation> Locations { get; init; }

    public SceneLocation LocationOf(string key) =>
        Locations.TryGetValue(key, out SceneLocation? location) ? location : Locations[Name];

    /// <summary>One line for validate and logs, e.g. "poster: image 8192×8192, grid-mosaic of 'grid' → poster.png".</summary>
    public virtual string Summary =>
        $"{Name}: {Kind.ToString().ToLowerInvariant()} {Width}×{Height}, {StyleWord} of '{Layout}' → {FileName}";

    private string StyleWord => Style == OutputStyle.GridMosaic ? "grid-mosaic" : Style.ToString().ToLowerInvariant();

    /// <summary>
    /// The default item size in pixels: sprites large enough that all items together would cover
    /// about a third of the frame (so clusters read as shapes, not as a carpet), within 4–64 px;
    /// points a fixed 4 px.
    /// </summary>
    public double AutoItemSizePixels(int itemCount)
    {
        if (Style is OutputStyle.Points or OutputStyle.Terrain)
        {
            return 4;
        }

        double side = Math.Sqrt(Width * (double)Height * 0.35 / Math.Max(1, itemCount));
        return Math.Clamp(Math.Round(side), 4, 64);
    }
}

/// <summary>A PNG poster.</summary>
public sealed record ImageOutputSpec : OutputSpec
{
    public override OutputKind Kind => OutputKind.Image;

    /// <summary>Dots per inch recorded in the PNG (and used with <c>paper</c> to size it); null records none.</summary>
    public int? Dpi { get; init; }
}

/// <summary>An H.264 MP4 whose frames come from a timeline.</summary>
public sealed record VideoOutputSpec : OutputSpec
{
    public override OutputKind Kind => OutputKind.Video;

    public int Fps { get; init; } = 30;

    /// <summary>x264 constant rate factor: 0 lossless … 51 worst; 18–23 looks good.</summary>
    public int Crf { get; init; } = 20;

    /// <summary>An x264 preset name (ultrafast … placebo).</summary>
    public string Preset { get; init; } = "medium";

    /// <summary>The steps, played one after another.</summary>
    public required IReadOnlyList<TimelineStep> Timeline { get; init; }

    /// <summary>Frames of the whole video: the timeline's length in seconds × fps, rounded.</summary>
    public int FrameCount => TimelineStep.FrameAt(Timeline.Sum(s => s.Seconds), Fps);

    public override string Summary =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{base.Summary}; {Timeline.Sum(s => s.Seconds):0.###} s at {Fps} fps = {FrameCount:N0} frames ({string.Join(", ", Timeline.Select(s => s.Word))}), crf {Crf}, {Preset}");
}
