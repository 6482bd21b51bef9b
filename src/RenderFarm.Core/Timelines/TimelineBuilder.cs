using RenderFarm.Core.Scenes;

namespace RenderFarm.Core.Timelines;

/// <summary>
/// Plays a video's steps through once, without drawing, to give each step the state it starts in
/// (layout on screen, camera, overlay opacities) and the data it moves through; the checks that
/// need the data (clusters that exist, groups to stagger by) fail here, naming the scene line.
/// </summary>
internal sealed class TimelineBuilder
{
    private readonly VideoOutputSpec _spec;
    private readonly TimelineInputs _inputs;
    private readonly bool _perspective;
    private readonly double _aspect;
    private readonly float[] _opacity = new float[4];
    private NamedCoordinates _current;
    private bool _follow = true;
    private CameraPose _fixed;
    private double _azimuth = Framing.DefaultAzimuthRadians;
    private double _elevation = Framing.DefaultElevationRadians;

    public TimelineBuilder(VideoOutputSpec spec, TimelineInputs inputs)
    {
        _spec = spec;
        _inputs = inputs;
        _perspective = Framing.IsPerspective(spec, inputs.Dims);
        _aspect = spec.Width / (double)spec.Height;
        _current = inputs.Layout(spec.Layout);
        foreach (Overlay overlay in Enum.GetValues<Overlay>())
        {
            _opacity[(int)overlay] = spec.Overlays.IsEnabled(overlay) ? 1 : 0;
        }

        if (inputs.Labels is { } labels && labels.Length != inputs.ItemCount)
            throw new ArgumentException($"{labels.Length} labels for {inputs.ItemCount} items");
    }

    public bool Perspective => _perspective;

    public double Aspect => _aspect;

    public Segment[] Build()
    {
        var segments = new Segment[_spec.Timeline.Count];
        double seconds = 0;
        for (int i = 0; i < segments.Length; i++)
        {
            TimelineStep step = _spec.Timeline[i];
            int first = TimelineStep.FrameAt(seconds, _spec.Fps);
            int count = TimelineStep.FrameAt(seconds + step.Seconds, _spec.Fps) - first;
            if (count < 1)
                throw step.LocationOf("seconds").Error($"shorter than one frame at {_spec.Fps} fps");
            var segment = new Segment { StepIndex = i, FirstFrame = first, FrameCount = count, StartSeconds = seconds, Seconds = step.Seconds };
            segment.Opacity = (float[])_opacity.Clone();
            segment.Sets = [_current];
            Plan(step, segment);
            segments[i] = segment;
            seconds += step.Seconds;
        }

        return segments;
    }

    private void Plan(TimelineStep step, Segment segment)
    {
        switch (step)
        {
            case HoldStep hold:
                _current = hold.Layout is { } layout ? _inputs.Layout(layout) : _current;
                segment.Sets = [_current];
                break;
            case MorphStep morph:
                NamedCoordinates from = morph.From is { } name ? _inputs.Layout(name) : _current;
                _current = _inputs.Layout(morph.To);
                segment.Motion = Motion.Morph;
                segment.Sets = [from, _current];
                segment.PositionEasing = morph.Easing;
                PlanStagger(morph, from, segment);
                break;
            case CameraStep camera:
                segment.Camera = CameraMotion.Move;
                segment.CameraEasing = camera.Easing;
                segment.From = CurrentView();
                segment.To = Target(camera);
                _follow = camera.To is FitTarget;
                _fixed = segment.To;
                return;
            case OrbitStep orbit:
                segment.Camera = CameraMotion.Move;
                segment.CameraEasing = orbit.Easing;
                segment.From = CurrentView();
                segment.To = segment.From;
                segment.To.Azimuth += orbit.Degrees * Math.PI / 180;
                _azimuth = segment.To.Azimuth;
                _fixed.Azimuth = _azimuth;
                return;
            case FadeStep fade:
                segment.FadeOverlay = (int)fade.Overlay;
                segment.FadeFrom = (float)(fade.From ?? _opacity[(int)fade.Overlay]);
                segment.FadeTo = (float)fade.To;
                segment.FadeEasing = fade.Easing;
                _opacity[(int)fade.Overlay] = segment.FadeTo;
                break;
            case SweepStep sweep:
                IReadOnlyList<NamedCoordinates> swept = _inputs.Sequence(sweep.SequenceName);
                if (swept.Count != sweep.Values.Count)
                    throw new ArgumentException($"sweep '{sweep.SequenceName}' needs {sweep.Values.Count} sets, the inputs hold {swept.Count}");
                segment.Motion = Motion.Sequence;
                segment.Sets = [_current, .. swept];
                segment.PositionEasing = sweep.Easing;
                _current = swept[^1];
                break;
            case ReplayStep replay:
                // The snapshots end on the finished layout, so the video continues from exactly what posters show.
                _current = _inputs.Layout(replay.Layout);
                segment.Motion = Motion.Sequence;
                segment.Sets = [.. _inputs.Sequence(replay.SequenceName), _current];
                break;
        }

        segment.Camera = _follow ? CameraMotion.Follow : CameraMotion.Fixed;
        segment.From = _fixed;
        segment.Azimuth = _azimuth;
        segment.Elevation = _elevation;
    }

