using RenderFarm.Core.Artifacts;
using RenderFarm.Core.IO;
using RenderFarm.TestSupport;

namespace RenderFarm.Core.Tests.Artifacts;

public sealed class ArtifactStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WriteThenRead_ReturnsTheMatrix()
    {
        var store = new ArtifactStore(_dir.Path);
        var matrix = new Matrix(2, 3, [1, 2, 3, 4, 5, 6]);

        store.WriteMatrix("layouts", "umap|seed=1", matrix);

        Assert.Equal(matrix.Data, store.TryReadMatrix("layouts", "umap|seed=1")!.Data);
        Assert.Null(store.TryReadMatrix("layouts", "umap|seed=2"));
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir.Path, "layouts"), "*.tmp-*"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(20)]
    public void TryRead_DamagedFile_IsAMissAndIsRemoved(int damageAt)
    {
        var store = new ArtifactStore(_dir.Path);
        store.Write("x", "key", [1, 2, 3, 4]);
        string path = store.PathOf("x", "key");
        byte[] bytes = File.ReadAllBytes(path);
        if (damageAt < 0)
        {
            File.WriteAllBytes(path, bytes[..^5]);
        }
        else
        {
            bytes[damageAt] ^= 0xFF;
            File.WriteAllBytes(path, bytes);
        }

        Assert.Null(store.TryRead("x", "key"));
        Assert.False(File.Exists(path));
    }
}
