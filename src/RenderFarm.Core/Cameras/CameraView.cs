using System.Numerics;

namespace RenderFarm.Core.Cameras;

/// <summary>
/// Where a frame looks from. The timeline produces one per frame and the renderer consumes it, so
/// it lives here, below both, in world units of the layout being drawn.
/// </summary>
public abstract record CameraView;

/// <summary>
/// A 2-D orthographic view centred on (<paramref name="CenterX"/>, <paramref name="CenterY"/>)
/// showing <paramref name="WorldHeight"/> layout units from the bottom edge to the top; the width
/// follows the frame's aspect ratio. +y is up, as in a plot.
/// </summary>
public sealed record OrthographicCamera(double CenterX, double CenterY, double WorldHeight) : CameraView
{
    public OrthographicCamera Validate()
    {
        if (!double.IsFinite(CenterX) || !double.IsFinite(CenterY))
            throw new ArgumentException("The camera centre must be finite.");
        if (!(WorldHeight > 0) || !double.IsFinite(WorldHeight))
            throw new ArgumentException($"The camera's world height must be a positive number, not {WorldHeight}.");
        return this;
    }
}

/// <summary>A 3-D perspective view; <paramref name="FieldOfViewYDegrees"/> is the vertical angle.</summary>
public sealed record PerspectiveCamera(Vector3 Eye, Vector3 Target, Vector3 Up, float FieldOfViewYDegrees) : CameraView
{
    public PerspectiveCamera Validate()
    {
        if ((Eye - Target).LengthSquared() <= 0)
            throw new ArgumentException("The camera's eye and target must differ.");
        if (Vector3.Cross(Vector3.Normalize(Target - Eye), Up).LengthSquared() <= 1e-12f)
            throw new ArgumentException("The camera's up vector must not be parallel to its view direction.");
        if (!(FieldOfViewYDegrees > 0 && FieldOfViewYDegrees < 180))
            throw new ArgumentException($"The field of view must lie in (0, 180) degrees, not {FieldOfViewYDegrees}.");
        return this;
    }
}
