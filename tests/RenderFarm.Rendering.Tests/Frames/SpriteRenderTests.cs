using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Atlases;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Tests.Frames;

[Collection(VulkanCollection.Name)]
public sealed class SpriteRenderTests(VulkanFixture vulkan)
{
    private const int W = 128, H = 96, Columns = 8, Spacing = 14, Origin = 8;

    [Theory]
    [InlineData(RenderPath.Raster)]
    [InlineData(RenderPath.Compute)]
    [InlineData(RenderPath.Managed)]
    public void EachSpriteShowsItsOwnThumbnailTheRightWayUp(RenderPath path)
    {
        var atlas = vulkan.Device.UploadAtlas(Scenes.DistinctThumbnails(40, 16));
        AssertEachSpriteShowsItsCell(atlas, path, path);
    }

    [Theory]
    [InlineData(RenderPath.Raster)]
    [InlineData(RenderPath.Compute)] // the splatting shaders bind one sheet: such frames go to raster
    [InlineData(RenderPath.Managed)] // the managed path reads the cells on the CPU: any number of sheets
    public void SpritesOnSeveralSheetsEachShowTheirOwnThumbnail(RenderPath path)
    {
        var thumbnails = Scenes.DistinctThumbnails(40, 16);
        // 2 × 2 slots a layer, 3 layers a sheet: 40 cells spread over 4 sheets.
        var layout = AtlasLayout.For(40, 16, 16384, 2048, sheetBudgetBytes: 3 * 48 * 48 * 4 * 4 / 3 + 3, maxLayerSize: 48);
        Assert.Equal(4, layout.SheetCount);
        var atlas = vulkan.Device.UploadAtlasWithLayout(thumbnails, layout);
        Assert.Equal(4, atlas.SheetCount);
        AssertEachSpriteShowsItsCell(atlas, path, path == RenderPath.Managed ? RenderPath.Managed : RenderPath.Raster);
    }

    [Theory]
    [InlineData(true, RenderPath.Raster)]   // lavapipe's choice: UNORM view, sRGB decoded in the shader
    [InlineData(false, RenderPath.Raster)]  // the GPU path: the sRGB view decodes in the sampler
    [InlineData(true, RenderPath.Compute)]
    [InlineData(false, RenderPath.Compute)]
    [InlineData(true, RenderPath.Managed)]
    [InlineData(false, RenderPath.Managed)]
    public void BothWaysOfDecodingSrgbShowTheSameColours(bool decodeInShader, RenderPath path)
    {
        var atlas = vulkan.Device.UploadAtlasWithLayout(Scenes.DistinctThumbnails(40, 16), layout: null, decodeInShader);
        Assert.Equal(decodeInShader, atlas.DecodeInShader);
        AssertEachSpriteShowsItsCell(atlas, path, path);
    }

    private void AssertEachSpriteShowsItsCell(ThumbnailAtlas atlas, RenderPath path, RenderPath expected)
    {
        using var renderer = vulkan.Device.CreateFrameRenderer(W, H, path);
        var frame = new FrameDescription(Scenes.PixelCamera(W, H), Scenes.Background,
            [Scenes.SpriteGrid(atlas, Columns, Spacing, size: 12, Origin)]);
        var rgba = new byte[W * H * 4];
        renderer.Render(frame, rgba, expected);
        for (int i = 0; i < atlas.Count; i++)
        {
            var (x, y) = Scenes.GridCentre(i, Columns, Spacing, Origin);
            Pixels.AssertNear(Scenes.CellColor(i), Pixels.At(rgba, W, x, y), 2, $"sprite {i} centre");
            // The white mark is in the thumbnail's top-left corner: on screen it must be top-left too.
            var topLeft = Pixels.At(rgba, W, x - 5, y - 5);
            var bottomRight = Pixels.At(rgba, W, x + 5, y + 5);
            Assert.True(topLeft.R + topLeft.G + topLeft.B > bottomRight.R + bottomRight.G + bottomRight.B + 60,
                $"sprite {i}: the white mark should show top-left ({topLeft}), not bottom-right ({bottomRight})");
        }
        Pixels.AssertNear(Scenes.Background, Pixels.At(rgba, W, 0, 0), 0, "background");
    }

