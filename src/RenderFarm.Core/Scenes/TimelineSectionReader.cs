using YamlDotNet.RepresentationModel;

namespace RenderFarm.Core.Scenes;

/// <summary>
/// Reads a video's <c>timeline:</c>, a list of one-key mappings (<c>- hold: {...}</c>), then plays
/// it through without data to refuse what could only fail later: layouts of another
/// dimensionality, an orbit without a 3-D view, fades of overlays that are off, steps shorter than a
/// frame, and more frames than <see cref="MaxFrames"/>.
/// </summary>
internal static class TimelineSectionReader
{
    /// <summary>About 55 minutes at 30 fps: beyond it a scene is probably mistyped (a 3600 for 36).</summary>
    public const int MaxFrames = 100_000;

    public static IReadOnlyList<TimelineStep> Read(SceneMap entry, TimelineContext context)
    {
        YamlNode node = entry.Node("timeline") ?? throw entry.ErrorAt("timeline", "required: a video needs a list of steps (hold, morph, camera, ...)");
        if (node is not YamlSequenceNode sequence)
        {
            throw entry.ErrorAt("timeline", $"expected a list of steps (- hold: {{seconds: 2}}), got {SceneValues.DescribeShape(node)}");
        }

        if (sequence.Children.Count == 0)
        {
            throw entry.ErrorAt("timeline", "a video needs at least one step");
        }

        var steps = new List<TimelineStep>();
        for (int i = 0; i < sequence.Children.Count; i++)
        {
            string path = $"{entry.Qualified("timeline")}[{i}]";
            if (sequence.Children[i] is not YamlMappingNode item)
            {
                throw entry.Error(sequence.Children[i], path, $"expected a step such as hold: {{seconds: 2}}, got {SceneValues.DescribeShape(sequence.Children[i])}");
            }

            var itemMap = new SceneMap(item, entry.File, path);
            itemMap.RejectUnknownKeys(SceneKeys.TimelineStep);
            string[] words = itemMap.Keys.ToArray();
            if (words.Length != 1)
            {
                throw entry.Error(item, path, $"a step holds exactly one of {string.Join(", ", SceneKeys.TimelineStep)}; start a new '- ' item for each");
            }

            SceneMap stepMap = itemMap.Map(words[0]) ?? throw itemMap.ErrorAt(words[0], "expected a mapping of step settings (seconds, ...)");
            steps.Add(TimelineStepReader.Read(words[0], stepMap, itemMap.LocationOf(words[0]), context.Layouts));
        }

        CheckSequence(entry, steps, context);
        return steps;
    }

    private static void CheckSequence(SceneMap entry, List<TimelineStep> steps, TimelineContext context)
    {
        string current = context.Start.Name;
        double seconds = 0;
        foreach (TimelineStep step in steps)
        {
            switch (step)
            {
                case HoldStep hold:
                    current = Use(hold, "layout", hold.Layout, context) ?? current;
                    break;
                case MorphStep morph:
                    string from = Use(morph, "from", morph.From, context) ?? current;
                    current = Use(morph, "to", morph.To, context)!;
                    if (from == current)
                    {
                        throw morph.LocationOf("to").Error($"the morph starts and ends on '{current}'; use hold: to stay");
                    }

                    break;
                case CameraStep { To: ViewTarget view } when view.Center.Count != (context.Perspective ? 3 : 2):
                    throw step.LocationOf("to").Error($"center needs {(context.Perspective ? 3 : 2)} numbers for this {(context.Perspective ? "3-D" : "2-D")} view, got {view.Center.Count}");
                case OrbitStep when !context.Perspective:
                    throw step.LocationOf("").Error($"an orbit turns a 3-D view; '{context.Start.Name}' is 2-D (use a dims: 3 layout or style: terrain, or camera: to pan and zoom)");
                case FadeStep fade when !context.Overlays.IsEnabled(fade.Overlay):
                    throw step.LocationOf("overlay").Error($"the {OverlayWord(fade.Overlay)} overlay is off for this output; turn it on under overlays: to fade it");
                case SweepStep sweep:
                    Use(sweep, "layout", sweep.Layout, context);
                    current = sweep.SetName(sweep.Values.Count - 1);
                    break;
                case ReplayStep replay:
                    current = Use(replay, "layout", replay.Layout, context)!;
                    break;
            }

            int first = TimelineStep.FrameAt(seconds, context.Fps);
            seconds += step.Seconds;
            if (TimelineStep.FrameAt(seconds, context.Fps) <= first)
            {
                throw step.LocationOf(step is SweepStep ? "seconds_each" : "seconds").Error($"shorter than one frame at {context.Fps} fps");
            }
        }

        int frames = TimelineStep.FrameAt(seconds, context.Fps);
        if (frames > MaxFrames)
        {
            throw entry.LocationOf("timeline").Error($"the timeline lasts {seconds:0.###} s, {frames:N0} frames at {context.Fps} fps; the most is {MaxFrames:N0}");
        }
    }

    /// <summary>Checks a layout a step shows against the video's dimensionality and style; returns its name.</summary>
    private static string? Use(TimelineStep step, string key, string? name, TimelineContext context)
    {
        if (name is null)
        {
            return null;
        }

        LayoutSpec layout = context.Layouts.First(l => l.Name == name);
        if (layout.Dims != context.Start.Dims)
        {
            // Morphing 2-D into 3-D would need a z for the 2-D layout that means nothing; refuse instead of inventing one.
            throw step.LocationOf(key).Error($"'{name}' is {layout.Dims}-D and this video starts from {context.Start.Dims}-D '{context.Start.Name}'; a video keeps one dimensionality (give the layouts the same dims:)");
        }

        if (context.Style == OutputStyle.GridMosaic && layout.Method != LayoutMethod.Grid)
        {
            throw step.LocationOf(key).Error($"a grid-mosaic video shows only grid layouts, and '{name}' is {layout.Method.ToString().ToLowerInvariant()}");
        }

        return name;
    }

    private static string OverlayWord(Overlay overlay) => overlay == Overlay.ClusterLabels ? "cluster_labels" : overlay.ToString().ToLowerInvariant();
}
