namespace RenderFarm.Embedding.Onnx;

/// <summary>Memory order of the model's image input.</summary>
internal enum TensorLayout
{
    /// <summary>[batch, channels, height, width]: PyTorch exports.</summary>
    Nchw,

    /// <summary>[batch, height, width, channels]: TensorFlow/Keras exports.</summary>
    Nhwc,
}
