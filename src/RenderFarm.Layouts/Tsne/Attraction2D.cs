using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// The joint 2-D gradient without the KL divergence, the case nearly every iteration is: for each
/// point α·Σⱼ pᵢⱼwᵢⱼ(yᵢ − yⱼ) − Fᵢ/Z in one pass over its row of P. At 70k points P has about
/// 10 million entries, so this loop is as much work as the repulsion; written out for two
/// dimensions, without bounds checks, and in blocks of rows so each task is worth scheduling.
/// </summary>
internal static class Attraction2D
{
    private const int RowsPerTask = 512;

    public static void Gradient(SparseAffinities p, double[] y, double[] repulsion, double z, double exaggeration, double[] gradient)
    {
        int n = y.Length / 2;
        if (p.Rows != n || p.ColumnCount != n)
        {
            throw new ArgumentException($"P is {p.Rows} × {p.ColumnCount}; the layout has {n} points.", nameof(p));
        }

        int tasks = (n + RowsPerTask - 1) / RowsPerTask;
        double inverseZ = 1 / z;
        Parallel.For(0, tasks, task =>
        {
            int end = Math.Min(n, (task + 1) * RowsPerTask);
            for (int i = task * RowsPerTask; i < end; i++)
            {
                (double ax, double ay) = Row(p, y, i);
                gradient[2 * i] = (exaggeration * ax) - (repulsion[2 * i] * inverseZ);
                gradient[(2 * i) + 1] = (exaggeration * ay) - (repulsion[(2 * i) + 1] * inverseZ);
            }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double X, double Y) Row(SparseAffinities p, double[] y, int i)
    {
        // P's columns are below its ColumnCount by construction, and that was checked against y above.
        ref double points = ref MemoryMarshal.GetArrayDataReference(y);
        ref int columns = ref MemoryMarshal.GetArrayDataReference(p.Columns);
        ref double values = ref MemoryMarshal.GetArrayDataReference(p.Values);
        double xi = y[2 * i], yi = y[(2 * i) + 1];
        double ax = 0, ay = 0;
        for (int e = p.RowStart[i], end = p.RowStart[i + 1]; e < end; e++)
        {
            int j = Unsafe.Add(ref columns, e);
            double dx = xi - Unsafe.Add(ref points, 2 * j);
            double dy = yi - Unsafe.Add(ref points, (2 * j) + 1);
            double pw = Unsafe.Add(ref values, e) / (1 + (dx * dx) + (dy * dy));
            ax += pw * dx;
            ay += pw * dy;
        }

        return (ax, ay);
    }
}
