using RenderFarm.Core.Scenes;

namespace RenderFarm.Core.Timelines;

/// <summary>
/// A video's timeline compiled against its data: for any frame, the item positions, camera,
/// overlay opacities and caption names, computed in managed code without allocating, the same
/// for the same inputs every time. Frames may be evaluated in any order and on several threads
/// (one <see cref="FrameState"/> each).
/// </summary>
public sealed class Timeline
{
    private readonly Segment[] _segments;
    private readonly bool _perspective;
    private readonly double _aspect;

    private Timeline(Segment[] segments, int itemCount, int dims, int fps, bool perspective, double aspect)
    {
        _segments = segments;
        ItemCount = itemCount;
        Dims = dims;
        Fps = fps;
        _perspective = perspective;
        _aspect = aspect;
        FrameCount = segments[^1].FirstFrame + segments[^1].FrameCount;
        Seconds = segments[^1].StartSeconds + segments[^1].Seconds;
    }

    public int FrameCount { get; }

    public int Fps { get; }

    public double Seconds { get; }

    public int ItemCount { get; }

    public int Dims { get; }

    /// <summary>
    /// Compiles <paramref name="video"/> against <paramref name="inputs"/>, which must hold every set
    /// <see cref="TimelineRequirements.For"/> lists. Problems with the data that the scene can fix
    /// (a camera step to a cluster that does not exist) are <see cref="SceneException"/>s at the step.
    /// </summary>
    public static Timeline Build(VideoOutputSpec video, TimelineInputs inputs)
    {
        if (video.Timeline.Count == 0) throw new ArgumentException("the video has no timeline steps", nameof(video));
        var builder = new TimelineBuilder(video, inputs);
        Segment[] segments = builder.Build();
        return new Timeline(segments, inputs.ItemCount, inputs.Dims, video.Fps, builder.Perspective, builder.Aspect);
    }

    /// <summary>A state with buffers sized for this timeline, to pass to every <see cref="Evaluate"/>.</summary>
    public FrameState CreateState() => new(ItemCount, Dims);

    /// <summary>Writes frame <paramref name="frameIndex"/> (0 ≤ index &lt; <see cref="FrameCount"/>) into <paramref name="into"/>.</summary>
    public void Evaluate(int frameIndex, FrameState into)
    {
        if ((uint)frameIndex >= (uint)FrameCount) throw new ArgumentOutOfRangeException(nameof(frameIndex));
        CheckState(into);
        Segment segment = _segments[SegmentOfFrame(frameIndex)];
        Apply(segment, (frameIndex - segment.FirstFrame) / (double)segment.FrameCount, into);
        into.FrameIndex = frameIndex;
    }

    /// <summary>
    /// The state at <paramref name="seconds"/> of continuous time; at <see cref="Seconds"/> it is the
    /// end of the last step, which no frame shows (frames sample the start of their interval).
    /// </summary>
    public void EvaluateAt(double seconds, FrameState into)
    {
        CheckState(into);
        seconds = Math.Clamp(seconds, 0, Seconds);
        int s = _segments.Length - 1;
        while (s > 0 && _segments[s].StartSeconds > seconds) s--;
        Segment segment = _segments[s];
        Apply(segment, Math.Clamp((seconds - segment.StartSeconds) / segment.Seconds, 0, 1), into);
        into.FrameIndex = Math.Min(TimelineStep.FrameAt(seconds, Fps), FrameCount - 1);
    }

    private void CheckState(FrameState into)
    {
        if (into.Positions.Length != ItemCount * Dims) throw new ArgumentException("the state was created for another timeline", nameof(into));
    }

    private int SegmentOfFrame(int frameIndex)
    {
        int lo = 0, hi = _segments.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (_segments[mid].FirstFrame <= frameIndex) lo = mid;
            else hi = mid - 1;
        }

        return lo;
    }

    private void Apply(Segment segment, double t, FrameState into)
    {
        into.StepIndex = segment.StepIndex;
        Positions(segment, t, into);
        Camera(segment, t, into);
        segment.Opacity.CopyTo(into.OverlayOpacity, 0);
        if (segment.FadeOverlay >= 0)
        {
            double e = EasingCurves.Apply(segment.FadeEasing, t);
            into.OverlayOpacity[segment.FadeOverlay] = (float)(segment.FadeFrom + (segment.FadeTo - segment.FadeFrom) * e);
        }
    }

    private void Positions(Segment segment, double t, FrameState into)
    {
        float[] output = into.Positions;
        switch (segment.Motion)
        {
            case Motion.Morph:
                NamedCoordinates from = segment.Sets[0], to = segment.Sets[1];
                into.LayoutName = from.Name;
                into.TargetLayoutName = to.Name;
                into.MorphProgress = (float)EasingCurves.Apply(segment.PositionEasing, t);
                if (segment.GroupRank is null)
                    Interpolation.Lerp(from.Coordinates, to.Coordinates, into.MorphProgress, output);
                else
                    Interpolation.Staggered(from.Coordinates, to.Coordinates, Dims, segment, t, output);
                break;
            case Motion.Sequence:
                int pieces = segment.Sets.Length - 1;
                if (pieces == 0)
                {
                    goto default;
                }

                double u = t * pieces;
                int k = Math.Min((int)u, pieces - 1);
                float e = (float)EasingCurves.Apply(segment.PositionEasing, u - k);
                into.LayoutName = segment.Sets[k].Name;
                into.TargetLayoutName = segment.Sets[k + 1].Name;
                into.MorphProgress = e;
                Interpolation.Lerp(segment.Sets[k].Coordinates, segment.Sets[k + 1].Coordinates, e, output);
                break;
            default:
                segment.Sets[0].Coordinates.CopyTo(output, 0);
                into.LayoutName = segment.Sets[0].Name;
                into.TargetLayoutName = null;
                into.MorphProgress = 0;
                break;
        }
    }

    private void Camera(Segment segment, double t, FrameState into)
    {
        switch (segment.Camera)
        {
            case CameraMotion.Follow:
                var pose = new CameraPose { Perspective = _perspective, Azimuth = segment.Azimuth, Elevation = segment.Elevation };
                if (_perspective)
                    CameraFit.Perspective(into.Positions, Dims, _aspect, null, 0, ref pose);
                else
                    CameraFit.Orthographic(into.Positions, Dims, _aspect, null, 0, ref pose);
                into.Camera = pose;
                break;
            case CameraMotion.Fixed:
                into.Camera = segment.From;
                break;
            default:
                into.Camera = CameraPose.Lerp(segment.From, segment.To, EasingCurves.Apply(segment.CameraEasing, t));
                break;
        }
    }
}
