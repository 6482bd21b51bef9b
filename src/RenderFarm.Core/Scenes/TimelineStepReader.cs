using YamlDotNet.RepresentationModel;

namespace RenderFarm.Core.Scenes;

/// <summary>Parses one step of a timeline (its keys, types and ranges); the reader then checks the sequence.</summary>
internal static class TimelineStepReader
{
    public const double MaxStepSeconds = 3600;

    private static readonly Dictionary<string, Easing> Easings = new()
    {
        ["linear"] = Easing.Linear, ["ease-in"] = Easing.EaseIn, ["ease-out"] = Easing.EaseOut, ["ease-in-out"] = Easing.EaseInOut,
    };

    private static readonly Dictionary<string, StaggerBy> Staggers = new() { ["none"] = StaggerBy.None, ["cluster"] = StaggerBy.Cluster, ["label"] = StaggerBy.Label };

    private static readonly Dictionary<string, Overlay> Overlays = new()
    {
        ["title"] = Overlay.Title, ["legend"] = Overlay.Legend, ["cluster_labels"] = Overlay.ClusterLabels, ["caption"] = Overlay.Caption,
    };

    /// <summary>The layout parameters a sweep may vary, with the ranges the layouts section allows.</summary>
    internal static readonly Dictionary<LayoutMethod, Dictionary<string, (double Min, double Max, bool Integer)>> SweepParameters = new()
    {
        [LayoutMethod.Umap] = new() { ["n_neighbors"] = (2, 1000, true), ["min_dist"] = (0, 100, false), ["spread"] = (1e-6, 100, false) },
        [LayoutMethod.Tsne] = new() { ["perplexity"] = (1e-3, 1e5, false), ["exaggeration"] = (1, 1000, false) },
    };

    public static TimelineStep Read(string word, SceneMap step, SceneLocation self, IReadOnlyList<LayoutSpec> layouts) => word switch
    {
        "hold" => Hold(Checked(step, SceneKeys.Hold), self, layouts),
        "morph" => Morph(Checked(step, SceneKeys.Morph), self, layouts),
        "camera" => Camera(Checked(step, SceneKeys.Camera), self),
        "orbit" => new OrbitStep
        {
            Seconds = Seconds(Checked(step, SceneKeys.Orbit), "seconds"), Locations = Where(step, self),
            Degrees = step.Double("degrees", -36_000, 36_000) ?? 360, Easing = step.Choice("easing", Easings) ?? Easing.Linear,
        },
        "fade" => Fade(Checked(step, SceneKeys.Fade), self),
        "sweep" => Sweep(Checked(step, SceneKeys.Sweep), self, layouts),
        "replay" => Replay(Checked(step, SceneKeys.Replay), self, layouts),
        _ => throw new ArgumentOutOfRangeException(nameof(word), word, "not a timeline step"),
    };

    private static HoldStep Hold(SceneMap step, SceneLocation self, IReadOnlyList<LayoutSpec> layouts) => new()
    {
        Seconds = Seconds(step, "seconds"), Locations = Where(step, self),
        Layout = step.Has("layout") ? LayoutReference.Resolve(step, "layout", layouts).Name : null,
    };

    private static MorphStep Morph(SceneMap step, SceneLocation self, IReadOnlyList<LayoutSpec> layouts) => new()
    {
        Seconds = Seconds(step, "seconds"), Locations = Where(step, self),
        From = step.Has("from") ? LayoutReference.Resolve(step, "from", layouts).Name : null,
        To = LayoutReference.Resolve(step, "to", layouts).Name,
        Easing = step.Choice("easing", Easings) ?? Easing.EaseInOut,
        Stagger = step.Choice("stagger", Staggers) ?? StaggerBy.None,
        StaggerSpread = step.Double("stagger_spread", 0, 0.95) ?? 0.5,
    };

