using RenderFarm.Core.Scenes;

namespace RenderFarm.Core.Timelines;

/// <summary>
/// The default view of an output: what a poster uses, and what a video's camera follows between
/// camera steps — every point in view with a 5 % margin; for 3-D layouts and terrain, a perspective
/// camera looking at the centroid from the south, 30° above the ground plane.
/// </summary>
public static class Framing
{
    public const double DefaultAzimuthRadians = -Math.PI / 2;

    public const double DefaultElevationRadians = Math.PI / 6;

    /// <summary>Whether <paramref name="output"/> is seen through a perspective camera for positions of <paramref name="dims"/>.</summary>
    public static bool IsPerspective(OutputSpec output, int dims) => dims == 3 || output.Style == OutputStyle.Terrain;

    /// <summary>The view that shows all of <paramref name="positions"/> (item i at [i·dims, (i+1)·dims)) in <paramref name="output"/>'s frame.</summary>
    public static CameraPose Fit(OutputSpec output, ReadOnlySpan<float> positions, int dims)
    {
        if (dims is not (2 or 3)) throw new ArgumentOutOfRangeException(nameof(dims));
        if (positions.Length == 0 || positions.Length % dims != 0) throw new ArgumentException("expected whole items", nameof(positions));
        var pose = new CameraPose { Azimuth = DefaultAzimuthRadians, Elevation = DefaultElevationRadians };
        double aspect = output.Width / (double)output.Height;
        if (IsPerspective(output, dims))
            CameraFit.Perspective(positions, dims, aspect, null, 0, ref pose);
        else
            CameraFit.Orthographic(positions, dims, aspect, null, 0, ref pose);
        return pose;
    }
}
