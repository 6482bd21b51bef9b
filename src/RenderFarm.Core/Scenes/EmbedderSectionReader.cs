namespace RenderFarm.Core.Scenes;

/// <summary>Reads and checks the <c>embedder:</c> section, defaulting by dataset kind.</summary>
internal static class EmbedderSectionReader
{
    private static readonly Dictionary<string, EmbedderKind> Kinds = new()
    {
        ["pixels"] = EmbedderKind.Pixels,
        ["onnx"] = EmbedderKind.Onnx,
        ["precomputed"] = EmbedderKind.Precomputed,
    };

    private static readonly Dictionary<string, PixelColor> Colors = new()
    {
        ["grayscale"] = PixelColor.Grayscale,
        ["rgb"] = PixelColor.Rgb,
    };

    private static readonly Dictionary<string, ChannelOrder> Orders = new()
    {
        ["rgb"] = ChannelOrder.Rgb,
        ["bgr"] = ChannelOrder.Bgr,
    };

    private static readonly string[] PixelKeys = ["kind", "size", "color", "normalize"];

    private static readonly string[] OnnxKeys =
        ["kind", "model", "image_size", "crop_size", "center_crop", "mean", "std", "channel_order", "rescale", "input", "output", "batch_size", "threads", "normalize"];

    public static EmbedderSpec Read(SceneMap? map, DatasetSpec dataset, string baseDirectory)
    {
        bool precomputedData = dataset.Kind == DatasetKind.Embeddings;
        if (map is null)
        {
            return new EmbedderSpec { Kind = precomputedData ? EmbedderKind.Precomputed : EmbedderKind.Pixels };
        }

        map.RejectUnknownKeys(SceneKeys.Embedder);
        EmbedderKind kind = map.Choice("kind", Kinds) ?? (precomputedData ? EmbedderKind.Precomputed : EmbedderKind.Pixels);
        if (precomputedData != (kind == EmbedderKind.Precomputed))
        {
            throw precomputedData
                ? map.ErrorAt("kind", "an embeddings dataset is already embedded: use kind: precomputed or leave the embedder out")
                : map.ErrorAt("kind", "precomputed needs an embeddings dataset (dataset.kind: embeddings)");
        }

        switch (kind)
        {
            case EmbedderKind.Pixels:
                map.RejectUnknownKeys(PixelKeys);
                return new EmbedderSpec
                {
                    Kind = kind,
                    Size = map.Int("size", 1, 512),
                    Color = map.Choice("color", Colors),
                    Normalize = map.Bool("normalize"),
                };
            case EmbedderKind.Onnx:
                map.RejectUnknownKeys(OnnxKeys);
                return ReadOnnx(map, baseDirectory);
            default:
                map.RejectUnknownKeys(["kind"]);
                return new EmbedderSpec { Kind = kind };
        }
    }

    private static EmbedderSpec ReadOnnx(SceneMap map, string baseDirectory)
    {
        string raw = map.String("model") ?? throw map.ErrorAt("model", "required: the .onnx file of the image encoder (see README, 'Bring a CLIP model')");
        string model = DatasetSectionReader.ResolvePath(raw, baseDirectory);
        if (!File.Exists(model))
        {
            throw map.ErrorAt("model", $"'{model}' does not exist (see README, 'Bring a CLIP model', for how to export one)");
        }

        var defaults = new EmbedderSpec { Kind = EmbedderKind.Onnx };
        return defaults with
        {
            Model = model,
            ImageSize = map.Int("image_size", 1, 4096),
            CropSize = map.Int("crop_size", 1, 4096),
            CenterCrop = map.Bool("center_crop"),
            Mean = map.FloatList("mean", 3),
            Std = PositiveList(map, "std"),
            ChannelOrder = map.Choice("channel_order", Orders),
            Rescale = (float?)map.Double("rescale", 1e-9, 1e9),
            Input = map.String("input"),
            Output = map.String("output"),
            BatchSize = map.Int("batch_size", 1, 4096) ?? defaults.BatchSize,
            Threads = map.Int("threads", 1, 1024),
            Normalize = map.Bool("normalize"),
        };
    }

    private static float[]? PositiveList(SceneMap map, string key)
    {
        float[]? values = map.FloatList(key, 3);
        return values is null || values.All(v => v > 0) ? values : throw map.ErrorAt(key, "every value must be greater than 0");
    }
}
