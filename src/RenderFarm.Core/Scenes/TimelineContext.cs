namespace RenderFarm.Core.Scenes;

/// <summary>What the timeline reader checks steps against: the scene's layouts and the video's settings.</summary>
internal sealed record TimelineContext(IReadOnlyList<LayoutSpec> Layouts, LayoutSpec Start, OutputStyle Style, OverlaySpec Overlays, int Fps)
{
    /// <summary>3-D layouts and terrain are seen through a perspective camera; orbits need one.</summary>
    public bool Perspective => Start.Dims == 3 || Style == OutputStyle.Terrain;
}
