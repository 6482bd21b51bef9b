using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Renders;

/// <summary>Scenes for render tests: 300 Fashion-MNIST images (a stratified sample of Debian's dataset) and small outputs.</summary>
internal static class RenderScenes
{
    public const int Items = 300;

    /// <summary>A 256² grid-mosaic poster, a small terrain image, and a 1-second 320×180 video (hold, then a morph UMAP → PCA).</summary>
    public const string Outputs = """
        outputs:
          poster:
            layout: grid
            style: grid-mosaic
            size: [256, 256]
            dpi: 150
            overlays: {title: Small, cluster_labels: true}
          terrain:
            kind: image
            layout: umap
            style: terrain
            size: [320, 240]
          transition:
            layout: umap
            size: [320, 180]
            fps: 30
            preset: ultrafast
            overlays: {title: Small}
            timeline:
              - hold: {seconds: 0.3}
              - morph: {to: pca, seconds: 0.7, stagger: label}
        """;

    /// <summary>Writes "small.yaml" with <paramref name="outputs"/> as its outputs section; returns its path.</summary>
    public static string Write(TempDirectory dir, string outputs = Outputs) => dir.Write("small.yaml", $"""
        name: small
        dataset:
          kind: idx
          path: {FashionMnist.Folder}
          class_names: [T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot]
          limit: {Items}
          seed: 1
        layouts:
          umap: {"{"}n_neighbors: 10, seed: 1{"}"}
          pca: {"{"}align_to: umap{"}"}
          grid: {"{"}source: umap{"}"}
        {outputs}
        """);
}
