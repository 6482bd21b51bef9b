using System.Numerics;
using RenderFarm.Core.Cameras;
using RenderFarm.Core.Colors;
using RenderFarm.Core.Scenes;
using RenderFarm.Encoding.Overlays;
using RenderFarm.Layouts.Pipeline;
using RenderFarm.Rendering.Frames;
using EncodedOverlay = RenderFarm.Encoding.Overlays.OverlaySpec;

namespace RenderFarm.Service.Renders;

/// <summary>
/// Turns an output's <c>overlays:</c> into what the encoder paints: one spec per overlay, so a
/// video can fade each on its own, in colours that read on the scene's background.
/// </summary>
internal sealed class OverlayFactory(OutputSpec output, LayoutSet layouts, LayoutResult layout, Rgba8 background)
{
    private readonly EncodedOverlay _theme = Theme(background);
    private string[]? _clusterNames;

    public EncodedOverlay? Title() =>
        output.Overlays.Title is { } title ? _theme with { Title = title, TitleSize = TitleSize(title) } : null;

    /// <summary>
    /// Text scales with the image height, so a long title on a square poster would run off its
    /// right edge: shrink it until it fits about 85 % of the width (bold glyphs average ~0.62 em).
    /// </summary>
    private float TitleSize(string title)
    {
        float standard = new EncodedOverlay().TitleSize;
        double fitting = 0.85 * output.Width * 1080 / (output.Height * 0.62 * Math.Max(1, title.Length));
        return (float)Math.Min(standard, fitting);
    }

    /// <summary>
    /// Only when the items wear their colours (points, terrain, bordered tiles): a legend of colours
    /// that appear nowhere in a mosaic of untinted thumbnails would mislead.
    /// </summary>
    public EncodedOverlay? Legend() =>
        output.Overlays.Legend && ItemColors.Shown(output) ? _theme with { Legend = ItemColors.Legend(output, layouts, layout, background) } : null;

    /// <summary>
    /// The caption of <paramref name="layoutName"/>: its name and quality figures; a sweep's set or a
    /// replay's snapshot (e.g. "umap n_neighbors=5") shows its name alone, as nothing measured it.
    /// </summary>
    public EncodedOverlay? Caption(string layoutName)
    {
        if (!output.Overlays.Caption)
        {
            return null;
        }

        if (layouts.Find(layoutName) is not { Metrics: var m })
        {
            return _theme with { Caption = OverlayCaption.ForLayout(layoutName, []) };
        }

        var figures = new List<KeyValuePair<string, double>>();
        if (m.Trustworthiness is double trust)
        {
            figures.Add(new("T(15)", trust));
        }

        if (m.KnnAccuracy is double accuracy)
        {
            figures.Add(new("10-NN accuracy", accuracy));
        }

        return _theme with { Caption = OverlayCaption.ForLayout(layoutName, figures) };
    }

    /// <summary>
    /// Cluster names at the centroids of <paramref name="positions"/> (clusters of the output's
    /// layout; 2-D or 3-D, terrain raised), projected through <paramref name="camera"/> exactly as
    /// the renderer projects the items, so a label sits on its cluster under an orthographic or a
    /// perspective camera; a centroid behind a perspective camera gets no label. Null when the
    /// overlay is off or the layout has no clusters.
    /// </summary>
    public EncodedOverlay? ClusterLabels(ReadOnlySpan<float> positions, int dims, CameraView camera, int width, int height)
    {
        if (!output.Overlays.ClusterLabels || layout.Clusters.Length == 0)
        {
            return null;
        }

        int k = layout.Clusters.Max() + 1;
        var sums = new double[k * 3];
        var counts = new int[k];
        for (int i = 0; i < layout.Clusters.Length; i++)
        {
            int c = layout.Clusters[i];
            if (c < 0) continue;
            for (int d = 0; d < Math.Min(dims, 3); d++)
            {
                sums[3 * c + d] += positions[i * dims + d];
            }

            counts[c]++;
        }

        var labels = new List<ClusterLabel>();
        for (int c = 0; c < k; c++)
        {
            if (counts[c] == 0) continue;
            var centroid = new Vector3((float)(sums[3 * c] / counts[c]), (float)(sums[3 * c + 1] / counts[c]), (float)(sums[3 * c + 2] / counts[c]));
            if (ScreenProjection.TryProject(camera, width, height, centroid, out Vector2 pixel))
            {
                _clusterNames ??= ClusterNames.For(layouts, layout);
                labels.Add(new ClusterLabel(_clusterNames[c], pixel.X, pixel.Y));
            }
        }

        return _theme with { Labels = labels };
    }

    /// <summary>Every overlay that is on, in one spec: for posters, which show them all at full opacity.</summary>
    public EncodedOverlay All(string layoutName, ReadOnlySpan<float> positions, int dims, CameraView camera, int width, int height) =>
        _theme with
        {
            Title = Title()?.Title,
            TitleSize = Title()?.TitleSize ?? _theme.TitleSize,
            Legend = Legend()?.Legend ?? [],
            Caption = Caption(layoutName)?.Caption,
            Labels = ClusterLabels(positions, dims, camera, width, height)?.Labels ?? [],
        };

    /// <summary>Light text on a dark halo over dark backgrounds, the encoder's dark-on-light default otherwise.</summary>
    private static EncodedOverlay Theme(Rgba8 background)
    {
        double luminance = (0.2126 * background.R + 0.7152 * background.G + 0.0722 * background.B) / 255;
        return luminance >= 0.5
            ? new EncodedOverlay()
            : new EncodedOverlay { TextColor = new Rgba8(0xEE, 0xEE, 0xEE), HaloColor = new Rgba8(0, 0, 0, 0xCC), PanelColor = new Rgba8(0x22, 0x22, 0x22, 0xCC) };
    }
}
