using RenderFarm.Embedding.Decoding;

namespace RenderFarm.Embedding.Tests.Onnx;

/// <summary>Small images with pixel values chosen by the test, so expected floats can be computed by hand.</summary>
internal static class TestImages
{
    public static DecodedImage Rgba(int width, int height, Func<int, int, (byte R, byte G, byte B, byte A)> pixel)
    {
        var bytes = new byte[width * height * 4];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                (byte r, byte g, byte b, byte a) = pixel(x, y);
                int o = ((y * width) + x) * 4;
                bytes[o] = r;
                bytes[o + 1] = g;
                bytes[o + 2] = b;
                bytes[o + 3] = a;
            }
        }

        return new DecodedImage(width, height, PixelLayout.Rgba8888, bytes);
    }

    public static DecodedImage Gray(int width, int height, Func<int, int, byte> pixel)
    {
        var bytes = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bytes[(y * width) + x] = pixel(x, y);
            }
        }

        return new DecodedImage(width, height, PixelLayout.Gray8, bytes);
    }

    /// <summary>A deterministic "photo": smooth gradients differing by <paramref name="seed"/>.</summary>
    public static DecodedImage Pattern(int width, int height, int seed) =>
        Rgba(width, height, (x, y) => (
            (byte)((x * 7 + seed * 31) % 256),
            (byte)((y * 11 + seed * 17) % 256),
            (byte)((x * y + seed * 5) % 256),
            255));

    /// <summary>Runs Prepare and Infer for each image as one batch.</summary>
    public static float[] Embed(RenderFarm.Embedding.Embedders.IImageEmbedder embedder, params DecodedImage[] images)
    {
        var inputs = new float[images.Length * embedder.InputLength];
        for (int i = 0; i < images.Length; i++)
        {
            embedder.Prepare(images[i], inputs.AsSpan(i * embedder.InputLength, embedder.InputLength));
        }

        var outputs = new float[images.Length * embedder.Dimension];
        embedder.Infer(inputs, images.Length, outputs);
        return outputs;
    }

    public static float[] Prepared(RenderFarm.Embedding.Embedders.IImageEmbedder embedder, DecodedImage image)
    {
        var input = new float[embedder.InputLength];
        embedder.Prepare(image, input);
        return input;
    }
}
