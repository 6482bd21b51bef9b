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

    /// <summary>
    /// Seeded noise images in three classes as an IDX pair; a larger count keeps the first ones, like
    /// a dataset that grew. Written beside the folder and moved in, so a schedule watching the
    /// dataset never reads a half-written file.
    /// </summary>
    public static void WriteNoiseIdx(string folder, int count, int seed = 7)
    {
        Directory.CreateDirectory(folder);
        string staging = folder + ".staging";
        Directory.CreateDirectory(staging);
        var random = new Random(seed);
        var images = Enumerable.Range(0, count).Select(_ =>
        {
            var pixels = new byte[28 * 28];
            random.NextBytes(pixels);
            return pixels;
        }).ToArray();
        IdxWriter.WriteImages(Path.Combine(staging, "train-images-idx3-ubyte"), 28, 28, images, gzip: false);
        IdxWriter.WriteLabels(Path.Combine(staging, "train-labels-idx1-ubyte"), Enumerable.Range(0, count).Select(i => (byte)(i % 3)).ToArray(), gzip: false);
        foreach (string file in Directory.GetFiles(staging))
        {
            File.Move(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }

        Directory.Delete(staging);
    }
}
