namespace RenderFarm.Core.Scenes;

/// <summary>How a move speeds up and slows down: <c>t</c> in [0, 1] maps to progress in [0, 1].</summary>
public enum Easing
{
    Linear,

    /// <summary>Cubic: starts at rest.</summary>
    EaseIn,

    /// <summary>Cubic: ends at rest.</summary>
    EaseOut,

    /// <summary>Cubic: starts and ends at rest, so consecutive moves join without a jolt.</summary>
    EaseInOut,
}

/// <summary>What makes groups of items start a morph at different times.</summary>
public enum StaggerBy
{
    None,
    Cluster,
    Label,
}

/// <summary>
/// One step of a video's <c>timeline:</c>. Steps play one after another; each covers the frames
/// from the rounded start time × fps to the rounded end time × fps, so rounding never accumulates.
/// </summary>
public abstract record TimelineStep
{
    public double Seconds { get; init; }

    /// <summary>Where each key of the step was written; "" is the step's own key (hold, morph, ...).</summary>
    public required IReadOnlyDictionary<string, SceneLocation> Locations { get; init; }

    /// <summary>The word that introduces the step in the scene (hold, morph, ...).</summary>
    public abstract string Word { get; }

    public SceneLocation LocationOf(string key) =>
        Locations.TryGetValue(key, out SceneLocation? location) ? location : Locations[""];

    /// <summary>The frame that starts at <paramref name="seconds"/> into the video.</summary>
    public static int FrameAt(double seconds, int fps) => (int)Math.Round(seconds * fps, MidpointRounding.AwayFromZero);
}

/// <summary>Keeps still (cutting to <see cref="Layout"/> first when it names another layout).</summary>
public sealed record HoldStep : TimelineStep
{
    /// <summary>Null: the layout on screen.</summary>
    public string? Layout { get; init; }

    public override string Word => "hold";
}

/// <summary>Moves every item from its place in one layout to its place in another.</summary>
public sealed record MorphStep : TimelineStep
{
    /// <summary>Null: the layout on screen (naming another cuts to it first).</summary>
    public string? From { get; init; }

    public required string To { get; init; }

    public Easing Easing { get; init; } = Easing.EaseInOut;

    public StaggerBy Stagger { get; init; } = StaggerBy.None;

    /// <summary>The share of the step over which group start times spread (0 ≤ x &lt; 1); each group moves for the rest.</summary>
    public double StaggerSpread { get; init; } = 0.5;

    public override string Word => "morph";
}

/// <summary>Where a camera step goes.</summary>
public abstract record CameraTarget;

/// <summary>Back to following the items: the view fits their bounds with a margin.</summary>
public sealed record FitTarget : CameraTarget;

/// <summary>The view that fits cluster <see cref="Cluster"/> (0-based) of the layout on screen.</summary>
public sealed record ClusterTarget(int Cluster) : CameraTarget;

/// <summary>
/// An explicit view: <see cref="Center"/> (2 numbers for 2-D, 3 for 3-D) and the world height
/// visible there (3-D: at the target's distance).
/// </summary>
public sealed record ViewTarget(IReadOnlyList<double> Center, double Height) : CameraTarget;

/// <summary>Pans and zooms (2-D) or flies (3-D) to a target; the view then stays until the next camera step.</summary>
public sealed record CameraStep : TimelineStep
{
    public required CameraTarget To { get; init; }

    public Easing Easing { get; init; } = Easing.EaseInOut;

    public override string Word => "camera";
}

/// <summary>3-D: turns the camera about the vertical axis through the items' centroid, at constant distance.</summary>
public sealed record OrbitStep : TimelineStep
{
    public double Degrees { get; init; } = 360;

    /// <summary>Linear by default so that a 360° orbit loops seamlessly.</summary>
    public Easing Easing { get; init; } = Easing.Linear;

    public override string Word => "orbit";
}

/// <summary>Changes an overlay's opacity.</summary>
public sealed record FadeStep : TimelineStep
{
    public required Overlay Overlay { get; init; }

    /// <summary>Null: the opacity it has when the step starts.</summary>
    public double? From { get; init; }

    public required double To { get; init; }

    public Easing Easing { get; init; } = Easing.Linear;

    public override string Word => "fade";
}

/// <summary>
/// Morphs through copies of <see cref="Layout"/> computed with <see cref="Parameter"/> set to each of
/// <see cref="Values"/> in turn (each warm-started from the previous, by the layouts engine), from the
/// layout on screen into the first. The engine supplies them as the sequence <see cref="SequenceName"/>.
/// </summary>
public sealed record SweepStep : TimelineStep
{
    public required string Layout { get; init; }

    public required string Parameter { get; init; }

    public required IReadOnlyList<double> Values { get; init; }

    public required double SecondsEach { get; init; }

    public Easing Easing { get; init; } = Easing.EaseInOut;

    public override string Word => "sweep";

    /// <summary>The key under which the coordinate sets, one per value in order, are expected.</summary>
    public string SequenceName => $"{Layout}.{Parameter}={string.Join(",", Values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))}";

    /// <summary>The caption of value <paramref name="index"/>, e.g. "umap n_neighbors=50".</summary>
    public string SetName(int index) => $"{Layout} {Parameter}={Values[index].ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>
/// Plays the optimisation of <see cref="Layout"/>: a snapshot every <see cref="Every"/> iterations
/// (epochs for UMAP), spread evenly over the step and interpolated between, ending on the final
/// layout. The layouts engine supplies the snapshots as the sequence <see cref="SequenceName"/>.
/// </summary>
public sealed record ReplayStep : TimelineStep
{
    public required string Layout { get; init; }

    public required int Every { get; init; }

    public override string Word => "replay";

    public string SequenceName => $"{Layout}.replay/{Every}";
}