    private static CameraStep Camera(SceneMap step, SceneLocation self)
    {
        YamlNode to = step.Node("to") ?? throw step.ErrorAt("to", "required: fit, {cluster: N} or {center: [x, y], height: H}");
        CameraTarget target;
        if (to is YamlScalarNode scalar)
        {
            target = scalar.Value == "fit" ? new FitTarget() : throw step.ErrorAt("to", $"expected fit, {{cluster: N}} or {{center: [x, y], height: H}}, got '{scalar.Value}'");
        }
        else
        {
            SceneMap map = step.Map("to")!;
            map.RejectUnknownKeys(SceneKeys.CameraTo);
            int? cluster = map.Int("cluster", 0, 100_000);
            double[]? center = SceneValues.Numbers(map, "center", 2, 3, -1e12, 1e12);
            double? height = map.Double("height", 1e-9, 1e12);
            target = (cluster, center, height) switch
            {
                ({ } n, null, null) => new ClusterTarget(n),
                (null, { } c, { } h) => new ViewTarget(c, h),
                (null, { }, null) => throw map.ErrorAt("height", "required with center: the world height to show"),
                (null, null, { }) => throw map.ErrorAt("center", "required with height: the point to look at"),
                (null, null, null) => throw step.ErrorAt("to", "expected cluster: N, or center: and height:"),
                _ => throw map.ErrorAt("cluster", "give cluster: or center: with height:, not both"),
            };
        }

        return new CameraStep { Seconds = Seconds(step, "seconds"), Locations = Where(step, self), To = target, Easing = step.Choice("easing", Easings) ?? Easing.EaseInOut };
    }

    private static FadeStep Fade(SceneMap step, SceneLocation self) => new()
    {
        Seconds = Seconds(step, "seconds"), Locations = Where(step, self),
        Overlay = step.Choice("overlay", Overlays) ?? throw step.ErrorAt("overlay", $"required: one of {string.Join(", ", Overlays.Keys)}"),
        From = step.Double("from", 0, 1),
        To = step.Double("to", 0, 1) ?? throw step.ErrorAt("to", "required: the opacity to reach, 0 (hidden) to 1"),
        Easing = step.Choice("easing", Easings) ?? Easing.Linear,
    };

    private static SweepStep Sweep(SceneMap step, SceneLocation self, IReadOnlyList<LayoutSpec> layouts)
    {
        LayoutSpec layout = OptimisedLayout(step, layouts, "sweep");
        Dictionary<string, (double Min, double Max, bool Integer)> allowed = SweepParameters[layout.Method];
        string parameter = step.String("parameter") ?? throw step.ErrorAt("parameter", $"required: one of {string.Join(", ", allowed.Keys)}");
        if (!allowed.TryGetValue(parameter, out var range))
        {
            throw step.ErrorAt("parameter", $"a {layout.Method.ToString().ToLowerInvariant()} sweep can vary {string.Join(", ", allowed.Keys)}, not '{parameter}'");
        }

        double[] values = SceneValues.Numbers(step, "values", 2, 100, range.Min, range.Max)
            ?? throw step.ErrorAt("values", "required: the values to pass through, in order (at least 2)");
        if (range.Integer && values.Any(v => v != Math.Floor(v)))
        {
            throw step.ErrorAt("values", $"{parameter} takes whole numbers");
        }

        double each = Seconds(step, "seconds_each");
        return new SweepStep
        {
            Seconds = each * values.Length, Locations = Where(step, self), Layout = layout.Name, Parameter = parameter, Values = values,
            SecondsEach = each, Easing = step.Choice("easing", Easings) ?? Easing.EaseInOut,
        };
    }

    private static ReplayStep Replay(SceneMap step, SceneLocation self, IReadOnlyList<LayoutSpec> layouts) => new()
    {
        Layout = OptimisedLayout(step, layouts, "replay").Name,
        Every = step.Int("every", 1, 100_000) ?? 10,
        Seconds = Seconds(step, "seconds"), Locations = Where(step, self),
    };

    /// <summary>Sweeps and replays need an optimised layout (UMAP or t-SNE): PCA and grids have no parameters to vary or iterations to show.</summary>
    private static LayoutSpec OptimisedLayout(SceneMap step, IReadOnlyList<LayoutSpec> layouts, string word)
    {
        LayoutSpec layout = LayoutReference.Resolve(step, "layout", layouts);
        return layout.Method is LayoutMethod.Umap or LayoutMethod.Tsne
            ? layout
            : throw step.ErrorAt("layout", $"a {word} needs a umap or tsne layout; '{layout.Name}' is {layout.Method.ToString().ToLowerInvariant()}");
    }

    private static SceneMap Checked(SceneMap step, IReadOnlyList<string> keys)
    {
        step.RejectUnknownKeys(keys);
        return step;
    }

    private static double Seconds(SceneMap step, string key) =>
        step.Double(key, 1e-3, MaxStepSeconds) ?? throw step.ErrorAt(key, "required: how long the step lasts, in seconds");

    private static Dictionary<string, SceneLocation> Where(SceneMap step, SceneLocation self) => SceneValues.Locations(step, "", self);
}
