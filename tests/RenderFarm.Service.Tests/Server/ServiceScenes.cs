using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Server;

/// <summary>Inline scenes for the service tests: 200 Fashion-MNIST images, PCA and a grid from it (fast to compute).</summary>
internal static class ServiceScenes
{
    public const int PosterWidth = 160;
    public const int PosterHeight = 120;

    /// <summary>One small grid-mosaic poster.</summary>
    public static string Poster(string name = "tiny") => Scene(name, $"""
          poster:
            layout: grid
            style: grid-mosaic
            size: [{PosterWidth}, {PosterHeight}]
        """);

    /// <summary>A two-minute video: long enough to be cancelled while its frames render.</summary>
    public static string LongVideo(string name = "long") => Scene(name, """
          movie:
            layout: pca
            size: [320, 180]
            fps: 30
            preset: ultrafast
            timeline:
              - hold: {seconds: 120}
        """);

    public static string Scene(string name, string outputs) => $"""
        name: {name}
        dataset:
          kind: idx
          path: {FashionMnist.Folder}
          limit: 200
          seed: 1
        layouts:
          pca: {"{}"}
          grid: {"{"}source: pca{"}"}
        outputs:
        {outputs}
        """;
}
