using System.Numerics;
using RenderFarm.Core.Cameras;
using RenderFarm.Core.Colors;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;
using RenderFarm.Encoding.Overlays;
using RenderFarm.Layouts.Pipeline;
using RenderFarm.Rendering.Devices;
using RenderFarm.Rendering.Frames;
using RenderFarm.Service.Renders;
using SceneOverlays = RenderFarm.Core.Scenes.OverlaySpec;

namespace RenderFarm.Service.Tests.Renders;

/// <summary>
/// Cluster labels sit where the renderer draws their clusters: at the centroid's projection through
/// an orthographic or a perspective camera (3-D layouts and terrain), and not at all for a cluster
/// whose centroid lies behind the camera.
/// </summary>
public sealed class ClusterLabelTests
{
    private const int W = 200, H = 150, PerCluster = 8;

    /// <summary>Cluster centres: red, green, blue in front of the camera, a fourth behind it.</summary>
    private static readonly Vector3[] Centres = [new(0, 0, 1), new(4, 1, 0), new(-3, 2, 2), new(0, -20, 6)];

    private static readonly Rgba8[] ClusterColors = [new(230, 20, 20), new(20, 210, 20), new(20, 20, 230), new(230, 230, 20)];

    /// <summary>Looks at cluster 0's centroid from the south, so that label belongs at the image centre.</summary>
    private static readonly PerspectiveCamera Camera = new(new Vector3(0, -12, 6), Centres[0], Vector3.UnitZ, 40);

    [Fact]
    public void Perspective_LabelsAtTheProjectedCentroids_NoneBehindTheCamera()
    {
        var (positions, clusters) = Clusters(dims: 3);
        var labels = Labels(positions, 3, clusters, Camera);

        Assert.Equal(["cluster 0", "cluster 1", "cluster 2"], labels.Select(l => l.Text));
        Assert.Equal(W / 2.0, labels[0].X, 0.01);
        Assert.Equal(H / 2.0, labels[0].Y, 0.01);
        // Cluster 1 lies right of and below the line of sight, cluster 2 left of and above it.
        Assert.True(labels[1].X > W / 2 && labels[1].Y > H / 2, $"cluster 1 at ({labels[1].X}, {labels[1].Y})");
        Assert.True(labels[2].X < W / 2 && labels[2].Y < H / 2, $"cluster 2 at ({labels[2].X}, {labels[2].Y})");
    }

    [Fact]
    public void Perspective_EachLabelLandsOnItsClusterAsRendered()
    {
        // The labels' projection (CPU) against the renderer's (Vulkan): each label's pixel shows its own cluster's spheres.
        var (positions, clusters) = Clusters(dims: 3);
        var labels = Labels(positions, 3, clusters, Camera);
        var colors = clusters.Select(c => ClusterColors[c]).ToArray();
        using var device = RenderDevice.Open(new DeviceOptions { Device = "llvmpipe" });
        using var renderer = device.CreateFrameRenderer(W, H, samples: 1);
        var rgba = new byte[W * H * 4];
        renderer.Render(new FrameDescription(Camera, new Rgba8(255, 255, 255),
            [new PointLayer { Positions = positions, Dimensions = 3, Colors = colors, Size = 0.6f, SizeUnit = SizeUnit.World, Shading = PointShading.Sphere }]), rgba);

        for (int c = 0; c < labels.Count; c++)
        {
            int i = ((int)labels[c].Y * W + (int)labels[c].X) * 4;
            byte[] pixel = [rgba[i], rgba[i + 1], rgba[i + 2]];
            int dominant = Array.IndexOf(pixel, pixel.Max());
            Assert.True(dominant == c && pixel[c] > pixel.Min() + 40, $"label '{labels[c].Text}' at ({labels[c].X:F1}, {labels[c].Y:F1}) shows rgb({pixel[0]}, {pixel[1]}, {pixel[2]})");
        }
    }

