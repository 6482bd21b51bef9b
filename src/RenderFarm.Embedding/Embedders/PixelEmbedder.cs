using System.Globalization;
using System.Numerics.Tensors;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Decoding;

namespace RenderFarm.Embedding.Embedders;

/// <summary>
/// Raw pixels as the embedding, the way umap-explorer and UMAP's MNIST example embed digits:
/// resize to N×N, grayscale (ITU-R 601 luma, as PIL's "L") or RGB, scaled to [0,1], optionally
/// L2-normalised. Transparent pixels are composited over white first.
/// </summary>
public sealed class PixelEmbedder : IImageEmbedder
{
    private const string Version = "v1";

    public PixelEmbedder(int size, PixelColor color, bool normalize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        Size = size;
        Color = color;
        Normalize = normalize;
        Channels = color == PixelColor.Grayscale ? 1 : 3;
        InputLength = size * size * Channels;
    }

    public int Size { get; }

    public PixelColor Color { get; }

    public bool Normalize { get; }

    public int Channels { get; }

    public string CacheKey => string.Create(CultureInfo.InvariantCulture, $"pixels:{Version}:size={Size}:color={Color}:normalize={Normalize}:alpha=white");

    public string Description => $"pixels {Size}x{Size} {Color.ToString().ToLowerInvariant()}{(Normalize ? ", L2-normalised" : "")} ({Dimension} dimensions)";

    public int InputLength { get; }

    public int Dimension => InputLength;

    // Preparing is the whole job and Infer only copies: big batches keep per-batch overhead negligible.
    public int BatchSize => 1024;

    public int MinShortSide => Size;

    public void Prepare(DecodedImage image, Span<float> input)
    {
        DecodedImage sized = ImageResampler.Resize(image, Size, Size);
        byte[] pixels = sized.Pixels;
        const float Scale = 1f / 255f;
        int count = Size * Size;
        if (sized.Layout == PixelLayout.Gray8)
        {
            for (int i = 0; i < count; i++)
            {
                float v = pixels[i] * Scale;
                if (Channels == 1)
                {
                    input[i] = v;
                }
                else
                {
                    input[3 * i] = input[(3 * i) + 1] = input[(3 * i) + 2] = v;
                }
            }

            return;
        }

        for (int i = 0; i < count; i++)
        {
            (float r, float g, float b) = OverWhite(pixels, 4 * i);
            if (Channels == 1)
            {
                input[i] = ((0.299f * r) + (0.587f * g) + (0.114f * b)) * Scale;
            }
            else
            {
                input[3 * i] = r * Scale;
                input[(3 * i) + 1] = g * Scale;
                input[(3 * i) + 2] = b * Scale;
            }
        }
    }

    public void Infer(ReadOnlySpan<float> inputs, int count, Span<float> outputs)
    {
        inputs[..(count * Dimension)].CopyTo(outputs);
        if (!Normalize)
        {
            return;
        }

        for (int row = 0; row < count; row++)
        {
            Span<float> vector = outputs.Slice(row * Dimension, Dimension);
            float norm = TensorPrimitives.Norm(vector);
            if (norm > 0)
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }
        }
    }

    public void Dispose()
    {
    }

    /// <summary>Composites an unpremultiplied RGBA pixel over white.</summary>
    internal static (float R, float G, float B) OverWhite(byte[] rgba, int offset)
    {
        float alpha = rgba[offset + 3] / 255f;
        float white = 255f * (1 - alpha);
        return ((rgba[offset] * alpha) + white, (rgba[offset + 1] * alpha) + white, (rgba[offset + 2] * alpha) + white);
    }
}
