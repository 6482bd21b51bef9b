using RenderFarm.Core.Datasets;
using RenderFarm.Core.Scenes;
using RenderFarm.Embedding.Onnx;

namespace RenderFarm.Embedding.Embedders;

/// <summary>Builds the embedder a scene asks for; ONNX models are opened and checked here, before any image is decoded.</summary>
public static class EmbedderFactory
{
    /// <summary>Pixel side used when the scene gives none and the images have no common native size.</summary>
    public const int DefaultPixelSize = 32;

    public static IImageEmbedder Create(EmbedderSpec spec, Dataset dataset) => spec.Kind switch
    {
        EmbedderKind.Pixels => new PixelEmbedder(
            spec.Size ?? dataset.NativeSize ?? DefaultPixelSize,
            spec.Color ?? (dataset.Kind == DatasetKind.Idx ? PixelColor.Grayscale : PixelColor.Rgb),
            spec.Normalize ?? false),
        EmbedderKind.Onnx => OnnxEmbedder.Open(new OnnxEmbedderOptions
        {
            ModelPath = spec.Model!,
            ImageSize = spec.ImageSize,
            CropSize = spec.CropSize,
            CenterCrop = spec.CenterCrop,
            Mean = spec.Mean,
            Std = spec.Std,
            ChannelOrder = spec.ChannelOrder,
            RescaleFactor = spec.Rescale,
            InputName = spec.Input,
            OutputName = spec.Output,
            BatchSize = spec.BatchSize,
            IntraOpThreads = spec.Threads,
            Normalize = spec.Normalize ?? true,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "this embedder kind embeds no images"),
    };
}