    [Theory]
    [InlineData(RenderPath.Raster)]
    [InlineData(RenderPath.Compute)]
    [InlineData(RenderPath.Managed)]
    public void ThresholdModeLetsTheBackgroundShowThroughTheBlack(RenderPath path)
    {
        var atlas = vulkan.Device.UploadAtlas(Scenes.PlusSigns(4, 32));
        using var renderer = vulkan.Device.CreateFrameRenderer(W, H, path);
        var tint = Palette.ForIndex(1);
        var layer = new SpriteLayer
        {
            Atlas = atlas,
            Positions = new[] { 32.5f, -32.5f, 96.5f, -48.5f },
            Cells = new[] { 0, 3 },
            Size = 32,
            Mode = SpriteMode.Threshold,
            Threshold = 0.3f,
        };
        var tinted = layer with { Positions = new[] { 96.5f, -48.5f }, Cells = new[] { 3 }, Colors = new[] { tint } };
        var frame = new FrameDescription(Scenes.PixelCamera(W, H), Scenes.Background, [layer with { Positions = new[] { 32.5f, -32.5f }, Cells = new[] { 0 } }, tinted]);
        var rgba = new byte[W * H * 4];
        renderer.Render(frame, rgba, path);
        Pixels.AssertNear(new Rgba8(255, 255, 255), Pixels.At(rgba, W, 32, 32), 1, "white stroke");
        Pixels.AssertNear(Scenes.Background, Pixels.At(rgba, W, 22, 22), 0, "black corner of the thumbnail");
        Pixels.AssertNear(tint, Pixels.At(rgba, W, 96, 48), 1, "tinted stroke");
        Pixels.AssertNear(Scenes.Background, Pixels.At(rgba, W, 86, 58), 0, "black corner of the tinted thumbnail");
    }

    [Theory]
    [InlineData(RenderPath.Raster)]
    [InlineData(RenderPath.Compute)]
    [InlineData(RenderPath.Managed)]
    public void OpaqueTilesCanHaveAClassColouredBorder(RenderPath path)
    {
        var atlas = vulkan.Device.UploadAtlas(Scenes.DistinctThumbnails(40, 16));
        using var renderer = vulkan.Device.CreateFrameRenderer(W, H, path);
        var borders = Enumerable.Range(0, 40).Select(i => Palette.ForIndex(i % 10)).ToArray();
        var frame = new FrameDescription(Scenes.PixelCamera(W, H), Scenes.Background,
            [Scenes.SpriteGrid(atlas, Columns, Spacing, size: 12, Origin, SpriteMode.Opaque, borders, border: 2)]);
        var rgba = new byte[W * H * 4];
        renderer.Render(frame, rgba, path);
        for (int i = 0; i < 40; i++)
        {
            var (x, y) = Scenes.GridCentre(i, Columns, Spacing, Origin);
            Pixels.AssertNear(Scenes.CellColor(i), Pixels.At(rgba, W, x, y), 2, $"sprite {i} centre");
            // The tile spans x − 5.5 … x + 6.5: pixel x + 5 is inside its 2 px border.
            Pixels.AssertNear(borders[i], Pixels.At(rgba, W, x + 5, y), 2, $"sprite {i} border");
        }
    }

    [Fact]
    public void TheSameThumbnailSetIsUploadedOnce()
    {
        var thumbnails = Scenes.DistinctThumbnails(3, 8);
        var first = vulkan.Device.UploadAtlas(thumbnails);
        Assert.Same(first, vulkan.Device.UploadAtlas(thumbnails));
        var keyed = vulkan.Device.UploadAtlas(Scenes.DistinctThumbnails(3, 8), "dataset-hash/8");
        Assert.Same(keyed, vulkan.Device.UploadAtlas(Scenes.DistinctThumbnails(3, 8), "dataset-hash/8"));
        Assert.NotSame(first, keyed);
    }

    [Theory]
    [InlineData(RenderPath.Raster)]
    [InlineData(RenderPath.Compute)]
    [InlineData(RenderPath.Managed)]
    public void GridPosterTilesMeetEdgeToEdge(RenderPath path)
    {
        // A 6 × 4 grid of 1-unit opaque tiles filling the frame exactly: no background may show between them.
        var atlas = vulkan.Device.UploadAtlas(Scenes.DistinctThumbnails(24, 16));
        const int w = 96, h = 64;
        using var renderer = vulkan.Device.CreateFrameRenderer(w, h, path);
        var positions = Enumerable.Range(0, 24).SelectMany(i => new[] { i % 6 + 0.5f, i / 6 + 0.5f }).ToArray();
        var frame = new FrameDescription(new Core.Cameras.OrthographicCamera(3, 2, 4), new Rgba8(255, 0, 255),
            [new SpriteLayer { Atlas = atlas, Positions = positions, Cells = Enumerable.Range(0, 24).ToArray(), Size = 1, SizeUnit = SizeUnit.World, Mode = SpriteMode.Opaque }]);
        var rgba = new byte[w * h * 4];
        renderer.Render(frame, rgba, path);
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            Assert.NotEqual(new Rgba8(255, 0, 255), Pixels.At(rgba, w, x, y));
        // Tile (column 2, row 0 from the bottom) is item 2; +y is up, so it sits in the bottom row of pixels.
        Pixels.AssertNear(Scenes.CellColor(2), Pixels.At(rgba, w, 2 * 16 + 10, h - 8), 2, "item 2");
        Pixels.AssertNear(Scenes.CellColor(23), Pixels.At(rgba, w, 5 * 16 + 10, 8), 2, "item 23");
    }
}
