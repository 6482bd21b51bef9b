using RenderFarm.Core.Scenes;

namespace RenderFarm.Core.Timelines;

/// <summary>
/// Everything the renderer needs for one frame, written by <see cref="Timeline.Evaluate"/> into the
/// same buffers every frame (create one with <see cref="Timeline.CreateState"/> per render thread).
/// </summary>
public sealed class FrameState
{
    internal FrameState(int itemCount, int dims)
    {
        Dims = dims;
        Positions = new float[itemCount * dims];
    }

    /// <summary>Item i at [i·Dims, (i+1)·Dims), in the layouts' units.</summary>
    public float[] Positions { get; }

    public int Dims { get; }

    public CameraPose Camera;

    /// <summary>Opacity 0..1 of each overlay, indexed by <see cref="Overlay"/>; 0 for overlays that are off.</summary>
    public float[] OverlayOpacity { get; } = new float[4];

    public int FrameIndex { get; internal set; }

    /// <summary>Index of the timeline step this frame belongs to.</summary>
    public int StepIndex { get; internal set; }

    /// <summary>The layout (or sweep/replay set) on screen, or that a morph starts from: for the caption.</summary>
    public string LayoutName { get; internal set; } = "";

    /// <summary>The layout a morph is heading to; null when nothing moves.</summary>
    public string? TargetLayoutName { get; internal set; }

    /// <summary>How far the morph under way is, 0..1 after easing (ignoring stagger); 0 when none.</summary>
    public float MorphProgress { get; internal set; }

    public float Opacity(Overlay overlay) => OverlayOpacity[(int)overlay];
}
