using RenderFarm.Core.Scenes;

namespace RenderFarm.Embedding.Onnx;

/// <summary>
/// How to open an ONNX image model. Every nullable setting overrides the value read from the
/// <c>preprocessor_config.json</c> beside the model, which in turn overrides what is derived from
/// the model itself (its input size) and the CLIP defaults.
/// </summary>
public sealed record OnnxEmbedderOptions
{
    /// <summary>Path of the <c>.onnx</c> file (a vision encoder taking one image tensor).</summary>
    public required string ModelPath { get; init; }

    /// <summary>Shortest side the image is resized to before the center crop (HF <c>size.shortest_edge</c>).</summary>
    public int? ImageSize { get; init; }

    /// <summary>Side of the square center crop (HF <c>crop_size</c>); must match a fixed model input size.</summary>
    public int? CropSize { get; init; }

    /// <summary>Per-channel mean subtracted after rescaling, in R, G, B order whatever <see cref="ChannelOrder"/> is.</summary>
    public float[]? Mean { get; init; }

    /// <summary>Per-channel standard deviation divided by after the mean, in R, G, B order.</summary>
    public float[]? Std { get; init; }

    /// <summary>Channel order of the model input; RGB unless set.</summary>
    public ChannelOrder? ChannelOrder { get; init; }

    /// <summary>
    /// True: resize the shortest side to <see cref="ImageSize"/> then cut the centre (keeps the aspect
    /// ratio, CLIP's way). False: stretch the whole image to the model size.
    /// </summary>
    public bool? CenterCrop { get; init; }

    /// <summary>Model input to feed; by default <c>pixel_values</c>, else the only 4-D float input.</summary>
    public string? InputName { get; init; }

    /// <summary>Model output to read; by default <c>image_embeds</c>, else the only output, else the first 2-D one.</summary>
    public string? OutputName { get; init; }

    /// <summary>Images per inference call (ignored when the model's batch dimension is fixed).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>ONNX Runtime intra-op threads; all processors when unset.</summary>
    public int? IntraOpThreads { get; init; }

    /// <summary>Multiplier turning 0-255 pixel values into the model's range; the config's, else 1/255.</summary>
    public float? RescaleFactor { get; init; }

    /// <summary>Scale each embedding to unit L2 norm, so cosine similarity is a dot product.</summary>
    public bool Normalize { get; init; } = true;
}
