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
/// The first layout itself is never moved. Posters use the layouts as computed.
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
            // RenderPlan refuses sweeps and replays before any work, so only layouts arrive here.
            if (request is not LayoutRequest { Layout: var name })
            {
                throw new InvalidOperationException($"{request.GetType().Name} reached the renderer; RenderPlan should have refused it");
            }

            LayoutResult result = layouts[name];
            Matrix aligned = Align(first, result);
            inputs.AddLayout(name, layouts.PositionsFor(video, aligned, out _), result.Clusters);
        }

        return inputs;
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
