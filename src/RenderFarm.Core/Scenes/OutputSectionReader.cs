namespace RenderFarm.Core.Scenes;

/// <summary>
/// Reads <c>outputs:</c>, a mapping from names the user picks to images and videos. An entry's kind
/// is written, or implied by its name (poster, image; video, movie), its file extension or a
/// timeline. Everything that can be checked without the data is checked here, before any work.
/// </summary>
internal static class OutputSectionReader
{
    public const int MaxImageSide = 32_768;

    /// <summary>H.264 level 6.2's largest frame side; x264 refuses larger.</summary>
    public const int MaxVideoSide = 4_096;

    public const int MinSide = 16;

    private static readonly Dictionary<string, OutputKind> Kinds = new() { ["image"] = OutputKind.Image, ["video"] = OutputKind.Video };

    private static readonly Dictionary<string, OutputKind> KindsByName = new()
    {
        ["image"] = OutputKind.Image, ["poster"] = OutputKind.Image, ["png"] = OutputKind.Image,
        ["video"] = OutputKind.Video, ["movie"] = OutputKind.Video, ["mp4"] = OutputKind.Video, ["transition"] = OutputKind.Video,
    };

    private static readonly Dictionary<string, OutputStyle> Styles = new()
    {
        ["sprites"] = OutputStyle.Sprites, ["points"] = OutputStyle.Points, ["terrain"] = OutputStyle.Terrain, ["grid-mosaic"] = OutputStyle.GridMosaic,
    };

    private static readonly Dictionary<string, SpriteMode> SpriteModes = new() { ["threshold"] = SpriteMode.Threshold, ["opaque"] = SpriteMode.Opaque };

    private static readonly Dictionary<string, ColorBy> ColorBys = new() { ["label"] = ColorBy.Label, ["cluster"] = ColorBy.Cluster };

    private static readonly Dictionary<string, HighlightMode> Highlights = new() { ["new"] = HighlightMode.New, ["none"] = HighlightMode.None };

    private static readonly Dictionary<string, SizeUnits> Units = new() { ["pixels"] = SizeUnits.Pixels, ["world"] = SizeUnits.World };

    private static readonly Dictionary<string, bool> Orientations = new() { ["portrait"] = false, ["landscape"] = true };

    private static readonly string[] Presets = ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo"];

    private static readonly string[] Common = ["kind", "layout", "style", "size", "item_size", "size_units", "sprite_mode", "border", "color_by", "overlays", "file", "highlight", "surface"];

    internal static readonly Dictionary<OutputKind, string[]> KeysByKind = new()
    {
        [OutputKind.Image] = [.. Common, "paper", "orientation", "dpi"],
        [OutputKind.Video] = [.. Common, "fps", "crf", "preset", "timeline"],
    };

    public static IReadOnlyList<OutputSpec> Read(SceneMap? section, IReadOnlyList<LayoutSpec> layouts, DatasetSpec dataset)
    {
        if (section is null)
        {
            return [];
        }

        var outputs = new List<OutputSpec>();
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in section.Keys)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"))
            {
                throw section.LocationOf(name).Error("an output name must be a file name: letters, digits, '.', '_' and '-'");
            }

            SceneMap entry = section.Map(name) ?? throw section.ErrorAt(name, "expected a mapping of output settings (kind, layout, size, ...)");
            OutputSpec output = ReadEntry(section, entry, name, layouts, dataset);
            if (!files.TryAdd(output.FileName, name))
            {
                throw output.LocationOf(entry.Has("file") ? "file" : name).Error($"output '{files[output.FileName]}' already writes {output.FileName}; give one of them another file:");
            }

