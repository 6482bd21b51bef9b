using RenderFarm.Embedding.Decoding;
using RenderFarm.Embedding.Thumbnails;

namespace RenderFarm.Embedding.Tests.Thumbnails;

public sealed class GrayUpscalerTests
{
    [Fact]
    public void Enlarging_a_28px_image_stays_close_to_skias_resampler()
    {
        var random = new Random(7);
        var pixels = new byte[28 * 28];
        // A smooth image (blurred noise): on sharp noise bilinear and Mitchell legitimately differ more.
        for (int y = 0; y < 28; y++)
        for (int x = 0; x < 28; x++)
        {
            pixels[y * 28 + x] = (byte)(128 + 100 * Math.Sin(x / 4.0) * Math.Cos(y / 5.0) + random.Next(-3, 4));
        }

        var source = new DecodedImage(28, 28, PixelLayout.Gray8, pixels);
        var ours = GrayUpscaler.Resize(source, 32, 32);
        var skia = ImageResampler.Resize(source, 32, 32);

        double meanError = ours.Pixels.Zip(skia.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 2.5, $"mean difference {meanError:F2} levels");
    }

    [Fact]
    public void A_flat_image_stays_flat_and_edges_keep_their_values()
    {
        var flat = new DecodedImage(28, 28, PixelLayout.Gray8, Enumerable.Repeat((byte)77, 28 * 28).ToArray());
        Assert.All(GrayUpscaler.Resize(flat, 32, 32).Pixels, p => Assert.Equal(77, p));

        var ramp = new DecodedImage(2, 1, PixelLayout.Gray8, [0, 200]);
        byte[] wide = GrayUpscaler.Resize(ramp, 8, 1).Pixels;
        Assert.Equal(0, wide[0]);
        Assert.Equal(200, wide[^1]);
        Assert.Equal(wide.Order().ToArray(), wide);
    }

    [Fact]
    public void Only_enlargements_of_gray_images_take_this_path()
    {
        var gray = new DecodedImage(28, 28, PixelLayout.Gray8, new byte[28 * 28]);
        Assert.True(GrayUpscaler.Applies(gray, 32, 32));
        Assert.False(GrayUpscaler.Applies(gray, 16, 16));
        Assert.False(GrayUpscaler.Applies(new DecodedImage(28, 28, PixelLayout.Rgba8888, new byte[28 * 28 * 4]), 32, 32));
    }
}
