using RenderFarm.Core.Datasets;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;

namespace RenderFarm.TestSupport;

/// <summary>
/// Fashion-MNIST from Debian's dataset-fashion-mnist (installed by .ci/setup): the first N of
/// train + test as raw pixels in [0,1], the same rows and scaling the peer scripts use.
/// </summary>
public static class FashionMnist
{
    public const string Folder = "/usr/share/datasets/fashion-mnist";

    private static readonly Lazy<(Matrix Pixels, int[] Labels)> All = new(Load);

    /// <summary>The first <paramref name="count"/> images (row-major, 784 floats each) and their labels 0..9.</summary>
    public static (Matrix Pixels, int[] Labels) First(int count)
    {
        (Matrix pixels, int[] labels) = All.Value;
        if (count > pixels.Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Fashion-MNIST has {pixels.Rows} images.");
        }

        return (new Matrix(count, pixels.Columns, pixels.Data.AsSpan(0, count * pixels.Columns).ToArray()), labels[..count]);
    }

    /// <summary>
    /// The first <paramref name="fitCount"/> images to fit a layout on and the next
    /// <paramref name="heldOutCount"/> held out to add to it later (transform tests).
    /// </summary>
    public static (Matrix Fit, int[] FitLabels, Matrix HeldOut, int[] HeldOutLabels) Split(int fitCount, int heldOutCount)
    {
        (Matrix pixels, int[] labels) = First(fitCount + heldOutCount);
        int columns = pixels.Columns;
        var fit = new Matrix(fitCount, columns, pixels.Data.AsSpan(0, fitCount * columns).ToArray());
        var heldOut = new Matrix(heldOutCount, columns, pixels.Data.AsSpan(fitCount * columns).ToArray());
        return (fit, labels[..fitCount], heldOut, labels[fitCount..]);
    }

    private static (Matrix, int[]) Load()
    {
        if (!Directory.Exists(Folder))
        {
            throw new InvalidOperationException($"{Folder} is missing: install dataset-fashion-mnist (./renderfarm test does).");
        }

        Dataset dataset = DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Idx, Path = Folder });
        var pixels = new Matrix(dataset.Items.Count, 784);
        var labels = new int[dataset.Items.Count];
        for (int i = 0; i < dataset.Items.Count; i++)
        {
            var raw = (RawPixelSource)dataset.Items[i].Source;
            ReadOnlySpan<byte> bytes = raw.Pixels.Span;
            Span<float> row = pixels.Row(i);
            for (int p = 0; p < bytes.Length; p++)
            {
                row[p] = bytes[p] / 255f;
            }

            labels[i] = int.Parse(dataset.Items[i].Label!, System.Globalization.CultureInfo.InvariantCulture);
        }

        return (pixels, labels);
    }
}