            outputs.Add(output);
        }

        return outputs;
    }

    private static OutputSpec ReadEntry(SceneMap section, SceneMap entry, string name, IReadOnlyList<LayoutSpec> layouts, DatasetSpec dataset)
    {
        OutputKind kind = entry.Choice("kind", Kinds) ?? ImpliedKind(entry, name)
            ?? throw section.ErrorAt(name, "say which kind: add kind: image|video");
        entry.RejectUnknownKeys(KeysByKind[kind]);
        string extension = kind == OutputKind.Image ? ".png" : ".mp4";

        LayoutSpec layout = entry.Has("layout") ? LayoutReference.Resolve(entry, "layout", layouts)
            : layouts.Count == 1 ? layouts[0]
            : throw section.ErrorAt(name, $"say which layout to draw: add layout: with one of {(layouts.Count == 0 ? "(none: add a layouts: section)" : string.Join(", ", layouts.Select(l => l.Name)))}");
        OutputStyle style = entry.Choice("style", Styles) ?? OutputStyle.Sprites;
        CheckStyle(entry, style, layout);

        bool spriteLike = style is OutputStyle.Sprites or OutputStyle.GridMosaic;
        foreach (string key in new[] { "sprite_mode", "border" })
        {
            if (entry.Has(key) && !spriteLike)
            {
                throw entry.ErrorAt(key, "only for style sprites or grid-mosaic");
            }
        }

        if (style == OutputStyle.GridMosaic && (entry.Has("item_size") || entry.Has("size_units")))
        {
            throw entry.ErrorAt(entry.Has("item_size") ? "item_size" : "size_units", "a grid mosaic's tiles fill their cells edge to edge; remove it");
        }

        bool surface = entry.Bool("surface") ?? false;
        if (entry.Has("surface") && style != OutputStyle.Terrain)
        {
            throw entry.ErrorAt("surface", "only for style terrain (the surface is made from the items' terrain heights)");
        }

        SpriteMode spriteMode = entry.Choice("sprite_mode", SpriteModes) ?? (dataset.Kind == DatasetKind.Idx ? SpriteMode.Threshold : SpriteMode.Opaque);
        bool border = entry.Bool("border") ?? false;
        if (border && spriteMode == SpriteMode.Threshold)
        {
            throw entry.ErrorAt("border", "a border needs sprite_mode: opaque (thresholded sprites have no edge to draw it on)");
        }

        (int width, int height, int? dpi) = kind == OutputKind.Image ? ImageSize(entry) : VideoSize(entry);
        var locations = SceneValues.Locations(entry, name, section.LocationOf(name));
        var common = new
        {
            Layout = layout.Name,
            ItemSize = entry.Double("item_size", 1e-9, 1e9),
            SizeUnits = entry.Choice("size_units", Units) ?? SizeUnits.Pixels,
            ColorBy = entry.Choice("color_by", ColorBys),
            Overlays = ReadOverlays(entry.Map("overlays")),
            FileName = FileName(entry, name, extension),
            Highlight = entry.Choice("highlight", Highlights) ?? HighlightMode.None,
            Surface = surface,
        };

        if (kind == OutputKind.Image)
        {
            return new ImageOutputSpec
            {
                Name = name, Layout = common.Layout, Style = style, Width = width, Height = height, ItemSize = common.ItemSize,
                SizeUnits = common.SizeUnits, SpriteMode = spriteMode, Border = border, ColorBy = common.ColorBy,
                Overlays = common.Overlays, FileName = common.FileName, Locations = locations, Dpi = dpi, Highlight = common.Highlight, Surface = common.Surface,
            };
        }

        int fps = entry.Int("fps", 1, 120) ?? 30;
        var context = new TimelineContext(layouts, layout, style, common.Overlays, fps);
        return new VideoOutputSpec
        {
            Name = name, Layout = common.Layout, Style = style, Width = width, Height = height, ItemSize = common.ItemSize,
            SizeUnits = common.SizeUnits, SpriteMode = spriteMode, Border = border, ColorBy = common.ColorBy,
            Overlays = common.Overlays, FileName = common.FileName, Locations = locations, Highlight = common.Highlight, Surface = common.Surface,
            Fps = fps,
            Crf = entry.Int("crf", 0, 51) ?? 20,
            Preset = Preset(entry),
            Timeline = TimelineSectionReader.Read(entry, context),
        };
    }

    private static OutputKind? ImpliedKind(SceneMap entry, string name)
    {
        if (KindsByName.TryGetValue(name, out OutputKind byName))
        {
            return byName;
        }

        string? file = entry.String("file");
        if (file is not null && (file.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase)))
        {
            return file.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? OutputKind.Image : OutputKind.Video;
        }

        return entry.Has("timeline") ? OutputKind.Video : null;
    }

    private static void CheckStyle(SceneMap entry, OutputStyle style, LayoutSpec layout)
    {
        if (style == OutputStyle.GridMosaic && layout.Method != LayoutMethod.Grid)
        {
            throw entry.ErrorAt("style", $"grid-mosaic draws a grid layout, and '{layout.Name}' is {layout.Method.ToString().ToLowerInvariant()}; point layout: at a grid (layouts: NAME: {{source: {layout.Name}}})");
        }

        if (style == OutputStyle.Terrain && layout.Dims != 2)
        {
            throw entry.ErrorAt("style", $"terrain raises a 2-D layout into 3-D, and '{layout.Name}' is already {layout.Dims}-D");
        }
    }

    /// <summary>The poster's pixels from size: or from paper: at dpi: (300 unless written), and the dpi to record.</summary>
    private static (int Width, int Height, int? Dpi) ImageSize(SceneMap entry)
    {
        string? paper = entry.String("paper");
        if (paper is null)
        {
            if (entry.Has("orientation"))
            {
                throw entry.ErrorAt("orientation", "only with paper:");
            }

            (int width, int height) = Size(entry, MaxImageSide, even: false) ?? (4096, 4096);
            return (width, height, entry.Int("dpi", 1, 10_000));
        }

        if (entry.Has("size"))
        {
            throw entry.ErrorAt("paper", "give size: or paper:, not both");
        }

        if (!PaperSizes.Millimetres.ContainsKey(paper))
        {
            throw entry.ErrorAt("paper", $"'{paper}' is not one of: {string.Join(", ", PaperSizes.Millimetres.Keys)}");
        }

        int dpi = entry.Int("dpi", 1, 10_000) ?? 300;
        bool landscape = entry.Choice("orientation", Orientations) ?? false;
        (long paperWidth, long paperHeight) = PaperSizes.Pixels(paper, dpi, landscape);
        if (paperWidth > MaxImageSide || paperHeight > MaxImageSide)
        {
            throw entry.ErrorAt(entry.Has("dpi") ? "dpi" : "paper", $"{paper} at {dpi} dpi is {paperWidth}×{paperHeight} pixels; a poster has at most {MaxImageSide} on a side");
        }

        return ((int)paperWidth, (int)paperHeight, dpi);
    }

    private static (int Width, int Height, int? Dpi) VideoSize(SceneMap entry)
    {
        (int width, int height) = Size(entry, MaxVideoSide, even: true) ?? (1920, 1080);
        return (width, height, null);
    }

    private static (int Width, int Height)? Size(SceneMap entry, int maxSide, bool even)
    {
        double[]? size = SceneValues.Numbers(entry, "size", 2, 2, double.MinValue, double.MaxValue);
        if (size is null)
        {
            return null;
        }

        string what = even ? "video" : "image";
        for (int i = 0; i < 2; i++)
        {
            string side = i == 0 ? "width" : "height";
            if (size[i] != Math.Floor(size[i]))
            {
                throw entry.ErrorAt("size", $"the {side} must be a whole number of pixels, got {size[i]}");
            }

            if (size[i] < MinSide || size[i] > maxSide)
            {
                string why = even ? $" (the largest frame H.264 encoders accept)" : " (larger posters would not fit in memory to encode)";
                throw entry.ErrorAt("size", $"the {side} of a{(even ? "" : "n")} {what} must be between {MinSide} and {maxSide} pixels{why}, got {size[i]}");
            }

            if (even && size[i] % 2 != 0)
            {
                throw entry.ErrorAt("size", $"the {side} must be even, got {size[i]}: H.264 in yuv420p stores colour at half resolution, so both sides must divide by 2");
            }
        }

        return ((int)size[0], (int)size[1]);
    }

    private static OverlaySpec ReadOverlays(SceneMap? map)
    {
        if (map is null)
        {
            return new OverlaySpec();
        }

        map.RejectUnknownKeys(SceneKeys.Overlays);
        var defaults = new OverlaySpec();
        string? title = map.String("title");
        return new OverlaySpec
        {
            Title = string.IsNullOrWhiteSpace(title) ? null : title,
            Legend = map.Bool("legend") ?? defaults.Legend,
            ClusterLabels = map.Bool("cluster_labels") ?? defaults.ClusterLabels,
            Caption = map.Bool("caption") ?? defaults.Caption,
        };
    }

    private static string FileName(SceneMap entry, string name, string extension)
    {
        string? file = entry.String("file");
        if (file is null)
        {
            return name + extension;
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(file, "^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"))
        {
            throw entry.ErrorAt("file", $"'{file}' must be a plain file name (no folders): letters, digits, '.', '_' and '-'");
        }

        return file.EndsWith(extension, StringComparison.OrdinalIgnoreCase)
            ? file
            : throw entry.ErrorAt("file", $"this output writes {(extension == ".png" ? "a PNG" : "an MP4")}; the name must end in {extension}");
    }

    private static string Preset(SceneMap entry)
    {
        string preset = entry.String("preset") ?? "medium";
        return Presets.Contains(preset) ? preset : throw entry.ErrorAt("preset", $"'{preset}' is not an x264 preset: {string.Join(", ", Presets)}");
    }
}
