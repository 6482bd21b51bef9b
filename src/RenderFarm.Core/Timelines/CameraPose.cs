using System.Numerics;
using RenderFarm.Core.Cameras;

namespace RenderFarm.Core.Timelines;

/// <summary>
/// A camera as the timeline interpolates it. 2-D: centre (X, Y) and the world height shown.
/// 3-D: the target (X, Y, Z), the eye's distance from it, and its direction as azimuth about +z
/// and elevation above the xy-plane (radians); +z is up, so a terrain's heights point up.
/// Plain fields, so frames are computed without allocating.
/// </summary>
public struct CameraPose
{
    public bool Perspective;
    public double X;
    public double Y;
    public double Z;

    /// <summary>2-D: world height shown; 3-D: eye-to-target distance.</summary>
    public double Size;
    public double Azimuth;
    public double Elevation;

    /// <summary>The perspective camera's vertical field of view.</summary>
    public const float FieldOfViewYDegrees = 40;

    /// <summary>
    /// Centre and angles interpolate linearly; the size geometrically, so a zoom by 100× seems as
    /// fast at its end as at its start.
    /// </summary>
    public static CameraPose Lerp(in CameraPose a, in CameraPose b, double t) => new()
    {
        Perspective = a.Perspective,
        X = Mix(a.X, b.X, t),
        Y = Mix(a.Y, b.Y, t),
        Z = Mix(a.Z, b.Z, t),
        Size = a.Size == b.Size ? a.Size : a.Size * Math.Pow(b.Size / a.Size, t),
        Azimuth = Mix(a.Azimuth, b.Azimuth, t),
        Elevation = Mix(a.Elevation, b.Elevation, t),
    };

    /// <summary>Written so that t = 0 and t = 1 give a and b exactly.</summary>
    private static double Mix(double a, double b, double t) => a * (1 - t) + b * t;

    /// <summary>3-D: where the eye is.</summary>
    public readonly Vector3 Eye => new(
        (float)(X + Size * Math.Cos(Elevation) * Math.Cos(Azimuth)),
        (float)(Y + Size * Math.Cos(Elevation) * Math.Sin(Azimuth)),
        (float)(Z + Size * Math.Sin(Elevation)));

    public readonly Vector3 Target => new((float)X, (float)Y, (float)Z);

    /// <summary>The renderer's camera (allocates: call once a frame outside hot loops).</summary>
    public readonly CameraView ToView() => Perspective
        ? new PerspectiveCamera(Eye, Target, Vector3.UnitZ, FieldOfViewYDegrees)
        : new OrthographicCamera(X, Y, Size);
}
