namespace RenderFarm.Core.Scenes;

public enum EmbedderKind
{
    /// <summary>Raw pixels, resized and scaled to [0,1].</summary>
    Pixels,

    /// <summary>Any ONNX image encoder (CLIP vision towers, CNN feature extractors).</summary>
    Onnx,

    /// <summary>The dataset already holds the vectors.</summary>
    Precomputed,
}

public enum PixelColor
{
    Grayscale,
    Rgb,
}

public enum ChannelOrder
{
    Rgb,
    Bgr,
}

/// <summary>The <c>embedder:</c> section of a scene; the fields of the other kinds stay null.</summary>
public sealed record EmbedderSpec
{
    public required EmbedderKind Kind { get; init; }

    /// <summary>Pixels: output side N (N×N). Null: native size for IDX, 32 otherwise.</summary>
    public int? Size { get; init; }

    /// <summary>Pixels: null picks grayscale for IDX, RGB otherwise.</summary>
    public PixelColor? Color { get; init; }

    /// <summary>Scale every vector to unit length. Pixels default false, ONNX default true.</summary>
    public bool? Normalize { get; init; }

    /// <summary>ONNX: absolute path of the model file.</summary>
    public string? Model { get; init; }

    public int? ImageSize { get; init; }

    public int? CropSize { get; init; }

    public bool? CenterCrop { get; init; }

    public float[]? Mean { get; init; }

    public float[]? Std { get; init; }

    public ChannelOrder? ChannelOrder { get; init; }

    /// <summary>ONNX: factor applied to 0..255 pixel values before mean/std (default 1/255).</summary>
    public float? Rescale { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public int BatchSize { get; init; } = 32;

    public int? Threads { get; init; }
}
