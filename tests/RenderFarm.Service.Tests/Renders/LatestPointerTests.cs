using RenderFarm.Service.Renders;

namespace RenderFarm.Service.Tests.Renders;

public sealed class LatestPointerTests : IDisposable
{
    private readonly string _scene = Directory.CreateTempSubdirectory("rf-latest-").FullName;

    [Fact]
    public void LatestFollowsTheNewestRunAndIsNeverTakenBackByAnOlderOne()
    {
        Assert.Null(LatestPointer.Read(_scene));
        RunFolder older = RunFolder.Create(_scene, "aaaaaaaa", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        RunFolder newer = RunFolder.Create(_scene, "bbbbbbbb", new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero));

        LatestPointer.Update(older);
        Assert.Equal(older.Path, LatestPointer.Read(_scene));
        LatestPointer.Update(newer);
        Assert.Equal(newer.Path, LatestPointer.Read(_scene));
        LatestPointer.Update(older);
        Assert.Equal(newer.Path, LatestPointer.Read(_scene));

        // Relative, so the output root can be moved or mounted elsewhere; no temp links left behind.
        Assert.Equal(newer.RunId, new FileInfo(Path.Combine(_scene, LatestPointer.Name)).LinkTarget);
        Assert.Equal([older.RunId, newer.RunId, "latest"], Directory.EnumerateFileSystemEntries(_scene).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    public void Dispose() => Directory.Delete(_scene, recursive: true);
}
