namespace RenderFarm.Core.Timelines;

/// <summary>Cameras that show a set of points whole, with a margin.</summary>
internal static class CameraFit
{
    /// <summary>Space left around the points: 5 % of the view on each side.</summary>
    public const double Margin = 1.1;

    /// <summary>
    /// 2-D: the view centred on the bounds of the selected points with the bounds inside the frame
    /// of <paramref name="aspect"/> (width / height). <paramref name="clusters"/> and
    /// <paramref name="cluster"/> select; null selects every point. False when none is selected.
    /// </summary>
    public static bool Orthographic(ReadOnlySpan<float> positions, int dims, double aspect, int[]? clusters, int cluster, ref CameraPose pose)
    {
        float minX = float.PositiveInfinity, minY = float.PositiveInfinity, maxX = float.NegativeInfinity, maxY = float.NegativeInfinity;
        int n = positions.Length / dims;
        for (int i = 0; i < n; i++)
        {
            if (clusters is not null && clusters[i] != cluster) continue;
            float x = positions[i * dims], y = positions[i * dims + 1];
            minX = Math.Min(minX, x);
            maxX = Math.Max(maxX, x);
            minY = Math.Min(minY, y);
            maxY = Math.Max(maxY, y);
        }

        if (minX > maxX) return false;
        double height = Math.Max(maxY - minY, (maxX - minX) / aspect) * Margin;
        pose.Perspective = false;
        pose.X = (minX + (double)maxX) / 2;
        pose.Y = (minY + (double)maxY) / 2;
        pose.Size = height > 0 ? height : 1;
        return true;
    }

    /// <summary>
    /// 3-D: the target at the centroid of the selected points (2-D points lie at z = 0) and the
    /// distance at which their bounding sphere about it fits the narrower field of view. Keeps the
    /// pose's angles. False when none is selected.
    /// </summary>
    public static bool Perspective(ReadOnlySpan<float> positions, int dims, double aspect, int[]? clusters, int cluster, ref CameraPose pose)
    {
        double sx = 0, sy = 0, sz = 0;
        int count = 0;
        int n = positions.Length / dims;
        for (int i = 0; i < n; i++)
        {
            if (clusters is not null && clusters[i] != cluster) continue;
            sx += positions[i * dims];
            sy += positions[i * dims + 1];
            sz += dims == 3 ? positions[i * dims + 2] : 0;
            count++;
        }

        if (count == 0) return false;
        double cx = sx / count, cy = sy / count, cz = sz / count;
        double radius2 = 0;
        for (int i = 0; i < n; i++)
        {
            if (clusters is not null && clusters[i] != cluster) continue;
            double dx = positions[i * dims] - cx, dy = positions[i * dims + 1] - cy, dz = (dims == 3 ? positions[i * dims + 2] : 0) - cz;
            radius2 = Math.Max(radius2, dx * dx + dy * dy + dz * dz);
        }

        double halfY = CameraPose.FieldOfViewYDegrees * Math.PI / 360;
        double half = Math.Min(halfY, Math.Atan(Math.Tan(halfY) * aspect));
        double radius = Math.Sqrt(radius2) * Margin;
        pose.Perspective = true;
        pose.X = cx;
        pose.Y = cy;
        pose.Z = cz;
        pose.Size = radius > 0 ? radius / Math.Sin(half) : 1;
        return true;
    }

    /// <summary>3-D: the distance at which <paramref name="height"/> world units fill the view's height.</summary>
    public static double DistanceForHeight(double height) =>
        height / 2 / Math.Tan(CameraPose.FieldOfViewYDegrees * Math.PI / 360);
}
