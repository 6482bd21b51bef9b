using System.Buffers.Binary;
using System.Text;
using RenderFarm.Core.Datasets;
using RenderFarm.Core.IO;
using RenderFarm.Core.Scenes;
using RenderFarm.TestSupport;

namespace RenderFarm.Core.Tests.Datasets;

public sealed class EmbeddingsReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Npy_WithMetadata_GivesIdsLabelsAndImages()
    {
        NpyFile.Write(_dir.File("v.npy"), new Matrix(2, 3, [1, 2, 3, 4, 5, 6]));
        _dir.Write("meta.csv", "id,label,image,score\nfirst,a,thumbs/1.png,0.5\nsecond,b,,0.7\n");

        Dataset dataset = DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Embeddings, Path = _dir.File("v.npy"), Metadata = _dir.File("meta.csv") });

        Assert.Equal(["first", "second"], dataset.Items.Select(i => i.Id));
        Assert.Equal(["a", "b"], dataset.Items.Select(i => i.Label));
        Assert.Equal(_dir.File("thumbs/1.png"), ((VectorSource)dataset.Items[0].Source).ImagePath);
        Assert.Null(((VectorSource)dataset.Items[1].Source).ImagePath);
        Assert.Equal("0.7", dataset.Items[1].Metadata!["score"]);
        Assert.Equal(3, dataset.Vectors!.Columns);
    }

    [Fact]
    public void Npy_Float64FortranOrder_IsReadAsRowMajorFloat32()
    {
        // [[1, 2, 3], [4, 5, 6]] stored column by column as little-endian doubles.
        double[] columnMajor = [1, 4, 2, 5, 3, 6];
        WriteNpy(_dir.File("f.npy"), "<f8", fortran: true, "(2, 3)", columnMajor.SelectMany(d => BitConverter.GetBytes(d)).ToArray());

        Matrix matrix = NpyFile.Read(_dir.File("f.npy"));

        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, matrix.Data);
    }

    [Fact]
    public void Npy_IntegerDtype_IsAClearError()
    {
        WriteNpy(_dir.File("i.npy"), "<i4", fortran: false, "(1, 1)", new byte[4]);

        var error = Assert.Throws<RenderFarmException>(() => NpyFile.Read(_dir.File("i.npy")));

        Assert.Contains("dtype '<i4' is not supported", error.Message);
    }

    [Fact]
    public void Npy_ThreeDimensional_IsAClearError()
    {
        WriteNpy(_dir.File("3d.npy"), "<f4", fortran: false, "(1, 1, 1)", new byte[4]);

        var error = Assert.Throws<RenderFarmException>(() => NpyFile.Read(_dir.File("3d.npy")));

        Assert.Contains("expected a 2-D array", error.Message);
    }

    [Fact]
    public void Csv_NumericColumnsAreTheVector_NonFiniteRowsSkipped()
    {
        string path = _dir.Write("e.csv", "id,label,x,y\na,cat,1.5,2\nb,dog,NaN,1\nc,dog,-1e3,0\n");

        Dataset dataset = DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Embeddings, Path = path });

        Assert.Equal(["a", "c"], dataset.Items.Select(i => i.Id));
        Assert.Equal(new float[] { 1.5f, 2 }, dataset.Vectors!.Row(0).ToArray());
        SkippedItem skipped = Assert.Single(dataset.Skipped);
        Assert.Equal(("b", "non-finite"), (skipped.Id, skipped.Reason));
    }

    [Fact]
    public void Csv_TextInAVectorColumn_NamesLineAndColumn()
    {
        string path = _dir.Write("e.csv", "id,x,y\na,1,2\nb,3,oops\n");

        var error = Assert.Throws<RenderFarmException>(() => DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Embeddings, Path = path }));

        Assert.Contains("e.csv:3: column 'y' holds 'oops'", error.Message);
    }

    [Fact]
    public void Npy_MetadataRowCountMismatch_IsAClearError()
    {
        NpyFile.Write(_dir.File("v.npy"), new Matrix(2, 1, [1, 2]));
        _dir.Write("meta.csv", "id\nonly-one\n");

        var error = Assert.Throws<RenderFarmException>(() => DatasetLoader.Load(new DatasetSpec { Kind = DatasetKind.Embeddings, Path = _dir.File("v.npy"), Metadata = _dir.File("meta.csv") }));

        Assert.Contains("1 rows describe a matrix of 2 rows", error.Message);
    }

    private static void WriteNpy(string path, string descr, bool fortran, string shape, byte[] data)
    {
        string header = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        header = header.PadRight(64 - 10 - 1) + "\n";
        using var file = File.Create(path);
        file.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        file.Write(length);
        file.Write(Encoding.ASCII.GetBytes(header));
        file.Write(data);
    }
}
