using System.Text.Json;

namespace RenderFarm.Embedding.Onnx;

/// <summary>
/// The preprocessing keys of a Hugging Face <c>preprocessor_config.json</c>. Values absent from the
/// file stay null so the caller can tell "not said" from "said false". Keys this embedder does not
/// use (processor class names, <c>resample</c>...) are accepted and ignored: HF files carry many.
/// </summary>
public sealed record PreprocessorConfig
{
    /// <summary>The file name Hugging Face uses; it is looked for in the model's directory.</summary>
    public const string FileName = "preprocessor_config.json";

    /// <summary>Where the values were read from, for error messages and descriptions.</summary>
    public required string Path { get; init; }

    public bool? DoResize { get; init; }

    /// <summary><c>size</c> given as a bare integer: shortest edge for CLIP-style (cropping) processors, square otherwise.</summary>
    public int? Size { get; init; }

    /// <summary><c>size.shortest_edge</c>.</summary>
    public int? ShortestEdge { get; init; }

    /// <summary><c>size.height</c> (with <see cref="ResizeWidth"/>): an exact resize.</summary>
    public int? ResizeHeight { get; init; }

    public int? ResizeWidth { get; init; }

    public bool? DoCenterCrop { get; init; }

    public int? CropHeight { get; init; }

    public int? CropWidth { get; init; }

    public bool? DoNormalize { get; init; }

    public float[]? ImageMean { get; init; }

    public float[]? ImageStd { get; init; }

    public bool? DoRescale { get; init; }

    public float? RescaleFactor { get; init; }

    /// <summary>Accepted for completeness; images are always converted to RGB (or luma) anyway.</summary>
    public bool? DoConvertRgb { get; init; }

    /// <summary>Reads the config beside <paramref name="modelPath"/>, or returns null when there is none.</summary>
    public static PreprocessorConfig? LoadBesideModel(string modelPath)
    {
        string directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(modelPath)) ?? ".";
        string path = System.IO.Path.Combine(directory, FileName);
        return File.Exists(path) ? Load(path) : null;
    }

    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    public static PreprocessorConfig Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EmbeddingException($"Cannot read {path}: {ex.Message}");
        }

        return Parse(json, path);
    }

    /// <summary>Parses <paramref name="json"/>; <paramref name="path"/> only names the source in errors.</summary>
    public static PreprocessorConfig Parse(string json, string path)
    {
        var options = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, options);
        }
        catch (JsonException ex)
        {
            throw new EmbeddingException($"{path} is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new EmbeddingException($"{path} must contain a JSON object, found {root.ValueKind}.");
            }

            var reader = new PreprocessorConfigReader(root, path);
            (int? size, int? shortestEdge, int? resizeHeight, int? resizeWidth) = reader.Size("size");
            (int? cropSide, _, int? cropHeight, int? cropWidth) = reader.Size("crop_size");
            return new PreprocessorConfig
            {
                Path = path,
                DoResize = reader.Bool("do_resize"),
                Size = size,
                ShortestEdge = shortestEdge,
                ResizeHeight = resizeHeight,
                ResizeWidth = resizeWidth,
                DoCenterCrop = reader.Bool("do_center_crop"),
                // A bare crop_size is always square (HF's get_size_dict for crops).
                CropHeight = cropHeight ?? cropSide,
                CropWidth = cropWidth ?? cropSide,
                DoNormalize = reader.Bool("do_normalize"),
                ImageMean = reader.Floats("image_mean"),
                ImageStd = reader.Floats("image_std"),
                DoRescale = reader.Bool("do_rescale"),
                RescaleFactor = reader.Float("rescale_factor"),
                DoConvertRgb = reader.Bool("do_convert_rgb"),
            };
        }
    }
}
