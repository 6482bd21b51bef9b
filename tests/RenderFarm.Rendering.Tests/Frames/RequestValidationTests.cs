using RenderFarm.Core.Colors;
using RenderFarm.Rendering.Frames;

namespace RenderFarm.Rendering.Tests.Frames;

[Collection(VulkanCollection.Name)]
public sealed class RequestValidationTests(VulkanFixture vulkan)
{
    private static FrameDescription Frame(params FrameLayer[] layers) =>
        new(Scenes.PixelCamera(32, 32), Scenes.Background, layers);

    private static PointLayer TwoPoints => new() { Positions = new[] { 1f, -1f, 5f, -5f }, Colors = new[] { Palette.ForIndex(0) } };

    [Theory]
    [InlineData(0, 10, 4)]
    [InlineData(10, 0, 4)]
    [InlineData(-5, 10, 4)]
    [InlineData(100_000, 10, 4)]
    [InlineData(10, 10, 3)]
    [InlineData(10, 10, 64)]
    public void BadRendererSizesAndSampleCountsAreRejected(int width, int height, int samples)
    {
        var e = Assert.Throws<RenderingException>(() => vulkan.Device.CreateFrameRenderer(width, height, samples));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Theory]
    [InlineData(30, 0, 10, 10, "outside")]  // runs past the right edge of a 32 px image
    [InlineData(-1, 0, 10, 10, "outside")]
    [InlineData(0, 0, 0, 10, "empty")]
    [InlineData(0, 0, 20, 20, "larger than")] // the renderer is 16 × 16
    public void TilesOutsideTheImageOrTargetAreRejected(int x, int y, int w, int h, string reason)
    {
        using var renderer = vulkan.Device.CreateFrameRenderer(16, 16);
        var rect = new PixelRect(x, y, w, h);
        var e = Assert.Throws<RenderingException>(() =>
            renderer.Render(Frame(TwoPoints), new byte[Math.Max(0, w * h * 4)], new FrameTile(32, 32, rect)));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void APixelBufferOfTheWrongSizeIsRejected()
    {
        using var renderer = vulkan.Device.CreateFrameRenderer(16, 16);
        var e = Assert.Throws<RenderingException>(() => renderer.Render(Frame(TwoPoints), new byte[16 * 16 * 3]));
        Assert.Contains("1024", e.Message);
    }

    [Fact]
    public void MismatchedInstanceArraysAreRejected()
    {
        using var renderer = vulkan.Device.CreateFrameRenderer(16, 16);
        var buffer = new byte[16 * 16 * 4];
        var atlas = vulkan.Device.UploadAtlas(Scenes.DistinctThumbnails(4, 8));
        var sprites = new SpriteLayer { Atlas = atlas, Positions = new[] { 1f, 1f, 2f, 2f }, Cells = new[] { 0, 1 } };

        Assert.Contains("3 colours for 2 points", Assert.Throws<RenderingException>(() =>
            renderer.Render(Frame(TwoPoints with { Colors = new Rgba8[3] }), buffer)).Message);
        Assert.Contains("1 sizes for 2 points", Assert.Throws<RenderingException>(() =>
            renderer.Render(Frame(TwoPoints with { Sizes = new[] { 1f } }), buffer)).Message);
        Assert.Contains("whole number", Assert.Throws<RenderingException>(() =>
            renderer.Render(Frame(TwoPoints with { Positions = new[] { 1f, 2f, 3f } }), buffer)).Message);
        Assert.Contains("2 or 3 dimensions", Assert.Throws<RenderingException>(() =>
            renderer.Render(Frame(TwoPoints with { Dimensions = 4 }), buffer)).Message);
        Assert.Contains("positive", Assert.Throws<RenderingException>(() =>
            renderer.Render(Frame(TwoPoints with { Size = 0 }), buffer)).Message);
        Assert.Contains("1 atlas cells for 2 sprites", Assert.Throws<RenderingException>(() =>
            renderer.Render(Frame(sprites with { Cells = new[] { 0 } }), buffer)).Message);
        Assert.Contains("atlas holds 4", Assert.Throws<RenderingException>(() =>
            renderer.Render(Frame(sprites with { Cells = new[] { 0, 4 } }), buffer)).Message);
        Assert.Contains("threshold", Assert.Throws<RenderingException>(() =>
            renderer.Render(Frame(sprites with { Threshold = 0 }), buffer)).Message);
        Assert.Contains("at most 16 layers", Assert.Throws<RenderingException>(() =>
            renderer.Render(Frame(Enumerable.Repeat<FrameLayer>(TwoPoints, 17).ToArray()), buffer)).Message);
    }

    [Fact]
    public void AnAtlasFromAnotherDeviceIsRejected()
    {
        using var other = RenderDevice.Open(new Rendering.Devices.DeviceOptions { Device = "llvmpipe" });
        var foreign = other.UploadAtlas(Scenes.DistinctThumbnails(2, 8));
        using var renderer = vulkan.Device.CreateFrameRenderer(16, 16);
        var layer = new SpriteLayer { Atlas = foreign, Positions = new[] { 1f, -1f }, Cells = new[] { 0 } };
        var e = Assert.Throws<RenderingException>(() => renderer.Render(Frame(layer), new byte[16 * 16 * 4]));
        Assert.Contains("another RenderDevice", e.Message);
    }
}
