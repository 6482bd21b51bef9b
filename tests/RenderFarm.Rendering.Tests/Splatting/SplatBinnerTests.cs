using System.Numerics;
using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Frames;
using RenderFarm.Rendering.Splatting;

namespace RenderFarm.Rendering.Tests.Splatting;

public sealed class SplatBinnerTests
{
    // Pixel coordinates straight through: clip = pixel / size * 2 − 1 (as CameraTransform gives for a pixel camera).
    private static Matrix4x4 PixelsToClip(int w, int h) =>
        Matrix4x4.CreateScale(2f / w, 2f / h, 1) * Matrix4x4.CreateTranslation(-1, -1, 0);

    private static PointLayer Discs(params (float X, float Y, float Size)[] items) => new()
    {
        Positions = items.SelectMany(i => new[] { i.X, i.Y }).ToArray(),
        Colors = new[] { new Rgba8(1, 2, 3) },
        Sizes = items.Select(i => i.Size).ToArray(),
    };

    private static List<uint> ListOf(SplatBinner binner, int pixelX, int pixelY)
    {
        int list = (pixelY / SplatBinner.BinSize * binner.BinsX + pixelX / SplatBinner.BinSize) * SplatBinner.BinSize + pixelY % SplatBinner.BinSize;
        var items = new List<uint>();
        for (uint k = binner.ListStarts[list]; k < binner.ListStarts[list + 1]; k++) items.Add(binner.ListItems[k]);
        return items;
    }

    [Fact]
    public void EachRowListsTheItemsTouchingItInDrawOrder()
    {
        var binner = new SplatBinner();
        // Item 0 and 2 overlap item 1; item 3 is far away.
        Assert.True(binner.Bin(Discs((10, 10, 6), (12, 11, 8), (9, 12, 4), (50, 40, 4)), PixelsToClip(64, 48), 64, 48, 1, long.MaxValue));
        Assert.Equal(new uint[] { 0, 1, 2 }, ListOf(binner, 10, 11));
        Assert.Equal(new uint[] { 3 }, ListOf(binner, 50, 40));
        Assert.Empty(ListOf(binner, 30, 30));
        // A disc of radius 3 (+ half a pixel of edge) centred on y = 10 reaches rows 7..12 only.
        Assert.DoesNotContain(0u, ListOf(binner, 10, 14));
        Assert.Contains(0u, ListOf(binner, 10, 7));
    }

    [Fact]
    public void ItemsOffTheTileOrEmptyAreLeftOut()
    {
        var binner = new SplatBinner();
        Assert.True(binner.Bin(Discs((-20, 10, 6), (10, 10, 0), (float.NaN, 5, 4), (70, 10, 30)), PixelsToClip(64, 48), 64, 48, 1, long.MaxValue));
        // Only the large disc centred just right of the tile reaches into it.
        Assert.All(Enumerable.Range(0, binner.EntryCount), k => Assert.Equal(3u, binner.ListItems[k]));
        Assert.True(binner.EntryCount > 0);
    }

    [Fact]
    public void BinningStopsAtTheEntryLimit()
    {
        var binner = new SplatBinner();
        Assert.False(binner.Bin(Discs((32, 24, 200)), PixelsToClip(64, 48), 64, 48, 1, maxEntries: 100));
    }
}
