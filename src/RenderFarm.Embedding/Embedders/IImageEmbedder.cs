using RenderFarm.Embedding.Decoding;

namespace RenderFarm.Embedding.Embedders;

/// <summary>
/// Turns decoded images into embedding vectors in two steps, so the pipeline can overlap them:
/// <see cref="Prepare"/> (resize, crop, normalise; thread-safe, run in parallel on every core) and
/// <see cref="Infer"/> (one batch at a time, e.g. an ONNX Runtime session).
/// </summary>
public interface IImageEmbedder : IDisposable
{
    /// <summary>
    /// Identifies the embedder and every parameter that changes its output (model content hash,
    /// sizes, normalisation...). Equal keys must give equal vectors: it is part of the cache key.
    /// </summary>
    string CacheKey { get; }

    /// <summary>One line for people: what the embedder is and how it is configured.</summary>
    string Description { get; }

    /// <summary>Floats per prepared image (the length of <see cref="Prepare"/>'s destination).</summary>
    int InputLength { get; }

    /// <summary>Floats per output vector.</summary>
    int Dimension { get; }

    /// <summary>Preferred number of images per <see cref="Infer"/> call.</summary>
    int BatchSize { get; }

    /// <summary>Smallest short side the embedder needs; lets JPEGs be downscaled while decoding.</summary>
    int MinShortSide { get; }

    /// <summary>Writes one image's model input into <paramref name="input"/> (length <see cref="InputLength"/>). Thread-safe.</summary>
    void Prepare(DecodedImage image, Span<float> input);

    /// <summary>
    /// Embeds <paramref name="count"/> prepared inputs laid end to end in <paramref name="inputs"/>,
    /// writing <paramref name="count"/> × <see cref="Dimension"/> floats to <paramref name="outputs"/>.
    /// Called by one thread at a time.
    /// </summary>
    void Infer(ReadOnlySpan<float> inputs, int count, Span<float> outputs);
}
