using RenderFarm.Rendering.Atlases;

namespace RenderFarm.Rendering.Tests.Atlases;

public sealed class AtlasLayoutTests
{
    [Theory]
    [InlineData(70_000, 28)]
    [InlineData(70_000, 32)]
    [InlineData(100_000, 64)]
    public void LargeCollectionsFitInSheetsUnderTheBudget(int count, int cellSize)
    {
        // lavapipe's limits: 16384 px images, 2048 layers, 2 GiB per allocation.
        var layout = AtlasLayout.For(count, cellSize, 16384, 2048);
        Assert.True((long)layout.CellsPerSheet * layout.SheetCount >= count);
        Assert.True(layout.LayersPerSheet * layout.LayerBytes * 4 / 3 <= AtlasLayout.SheetBudgetBytes);
        Assert.True(layout.LayersPerSheet <= 2048);
        Assert.Equal(0, layout.Slot % (1 << (layout.MipLevels - 1))); // slots stay aligned at every mip level
        Assert.True(layout.Inset >= (1 << (layout.MipLevels - 1)) / 2, "the gutter must cover a bilinear tap at the last level");
    }

    [Fact]
    public void FashionMnistFitsOneSheet()
    {
        var layout = AtlasLayout.For(70_000, 28, 16384, 2048);
        Assert.Equal(1, layout.SheetCount);
        Assert.Equal(4, layout.MipLevels);
    }

    [Fact]
    public void SmallSetsGetSmallLayers()
    {
        var layout = AtlasLayout.For(10, 16, 16384, 2048);
        Assert.Equal(1, layout.TotalLayers);
        Assert.True(layout.LayerSize <= 4 * layout.Slot);
    }

    [Fact]
    public void GuttersRepeatTheCellsEdgePixels()
    {
        var layout = AtlasLayout.For(4, 2, 16384, 2048);
        // A 2×2 cell: red, green / blue, white.
        byte[] cell = [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255];
        var layer = new byte[layout.LayerBytes];
        layout.WriteSlot(cell, 3, layer);
        int sx = 3 % layout.SlotsPerRow * layout.Slot, sy = 3 / layout.SlotsPerRow * layout.Slot;
        byte[] Pixel(int x, int y) => layer.AsSpan(((sy + y) * layout.LayerSize + sx + x) * 4, 4).ToArray();
        Assert.Equal(cell[..4], Pixel(0, 0));                             // corner gutter = top-left pixel
        Assert.Equal(cell[4..8], Pixel(layout.Slot - 1, 0));              // top-right
        Assert.Equal(cell[8..12], Pixel(0, layout.Slot - 1));             // bottom-left
        Assert.Equal(cell[12..16], Pixel(layout.Slot - 1, layout.Slot - 1));
        Assert.Equal(cell[4..8], Pixel(layout.Inset + 1, layout.Inset));  // the cell itself
    }

    [Fact]
    public void EmptySetIsRejected()
    {
        Assert.Throws<RenderingException>(() => AtlasLayout.For(0, 16, 16384, 2048));
    }
}
