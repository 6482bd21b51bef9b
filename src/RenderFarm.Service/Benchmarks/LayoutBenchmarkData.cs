using System.Globalization;
using RenderFarm.Core;
using RenderFarm.Core.Datasets;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;

namespace RenderFarm.Service.Benchmarks;

/// <summary>
/// The first N Fashion-MNIST images (train then test) as raw pixels / 255 with their class labels:
/// the same rows and scaling the peer scripts feed umap-learn, uwot and scipy.
/// </summary>
internal static class LayoutBenchmarkData
{
    public static (Matrix Pixels, int[] Labels) LoadFirst(int count)
    {
        if (!Directory.Exists(EmbedBenchmark.FashionMnist))
        {
            throw new RenderFarmException($"{EmbedBenchmark.FashionMnist} is missing: install it with: sudo apt-get install dataset-fashion-mnist");
        }

        Dataset dataset = DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Idx, Path = EmbedBenchmark.FashionMnist });
        var pixels = new Matrix(count, 784);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            var raw = (RawPixelSource)dataset.Items[i].Source;
            ReadOnlySpan<byte> bytes = raw.Pixels.Span;
            Span<float> row = pixels.Row(i);
            for (int p = 0; p < bytes.Length; p++)
            {
                row[p] = bytes[p] / 255f;
            }

            labels[i] = int.Parse(dataset.Items[i].Label!, CultureInfo.InvariantCulture);
        }

        return (pixels, labels);
    }

    /// <summary>The first <paramref name="count"/> rows of <paramref name="matrix"/> (a copy).</summary>
    public static Matrix Head(Matrix matrix, int count) =>
        new(count, matrix.Columns, matrix.Data.AsSpan(0, count * matrix.Columns).ToArray());
}
