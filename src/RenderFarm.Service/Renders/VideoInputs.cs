using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;
using RenderFarm.Core.Timelines;
using RenderFarm.Layouts.Alignment;
using RenderFarm.Layouts.Pipeline;

namespace RenderFarm.Service.Renders;

/// <summary>
/// The coordinates a video's timeline plays, aligned to the video's first layout so a morph moves
/// items rather than spinning the whole picture:
/// <list type="bullet">
/// <item>a layout whose <c>align_to</c> is the first layout is used as computed (already aligned);</item>
/// <item>a grid is only scaled and moved (least squares, no rotation): it was snapped from its
/// source in that source's orientation, and a rotated grid would show its rows slanted;</item>
/// <item>any other layout is aligned by Procrustes (rotation, reflection, scale, translation).</item>
/// </list>
/// The first layout itself is never moved; sweeps and replays follow their layout into the same
/// frame (see <see cref="LayoutSequences"/>). Posters use the layouts as computed.
/// </summary>
public static class VideoInputs
{
    public static TimelineInputs For(VideoOutputSpec video, LayoutSet layouts)
    {
        LayoutResult first = layouts[video.Layout];
        int dims = video.Style == OutputStyle.Terrain ? 3 : first.Coordinates.Columns;
        var inputs = new TimelineInputs(layouts.ItemCount, dims) { Labels = layouts.Labels };
        foreach (CoordinateRequest request in TimelineRequirements.For(video))
        {
            switch (request)
            {
                case LayoutRequest { Layout: var name }:
                    LayoutResult result = layouts[name];
                    inputs.AddLayout(name, layouts.PositionsFor(video, Align(first, result), out _), result.Clusters);
                    break;
                case SweepRequest sweep:
                    inputs.AddSequence(sweep.Name, Sweep(video, layouts, first, sweep));
                    break;
                case ReplayRequest replay:
                    inputs.AddSequence(replay.Name, Replay(video, layouts, first, replay));
                    break;
            }
        }

        return inputs;
    }

    /// <summary>
    /// A sweep's sets, chained: the first aligned to its layout as the video shows it, each later one
    /// to the set before, so the whole sweep moves with the layout into the video's frame. Items keep
    /// the layout's cluster colours throughout.
    /// </summary>
    private static NamedCoordinates[] Sweep(VideoOutputSpec video, LayoutSet layouts, LayoutResult first, SweepRequest sweep)
    {
        LayoutResult layout = layouts[sweep.Layout];
        Matrix previous = Align(first, layout);
        var sets = new NamedCoordinates[sweep.Values.Count];
        IReadOnlyList<Matrix> computed = layouts.Sequence(sweep.Name).Sets;
        for (int i = 0; i < sets.Length; i++)
        {
            previous = Procrustes.Align(previous, computed[i]).Aligned;
            string name = $"{sweep.Layout} {sweep.Parameter}={sweep.Values[i].ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            sets[i] = new NamedCoordinates(name, layouts.PositionsFor(video, previous, out _), layout.Clusters);
        }

        return sets;
    }

    /// <summary>A replay's snapshots, each aligned (with scale) to the finished layout as the video shows it.</summary>
    private static NamedCoordinates[] Replay(VideoOutputSpec video, LayoutSet layouts, LayoutResult first, ReplayRequest replay)
    {
        LayoutResult layout = layouts[replay.Layout];
        Matrix final = Align(first, layout);
        return layouts.Sequence(replay.Name).Sets
            .Select((set, i) => new NamedCoordinates($"{replay.Layout} snapshot {i + 1}", layouts.PositionsFor(video, Procrustes.Align(final, set).Aligned, out _), layout.Clusters))
            .ToArray();
    }

    private static Matrix Align(LayoutResult first, LayoutResult layout)
    {
        if (ReferenceEquals(first, layout) || layout.Spec.AlignTo == first.Spec.Name || layout.Coordinates.Columns != first.Coordinates.Columns)
        {
            return layout.Coordinates;
        }

        return layout.Spec.Method == LayoutMethod.Grid
            ? ScaleAndMove(first.Coordinates, layout.Coordinates)
            : Procrustes.Align(first.Coordinates, layout.Coordinates).Aligned;
    }

    /// <summary>The uniform scale s and translation t minimising Σ‖a − (s·b + t)‖².</summary>
    internal static Matrix ScaleAndMove(Matrix reference, Matrix moving)
    {
        int n = moving.Rows, d = moving.Columns;
        var meanA = new double[d];
        var meanB = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                meanA[j] += reference.Data[i * d + j];
                meanB[j] += moving.Data[i * d + j];
            }
        }

        for (int j = 0; j < d; j++)
        {
            meanA[j] /= n;
            meanB[j] /= n;
        }

        double cross = 0, squares = 0, referenceSquares = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double a = reference.Data[i * d + j] - meanA[j], b = moving.Data[i * d + j] - meanB[j];
                cross += a * b;
                squares += b * b;
                referenceSquares += a * a;
            }
        }

        // A negative scale would mirror the grid: when the fit asks for one, match the spreads instead.
        double scale = squares <= 0 ? 1 : cross > 0 ? cross / squares : Math.Sqrt(referenceSquares / squares);
        var data = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                data[i * d + j] = (float)(meanA[j] + scale * (moving.Data[i * d + j] - meanB[j]));
            }
        }

        return new Matrix(n, d, data);
    }
}
