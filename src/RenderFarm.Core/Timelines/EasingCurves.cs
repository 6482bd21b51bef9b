using RenderFarm.Core.Scenes;

namespace RenderFarm.Core.Timelines;

/// <summary>The easing curves: progress in [0, 1] from time in [0, 1], with f(0) = 0 and f(1) = 1.</summary>
public static class EasingCurves
{
    public static double Apply(Easing easing, double t)
    {
        t = Math.Clamp(t, 0, 1);
        return easing switch
        {
            Easing.EaseIn => t * t * t,
            Easing.EaseOut => 1 - Cube(1 - t),
            Easing.EaseInOut => t < 0.5 ? 4 * t * t * t : 1 - 4 * Cube(1 - t),
            _ => t,
        };
    }

    private static double Cube(double x) => x * x * x;
}