    [Fact]
    public void Orthographic_LabelsAtTheCentroidsInPixels()
    {
        var (positions, clusters) = Clusters(dims: 2);
        // Centred on cluster 1, 10 units tall: 15 px a unit.
        var labels = Labels(positions, 2, clusters, new OrthographicCamera(4, 1, 10));

        Assert.Equal(4, labels.Count);
        for (int c = 0; c < 4; c++)
        {
            Assert.Equal(W / 2.0 + (Centres[c].X - 4) * 15, labels[c].X, 0.01);
            Assert.Equal(H / 2.0 - (Centres[c].Y - 1) * 15, labels[c].Y, 0.01);
        }
    }

    [Fact]
    public void AClassThatWinsTwoClusters_NamesThemLargestFirst()
    {
        // Clusters 0 and 2 are mostly bags (cluster 2 the larger, one shirt among its bags), 1 is
        // shirts, 3 has no labelled item.
        var (positions, clusters) = Clusters(dims: 2);
        clusters[0] = 2; // an item of cluster 0's ring joins cluster 2
        string?[] labels = clusters.Select((c, i) => c switch { 0 or 2 => i == 2 * PerCluster + 1 ? "Shirt" : "Bag", 1 => "Shirt", _ => null }).ToArray();

        var names = Labels(positions, 2, clusters, new OrthographicCamera(0, 0, 60), labels).Select(l => l.Text).ToArray();

        Assert.Equal(["Bag 2", "Shirt", "Bag 1", "cluster 3"], names);
    }

    [Fact]
    public void LabelsOff_NoOverlay()
    {
        var (positions, clusters) = Clusters(dims: 3);
        var factory = Factory(positions, 3, clusters, clusterLabels: false);
        Assert.Null(factory.ClusterLabels(positions, 3, Camera, W, H));
    }

    private static IReadOnlyList<ClusterLabel> Labels(float[] positions, int dims, int[] clusters, CameraView camera, string?[]? labels = null) =>
        Factory(positions, dims, clusters, clusterLabels: true, labels).ClusterLabels(positions, dims, camera, W, H)!.Labels;

    /// <summary>PerCluster items a cluster on a small ring around its centre (so the centroid is the centre).</summary>
    private static (float[] Positions, int[] Clusters) Clusters(int dims)
    {
        var positions = new List<float>();
        var clusters = new List<int>();
        for (int c = 0; c < Centres.Length; c++)
        for (int i = 0; i < PerCluster; i++)
        {
            double angle = 2 * Math.PI * i / PerCluster;
            positions.Add(Centres[c].X + (float)(0.3 * Math.Cos(angle)));
            positions.Add(Centres[c].Y + (float)(0.3 * Math.Sin(angle)));
            if (dims == 3) positions.Add(Centres[c].Z);
            clusters.Add(c);
        }
        return (positions.ToArray(), clusters.ToArray());
    }

    private static OverlayFactory Factory(float[] positions, int dims, int[] clusters, bool clusterLabels, string?[]? labels = null)
    {
        int n = clusters.Length;
        labels ??= new string?[n];
        var spec = new LayoutSpec { Name = "umap", Method = LayoutMethod.Umap, Dims = dims, Locations = new Dictionary<string, SceneLocation>() };
        var input = new LayoutInput(new Matrix(n, 2, new float[n * 2]), Enumerable.Range(0, n).Select(i => $"item{i}").ToArray(),
            labels, labels.OfType<string>().Distinct().Order().ToArray(), "embeddings");
        var layout = new LayoutResult(spec, new Matrix(n, dims, positions), clusters,
            new LayoutMetrics(null, null, null, 0, Centres.Length, null, null), 0, false, "key");
        var output = new ImageOutputSpec
        {
            Name = "poster", Layout = "umap", Style = OutputStyle.Points, Width = W, Height = H,
            FileName = "poster.png", Locations = new Dictionary<string, SceneLocation>(),
            Overlays = new SceneOverlays { ClusterLabels = clusterLabels },
        };
        return new OverlayFactory(output, new LayoutSet(input, [layout]), layout, new Rgba8(255, 255, 255));
    }
}
