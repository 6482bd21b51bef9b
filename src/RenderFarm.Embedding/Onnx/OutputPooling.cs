namespace RenderFarm.Embedding.Onnx;

/// <summary>How one image's embedding is taken from the model output.</summary>
internal enum OutputPooling
{
    /// <summary>[N, D]: the row is the embedding.</summary>
    None,

    /// <summary>
    /// [N, T, D] (a transformer's hidden states): token 0, the CLS token that ViT-style encoders
    /// pool into; this is what <c>pooler_output</c> is computed from, minus the final layer norm.
    /// </summary>
    FirstToken,

    /// <summary>[N, C, H, W] (a CNN feature map, or [N, C, 1, 1]): mean over H and W per channel.</summary>
    GlobalAverage,
}
