namespace RenderFarm.Embedding.Onnx;

/// <summary>
/// What the embedder needs to know about a model's image input and embedding output. Sizes that
/// the model leaves dynamic are 0.
/// </summary>
internal sealed record ModelSignature
{
    public required string InputName { get; init; }

    public required TensorLayout Layout { get; init; }

    /// <summary>1 (grayscale) or 3 (colour).</summary>
    public required int Channels { get; init; }

    public required int Height { get; init; }

    public required int Width { get; init; }

    /// <summary>The batch dimension when the export fixed it (often 1), else 0.</summary>
    public required int FixedBatch { get; init; }

    public required string OutputName { get; init; }

    public required OutputPooling Pooling { get; init; }

    /// <summary>Embedding length when the output shape states it, else 0 (found by a probe run).</summary>
    public required int Dimension { get; init; }
}
