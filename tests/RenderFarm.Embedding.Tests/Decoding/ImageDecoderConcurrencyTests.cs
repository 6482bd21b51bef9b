using RenderFarm.Embedding.Decoding;
using SkiaSharp;

using RenderFarm.TestSupport;

namespace RenderFarm.Embedding.Tests.Decoding;

/// <summary>The pipeline decodes on many threads at once; results must not depend on that.</summary>
public sealed class ImageDecoderConcurrencyTests
{
    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Decode_SameImageOnEightThreads_GivesIdenticalPixels(SKEncodedImageFormat format)
    {
        byte[] encoded = ExifWithOrientationIfJpeg(format, TestImages.Encode(format, 320, 240, TestImages.Gradient(320, 240)));
        var options = new ImageDecodeOptions { MinShortSide = 100 };
        byte[] expected = ImageDecoder.Decode(encoded, options).Pixels;
        var results = new byte[64][];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = ImageDecoder.Decode(encoded, options).Pixels);

        Assert.All(results, pixels => Assert.Equal(expected, pixels));
    }

    [Fact]
    public void Decode_DifferentFailuresOnEightThreads_EachGetsItsOwnReason()
    {
        byte[] png = TestImages.Encode(SKEncodedImageFormat.Png, 64, 64, TestImages.Noise(64, 64));
        byte[][] inputs = [png, png[..(png.Length / 2)], "text"u8.ToArray(), PngWriter.WriteHeaderClaiming(20000, 20000)];
        ImageSkipReason?[] expected = [null, ImageSkipReason.Truncated, ImageSkipReason.NotAnImage, ImageSkipReason.TooLarge];
        var actual = new ImageSkipReason?[200];

        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            try
            {
                ImageDecoder.Decode(inputs[i % inputs.Length], new ImageDecodeOptions());
            }
            catch (ImageDecodeException error)
            {
                actual[i] = error.Reason;
            }
        });

        for (int i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % inputs.Length], actual[i]);
        }
    }

    // JPEGs also go through orientation and downscaling, so the parallel test covers those paths too.
    private static byte[] ExifWithOrientationIfJpeg(SKEncodedImageFormat format, byte[] encoded) =>
        format == SKEncodedImageFormat.Jpeg ? ExifWriter.WithOrientation(encoded, 6) : encoded;
}
