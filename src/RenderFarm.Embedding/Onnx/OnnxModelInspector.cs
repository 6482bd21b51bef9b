using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RenderFarm.Embedding.Onnx;

/// <summary>
/// Picks the image input and the embedding output of a loaded model and checks their shapes, so
/// that an unsuitable model is refused when the run starts rather than on the first image.
/// </summary>
internal static class OnnxModelInspector
{
    private const string PreferredInput = "pixel_values";
    private const string PreferredOutput = "image_embeds";

    public static ModelSignature Inspect(InferenceSession session, string modelPath, string? inputName, string? outputName)
    {
        string input = SelectInput(session, modelPath, inputName);
        NodeMetadata inputMeta = session.InputMetadata[input];
        RequireFloatTensor(inputMeta, modelPath, "input", input);

        int[] dims = inputMeta.Dimensions;
        if (dims.Length != 4)
        {
            throw new EmbeddingException(
                $"Model {modelPath}: input '{input}' has shape {Format(inputMeta)}; an image input must be 4-D, " +
                "[batch, channels, height, width] or [batch, height, width, channels].");
        }

        // Channels are recognised by being 1 or 3; NCHW wins a tie because PyTorch exports are the common case.
        TensorLayout layout;
        if (dims[1] is 1 or 3)
        {
            layout = TensorLayout.Nchw;
        }
        else if (dims[3] is 1 or 3)
        {
            layout = TensorLayout.Nhwc;
        }
        else
        {
            throw new EmbeddingException(
                $"Model {modelPath}: input '{input}' has shape {Format(inputMeta)}; expected 1 or 3 channels in " +
                "dimension 1 (NCHW) or dimension 3 (NHWC).");
        }

        string output = SelectOutput(session, modelPath, outputName);
        NodeMetadata outputMeta = session.OutputMetadata[output];
        RequireFloatTensor(outputMeta, modelPath, "output", output);
        int[] outDims = outputMeta.Dimensions;
        (OutputPooling pooling, int dimension) = outDims.Length switch
        {
            2 => (OutputPooling.None, outDims[1]),
            3 => (OutputPooling.FirstToken, outDims[2]),
            4 => (OutputPooling.GlobalAverage, outDims[1]),
            _ => throw new EmbeddingException(
                $"Model {modelPath}: output '{output}' has shape {Format(outputMeta)}; supported are [N, D], " +
                "[N, T, D] (token 0 is used) and [N, C, H, W] (averaged over H and W)."),
        };

        bool nchw = layout == TensorLayout.Nchw;
        return new ModelSignature
        {
            InputName = input,
            Layout = layout,
            Channels = nchw ? dims[1] : dims[3],
            Height = Math.Max(0, nchw ? dims[2] : dims[1]),
            Width = Math.Max(0, nchw ? dims[3] : dims[2]),
            FixedBatch = Math.Max(0, dims[0]),
            OutputName = output,
            Pooling = pooling,
            Dimension = Math.Max(0, dimension),
        };
    }

    private static string SelectInput(InferenceSession session, string modelPath, string? inputName)
    {
        IReadOnlyList<string> names = session.InputNames;
        string selected;
        if (inputName is not null)
        {
            selected = names.Contains(inputName)
                ? inputName
                : throw new EmbeddingException($"Model {modelPath} has no input '{inputName}'; its inputs are {List(session.InputMetadata, names)}.");
        }
        else if (names.Contains(PreferredInput))
        {
            selected = PreferredInput;
        }
        else
        {
            var images = names.Where(n => IsFloatTensor(session.InputMetadata[n]) && session.InputMetadata[n].Dimensions.Length == 4).ToList();
            // With one input only, take it even if it looks wrong: the shape check then says what is wrong with it.
            selected = images.Count == 1 ? images[0]
                : names.Count == 1 ? names[0]
                : throw new EmbeddingException(
                    $"Model {modelPath} has no input named '{PreferredInput}' and {images.Count} 4-D float inputs " +
                    $"({List(session.InputMetadata, names)}); set the input name to choose one.");
        }

        var others = names.Where(n => n != selected).ToList();
        if (others.Count > 0)
        {
            throw new EmbeddingException(
                $"Model {modelPath} needs inputs besides the image '{selected}': {List(session.InputMetadata, others)}. " +
                "It looks like a full CLIP-style model; export the vision encoder only (e.g. CLIPVisionModelWithProjection), " +
                "taking pixel_values and returning image_embeds.");
        }

        return selected;
    }

    private static string SelectOutput(InferenceSession session, string modelPath, string? outputName)
    {
        IReadOnlyList<string> names = session.OutputNames;
        if (outputName is not null)
        {
            return names.Contains(outputName)
                ? outputName
                : throw new EmbeddingException($"Model {modelPath} has no output '{outputName}'; its outputs are {List(session.OutputMetadata, names)}.");
        }

        if (names.Contains(PreferredOutput))
        {
            return PreferredOutput;
        }

        if (names.Count == 1)
        {
            return names[0];
        }

        return names.FirstOrDefault(n => session.OutputMetadata[n].Dimensions.Length == 2)
            ?? throw new EmbeddingException(
                $"Model {modelPath} has several outputs, none named '{PreferredOutput}' and none 2-D: " +
                $"{List(session.OutputMetadata, names)}; set the output name to choose one.");
    }

    private static void RequireFloatTensor(NodeMetadata meta, string modelPath, string kind, string name)
    {
        if (!IsFloatTensor(meta))
        {
            string type = meta.IsTensor ? meta.ElementDataType.ToString() : meta.OnnxValueType.ToString();
            throw new EmbeddingException($"Model {modelPath}: {kind} '{name}' is {type}; only float32 tensors are supported (export in float32).");
        }
    }

    private static bool IsFloatTensor(NodeMetadata meta) =>
        meta.IsTensor && meta.ElementDataType == TensorElementType.Float;

    private static string List(IReadOnlyDictionary<string, NodeMetadata> metadata, IEnumerable<string> names) =>
        string.Join(", ", names.Select(n => $"'{n}' {Describe(metadata[n])}"));

    private static string Describe(NodeMetadata meta) =>
        meta.IsTensor ? $"{meta.ElementDataType.ToString().ToLowerInvariant()} {Format(meta)}" : meta.OnnxValueType.ToString();

    /// <summary>Shape as [batch, 3, 224, 224], using the symbolic names of dynamic dimensions.</summary>
    internal static string Format(NodeMetadata meta)
    {
        if (!meta.IsTensor)
        {
            return meta.OnnxValueType.ToString();
        }

        int[] dims = meta.Dimensions;
        string[] symbols = meta.SymbolicDimensions;
        var parts = new string[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            string symbol = i < symbols.Length ? symbols[i] : "";
            parts[i] = dims[i] > 0 ? dims[i].ToString(System.Globalization.CultureInfo.InvariantCulture)
                : symbol.Length > 0 ? symbol : "?";
        }

        return "[" + string.Join(", ", parts) + "]";
    }
}
