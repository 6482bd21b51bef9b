using RenderFarm.Core.Datasets;
using RenderFarm.Core.Scenes;
using RenderFarm.TestSupport;

namespace RenderFarm.Core.Tests.Datasets;

/// <summary>Image folders and CSV manifests: listing only (decoding belongs to the embedding stage).</summary>
public sealed class FileDatasetTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ImageFolder_FirstSubfolderIsTheClass_NestedAllowed()
    {
        _dir.Write("root/cat/a.jpg", "x");
        _dir.Write("root/cat/siamese/b.png", "x");
        _dir.Write("root/dog/c.JPEG", "x");
        _dir.Write("root/loose.webp", "x");
        _dir.Write("root/.hidden/d.jpg", "x");
        _dir.Write("root/dog/.e.jpg", "x");
        _dir.Write("root/notes.txt", "x");

        Dataset dataset = DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.ImageFolder, Path = _dir.File("root") });

        Assert.Equal(["cat/a.jpg", "cat/siamese/b.png", "dog/c.JPEG", "loose.webp"], dataset.Items.Select(i => i.Id));
        Assert.Equal(["cat", "cat", "dog", null], dataset.Items.Select(i => i.Label));
        Assert.Equal(["cat", "dog"], dataset.ClassNames);
        SkippedItem skipped = Assert.Single(dataset.Skipped);
        Assert.Equal("notes.txt", skipped.Id);
        Assert.Equal("not-an-image", skipped.Reason);
        Assert.All(dataset.Items, i => Assert.Null(i.Hash));
    }

    [Fact]
    public void Csv_KeepsMetadata_SkipsMissingFilesWithTheirLine()
    {
        _dir.Write("imgs/a.png", "x");
        _dir.Write("imgs/b.png", "x");
        string manifest = _dir.Write("manifest.csv", "path,label,caption,year\nimgs/a.png,red,\"a, quoted\",2020\nimgs/gone.png,blue,none,2021\nimgs/b.png,,plain,2022\n");

        Dataset dataset = DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Csv, Path = manifest });

        Assert.Equal(["imgs/a.png", "imgs/b.png"], dataset.Items.Select(i => i.Id));
        Assert.Equal("red", dataset.Items[0].Label);
        Assert.Null(dataset.Items[1].Label);
        Assert.Equal("a, quoted", dataset.Items[0].Metadata!["caption"]);
        Assert.Equal("2022", dataset.Items[1].Metadata!["year"]);
        SkippedItem skipped = Assert.Single(dataset.Skipped);
        Assert.Equal("missing-file", skipped.Reason);
        Assert.Contains("manifest.csv:3", skipped.Detail);
    }

    [Fact]
    public void Csv_WithoutPathColumn_NamesTheColumns()
    {
        string manifest = _dir.Write("m.csv", "file,label\na.png,x\n");

        var error = Assert.Throws<RenderFarmException>(() => DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Csv, Path = manifest }));

        Assert.Contains("no 'path' column (columns: file, label)", error.Message);
    }

    [Fact]
    public void Csv_IdColumnAndCustomPathColumn_AreUsed()
    {
        _dir.Write("a.png", "x");
        string manifest = _dir.Write("m.csv", "id,file\nitem-1,a.png\n");

        Dataset dataset = DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Csv, Path = manifest, PathColumn = "file" });

        Assert.Equal("item-1", Assert.Single(dataset.Items).Id);
    }

    [Fact]
    public void Csv_DuplicateIds_NameBothLines()
    {
        _dir.Write("a.png", "x");
        string manifest = _dir.Write("m.csv", "id,path\nsame,a.png\nsame,a.png\n");

        var error = Assert.Throws<RenderFarmException>(() => DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Csv, Path = manifest }));

        Assert.Contains("m.csv:3: id 'same' already appears on line 2", error.Message);
    }

    [Fact]
    public void Csv_RaggedRow_NamesTheLine()
    {
        string manifest = _dir.Write("m.csv", "path,label\na.png,x\nb.png\n");

        var error = Assert.Throws<RenderFarmException>(() => DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Csv, Path = manifest }));

        Assert.Contains("m.csv:3: 1 fields, but the header has 2", error.Message);
    }
}
