using SkiaSharp;

namespace RenderFarm.Service.Benchmarks;

/// <summary>Writes distinct JPEG photographs-in-spirit (gradients, shapes, noise) for the ONNX benchmark.</summary>
internal static class SyntheticImages
{
    public static void WriteJpegs(string folder, int count, int size, int seed)
    {
        Directory.CreateDirectory(folder);
        Parallel.For(0, count, i =>
        {
            var random = new Random(seed + i);
            using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Premul);
            using (var canvas = new SKCanvas(bitmap))
            {
                using var gradient = SKShader.CreateLinearGradient(
                    new SKPoint(0, 0),
                    new SKPoint(size, size),
                    [RandomColor(random), RandomColor(random)],
                    SKShaderTileMode.Clamp);
                using var background = new SKPaint { Shader = gradient };
                canvas.DrawRect(0, 0, size, size, background);
                using var shape = new SKPaint { IsAntialias = true };
                for (int s = 0; s < 12; s++)
                {
                    shape.Color = RandomColor(random).WithAlpha((byte)random.Next(80, 255));
                    canvas.DrawCircle(random.Next(size), random.Next(size), random.Next(4, size / 3), shape);
                }
            }

            using SKData jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
            File.WriteAllBytes(Path.Combine(folder, $"image-{i:D6}.jpg"), jpeg.ToArray());
        });
    }

    private static SKColor RandomColor(Random random) => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
}