    private void PlanStagger(MorphStep morph, NamedCoordinates from, Segment segment)
    {
        if (morph.Stagger == StaggerBy.None)
        {
            return;
        }

        int[] groups = morph.Stagger == StaggerBy.Label
            ? _inputs.Labels ?? throw morph.LocationOf("stagger").Error("the dataset has no labels to stagger by; use stagger: cluster")
            : from.Clusters ?? throw morph.LocationOf("stagger").Error($"no clusters were computed for '{from.Name}' to stagger by");

        // Groups start in ascending id order; items without a group (−1) go last.
        int[] ids = groups.Distinct().OrderBy(g => g < 0 ? int.MaxValue : g).ToArray();
        var rankOf = new Dictionary<int, int>(ids.Length);
        for (int r = 0; r < ids.Length; r++)
        {
            rankOf[ids[r]] = r;
        }

        if (ids.Length < 2)
        {
            return;
        }

        segment.GroupRank = Array.ConvertAll(groups, g => rankOf[g]);
        segment.GroupDelay = morph.StaggerSpread / (ids.Length - 1);
        segment.GroupDuration = 1 - morph.StaggerSpread;
    }

    /// <summary>The view on screen now: the fixed one, or the fit of the layout on screen.</summary>
    private CameraPose CurrentView()
    {
        if (!_follow)
        {
            return _fixed;
        }

        CameraPose pose = Directed();
        Fit(_current.Coordinates, null, 0, ref pose);
        return pose;
    }

    private CameraPose Target(CameraStep camera)
    {
        CameraPose pose = Directed();
        switch (camera.To)
        {
            case FitTarget:
                Fit(_current.Coordinates, null, 0, ref pose);
                break;
            case ClusterTarget { Cluster: int cluster }:
                int[] clusters = _current.Clusters ?? throw camera.LocationOf("to").Error($"no clusters were computed for '{_current.Name}'");
                if (!Fit(_current.Coordinates, clusters, cluster, ref pose))
                    throw camera.LocationOf("to").Error($"'{_current.Name}' has no cluster {cluster} (its clusters: 0 to {clusters.Max()})");
                break;
            case ViewTarget view:
                pose.X = view.Center[0];
                pose.Y = view.Center[1];
                pose.Z = view.Center.Count > 2 ? view.Center[2] : 0;
                pose.Size = _perspective ? CameraFit.DistanceForHeight(view.Height) : view.Height;
                break;
        }

        return pose;
    }

    private CameraPose Directed() => new() { Perspective = _perspective, Azimuth = _azimuth, Elevation = _elevation };

    private bool Fit(ReadOnlySpan<float> positions, int[]? clusters, int cluster, ref CameraPose pose) => _perspective
        ? CameraFit.Perspective(positions, _inputs.Dims, _aspect, clusters, cluster, ref pose)
        : CameraFit.Orthographic(positions, _inputs.Dims, _aspect, clusters, cluster, ref pose);
}
