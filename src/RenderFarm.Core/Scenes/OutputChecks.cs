namespace RenderFarm.Core.Scenes;

/// <summary>
/// The checks on an output that need the data, run once the dataset is listed and before any
/// layout or frame is computed (the others ran when the scene was read). Like LayoutChecks, each
/// failure names the line and key.
/// </summary>
public static class OutputChecks
{
    /// <summary>A grid mosaic whose cells would be smaller than this shows noise, not images.</summary>
    public const int MinMosaicCellPixels = 4;

    /// <summary>Checks <paramref name="output"/> for <paramref name="itemCount"/> items, <paramref name="labelCount"/> of them with distinct labels (0: unlabelled).</summary>
    public static void Check(OutputSpec output, int itemCount, int labelCount)
    {
        if (itemCount < 1)
        {
            throw output.LocationOf(output.Name).Error("there is nothing to draw: the dataset has no usable items");
        }

        if (output.ColorBy == ColorBy.Label && labelCount == 0)
        {
            throw output.LocationOf("color_by").Error("the dataset has no labels; use color_by: cluster");
        }

        if (output.Style == OutputStyle.GridMosaic)
        {
            double cell = Math.Sqrt(output.Width * (double)output.Height / itemCount);
            if (cell < MinMosaicCellPixels)
            {
                long side = (long)Math.Ceiling(Math.Sqrt((double)itemCount) * MinMosaicCellPixels);
                throw output.LocationOf("size").Error($"{itemCount:N0} tiles in {output.Width}×{output.Height} pixels leave {cell:0.#} px a tile; give at least about {side}×{side} (or fewer items)");
            }
        }

        if (output is VideoOutputSpec video && labelCount == 0)
        {
            foreach (TimelineStep step in video.Timeline)
            {
                if (step is MorphStep { Stagger: StaggerBy.Label })
                {
                    throw step.LocationOf("stagger").Error("the dataset has no labels to stagger by; use stagger: cluster");
                }
            }
        }
    }

    /// <summary>What colours the items: as written, else labels when there are any, else clusters.</summary>
    public static ColorBy ResolveColorBy(OutputSpec output, int labelCount) =>
        output.ColorBy ?? (labelCount > 0 ? ColorBy.Label : ColorBy.Cluster);
}
