using RenderFarm.Core.Datasets;
using RenderFarm.Core.Scenes;
using RenderFarm.TestSupport;

namespace RenderFarm.Core.Tests.Datasets;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Load_Folder_PairsImagesWithLabelsTrainFirst(bool gzip)
    {
        string suffix = gzip ? ".gz" : "";
        IdxWriter.WriteImages(_dir.File("t10k-images-idx3-ubyte" + suffix), 2, 2, [[1, 2, 3, 4]], gzip);
        IdxWriter.WriteLabels(_dir.File("t10k-labels-idx1-ubyte" + suffix), [1], gzip);
        IdxWriter.WriteImages(_dir.File("train-images-idx3-ubyte" + suffix), 2, 2, [[0, 0, 0, 0], [9, 9, 9, 9]], gzip);
        IdxWriter.WriteLabels(_dir.File("train-labels-idx1-ubyte" + suffix), [0, 1], gzip);

        Dataset dataset = DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Idx, Path = _dir.Path, ClassNames = ["zero", "one"] });

        Assert.Equal(["train/00000", "train/00001", "t10k/00000"], dataset.Items.Select(i => i.Id));
        Assert.Equal(["zero", "one", "one"], dataset.Items.Select(i => i.Label));
        Assert.Equal(2, dataset.NativeSize);
        var raw = Assert.IsType<RawPixelSource>(dataset.Items[2].Source);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, raw.Pixels.ToArray());
        Assert.NotNull(dataset.Items[0].Hash);
        Assert.NotEqual(dataset.Items[0].Hash, dataset.Items[1].Hash);
    }

    [Fact]
    public void Load_IdenticalImages_ShareAContentHash()
    {
        IdxWriter.WriteImages(_dir.File("a-images-idx3-ubyte"), 1, 2, [[5, 6], [5, 6]], gzip: false);

        Dataset dataset = DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Idx, Path = _dir.File("a-images-idx3-ubyte") });

        Assert.Equal(dataset.Items[0].Hash, dataset.Items[1].Hash);
        Assert.All(dataset.Items, i => Assert.Null(i.Label));
    }

    [Fact]
    public void Load_LabelBeyondClassNames_NamesTheFile()
    {
        IdxWriter.WriteImages(_dir.File("x-images-idx3-ubyte"), 1, 1, [[1]], gzip: false);
        IdxWriter.WriteLabels(_dir.File("x-labels-idx1-ubyte"), [7], gzip: false);

        var error = Assert.Throws<RenderFarmException>(() => DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Idx, Path = _dir.Path, ClassNames = ["a"] }));

        Assert.Contains("x-labels-idx1-ubyte", error.Message);
        Assert.Contains("label 7 has no name", error.Message);
    }

    [Fact]
    public void Load_TruncatedFile_SaysSo()
    {
        IdxWriter.WriteImages(_dir.File("t-images-idx3-ubyte"), 2, 2, [[1, 2, 3, 4], [5, 6, 7, 8]], gzip: false);
        byte[] bytes = File.ReadAllBytes(_dir.File("t-images-idx3-ubyte"));
        File.WriteAllBytes(_dir.File("t-images-idx3-ubyte"), bytes[..^3]);

        var error = Assert.Throws<RenderFarmException>(() => DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Idx, Path = _dir.Path }));

        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Load_LabelsFileAsImages_IsAClearError()
    {
        IdxWriter.WriteLabels(_dir.File("l-images-idx3-ubyte"), [1, 2], gzip: false);

        var error = Assert.Throws<RenderFarmException>(() => DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Idx, Path = _dir.File("l-images-idx3-ubyte") }));

        Assert.Contains("expected an images file (rank 3)", error.Message);
    }

    [Fact]
    public void Load_CountMismatch_IsAClearError()
    {
        IdxWriter.WriteImages(_dir.File("m-images-idx3-ubyte"), 1, 1, [[1], [2]], gzip: false);
        IdxWriter.WriteLabels(_dir.File("m-labels-idx1-ubyte"), [1], gzip: false);

        var error = Assert.Throws<RenderFarmException>(() => DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Idx, Path = _dir.Path }));

        Assert.Contains("1 labels for 2 images", error.Message);
    }

    [Fact]
    public void Load_FashionMnistPackage_Has70000ItemsInTenClasses()
    {
        const string Folder = "/usr/share/datasets/fashion-mnist";
        Assert.True(Directory.Exists(Folder), "dataset-fashion-mnist must be installed (the test script installs it)");

        Dataset dataset = DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Idx, Path = Folder, Limit = 5000, Seed = 42 });

        Assert.Equal(70_000, dataset.TotalBeforeSampling);
        Assert.Equal(5000, dataset.Items.Count);
        Assert.Equal(28, dataset.NativeSize);
        Assert.All(dataset.Items.GroupBy(i => i.Label), g => Assert.Equal(500, g.Count()));
    }
}
