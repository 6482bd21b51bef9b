using RenderFarm.TestSupport;

namespace RenderFarm.Service.Tests.Cli;

/// <summary>Small generated datasets and the scene files that use them.</summary>
internal static class TestScenes
{
    public const int TinyCount = 60;
    public const int TinySide = 8;
    public static readonly string[] TinyClasses = ["cat", "dog", "fish"];

    /// <summary>
    /// An IDX dataset of <see cref="TinyCount"/> random 8×8 images, labels cycling through
    /// <see cref="TinyClasses"/> (20 each), and the scene "tiny" that embeds it; returns the scene path.
    /// </summary>
    public static string WriteTiny(TempDirectory dir)
    {
        var random = new Random(7);
        var images = new List<byte[]>();
        var labels = new List<byte>();
        for (int i = 0; i < TinyCount; i++)
        {
            var pixels = new byte[TinySide * TinySide];
            random.NextBytes(pixels);
            images.Add(pixels);
            labels.Add((byte)(i % TinyClasses.Length));
        }

        Directory.CreateDirectory(dir.File("tiny-data"));
        IdxWriter.WriteImages(dir.File("tiny-data/train-images-idx3-ubyte"), TinySide, TinySide, images, gzip: false);
        IdxWriter.WriteLabels(dir.File("tiny-data/train-labels-idx1-ubyte"), labels, gzip: false);
        return dir.Write("tiny.yaml", """
            name: tiny
            dataset:
              kind: idx
              path: tiny-data
              class_names: [cat, dog, fish]
            embedder:
              kind: pixels
            """);
    }
}
