using RenderFarm.Core.Scenes;

namespace RenderFarm.Embedding.Onnx;

/// <summary>
/// Merges the three sources of preprocessing settings. Precedence, per value: scene overrides, then
/// <c>preprocessor_config.json</c>, then what the model fixes (its input size) and CLIP's defaults.
/// A fixed model input size is a hard constraint: a crop that disagrees with it is an error.
/// </summary>
internal static class PreprocessingResolver
{
    /// <summary>OpenAI CLIP's normalisation, the default because CLIP-family models are the common case.</summary>
    public static readonly float[] ClipMean = [0.48145466f, 0.4578275f, 0.40821073f];

    public static readonly float[] ClipStd = [0.26862954f, 0.26130258f, 0.27577711f];

    public static PreprocessingPlan Resolve(ModelSignature model, PreprocessorConfig? config, OnnxEmbedderOptions options, string modelPath)
    {
        bool centerCrop = options.CenterCrop ?? config?.DoCenterCrop ?? true;
        (int? cropW, int? cropH, string cropSource) = options.CropSize is int c ? (c, c, "crop size override")
            : (config?.CropWidth, config?.CropHeight, config?.Path ?? "");

        // Fallback size for dynamic model dimensions: the crop when cropping, else the resize target.
        (int? fallbackW, int? fallbackH) =
            centerCrop && cropW is not null ? (cropW, cropH)
            : options.ImageSize is int i ? (i, i)
            : config?.ResizeWidth is not null ? (config.ResizeWidth, config.ResizeHeight)
            : (config?.ShortestEdge ?? config?.Size) is int side ? (side, side)
            : (null, null);
        int width = model.Width > 0 ? model.Width : fallbackW
            ?? throw NoSize(model, modelPath);
        int height = model.Height > 0 ? model.Height : fallbackH
            ?? throw NoSize(model, modelPath);

        if (centerCrop && cropW is not null && (cropW != width || cropH != height))
        {
            throw new EmbeddingException(
                $"The crop {cropW}x{cropH} (from {cropSource}) does not match the input size {width}x{height} of model {modelPath}.");
        }

        int? shortest = null, resizeW = null, resizeH = null;
        if (centerCrop)
        {
            if (options.ImageSize is int imageSize)
            {
                shortest = imageSize;
            }
            else if (config?.DoResize != false)
            {
                // A bare "size" means shortest edge here: HF's cropping processors (CLIP) read it that way.
                shortest = config?.ShortestEdge ?? config?.Size;
                (resizeW, resizeH) = shortest is null ? (config?.ResizeWidth, config?.ResizeHeight) : (null, null);
                if (shortest is null && resizeW is null)
                {
                    shortest = Math.Max(width, height);
                }
            }
        }

        float rescale = options.RescaleFactor
            ?? (config?.DoRescale == false ? 1f : config?.RescaleFactor ?? 1f / 255f);
        if (!float.IsFinite(rescale) || rescale <= 0)
        {
            throw new EmbeddingException($"The rescale factor must be a positive number, got {rescale}.");
        }

        bool configNormalizes = config?.DoNormalize != false;
        float[] mean = options.Mean ?? (configNormalizes ? config?.ImageMean ?? ClipMean : [0f]);
        float[] std = options.Std ?? (configNormalizes ? config?.ImageStd ?? ClipStd : [1f]);
        string source = config?.Path ?? "the defaults";
        return new PreprocessingPlan
        {
            Width = width,
            Height = height,
            Channels = model.Channels,
            Layout = model.Layout,
            Order = options.ChannelOrder ?? ChannelOrder.Rgb,
            CenterCrop = centerCrop,
            ShortestEdge = shortest,
            ResizeWidth = resizeW,
            ResizeHeight = resizeH,
            RescaleFactor = rescale,
            Mean = PerChannel(mean, model.Channels, "mean", options.Mean is null ? source : "the mean override"),
            Std = PerChannel(std, model.Channels, "std", options.Std is null ? source : "the std override", positive: true),
        };
    }

    /// <summary>
    /// Expands to one value per model channel: a single value is shared; three values on a
    /// grayscale model are averaged, since the luma channel mixes all three.
    /// </summary>
    private static float[] PerChannel(float[] values, int channels, string name, string source, bool positive = false)
    {
        if (values.Length is not (1 or 3))
        {
            throw new EmbeddingException($"The {name} from {source} must have 1 or 3 values, got {values.Length}.");
        }

        if (values.Any(v => !float.IsFinite(v) || (positive && v <= 0)))
        {
            string rule = positive ? "positive numbers" : "finite numbers";
            throw new EmbeddingException($"The {name} from {source} must be {rule}, got [{string.Join(", ", values)}].");
        }

        return channels == 1 ? [values.Average()]
            : values.Length == 1 ? [values[0], values[0], values[0]]
            : (float[])values.Clone();
    }

    private static EmbeddingException NoSize(ModelSignature model, string modelPath) =>
        new($"Model {modelPath}: input '{model.InputName}' has no fixed height/width; set the crop size or image size, " +
            $"or put a {PreprocessorConfig.FileName} next to the model.");
}
