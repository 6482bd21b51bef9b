using RenderFarm.Core.Colors;

namespace RenderFarm.Rendering.Frames;

/// <summary>
/// A smooth height field drawn under a 3-D point layer: a grid over the items' (x, y) extent whose
/// height follows a Gaussian-weighted splat of the items' z, a little below them, and falls to the
/// lowest item's height where there are none (<see cref="HeightField"/>), coloured by the blend of
/// the items' colours, lit by the same light as the spheres and depth-tested so the spheres stand
/// on it. It belongs to the point layer because it is made from that layer's own
/// positions and colours each frame, so it follows the items through morphs and camera moves.
/// </summary>
public sealed record TerrainSurface
{
    public const int MinResolution = 16, MaxResolution = 1024;

    /// <summary>Grid nodes per side over the items' extent (and a margin where the ground falls to its base).</summary>
    public int Resolution { get; init; } = 192;

    /// <summary>
    /// The ground's own colour: empty ground shows it, and the items' blended colours are mixed
    /// half-way towards it so the spheres stay distinct from the ground they stand on.
    /// </summary>
    public Rgba8 BaseColor { get; init; } = new(0x9C, 0x9A, 0x92);
}
