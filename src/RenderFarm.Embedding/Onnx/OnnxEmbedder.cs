using System.Security.Cryptography;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RenderFarm.Embedding.Decoding;
using RenderFarm.Embedding.Embedders;

namespace RenderFarm.Embedding.Onnx;

/// <summary>
/// Embeds images with any ONNX vision encoder (CLIP's image tower, a ViT, a CNN). Opening it loads
/// and checks the model and settles all preprocessing, so a bad model or setting fails before any
/// image is decoded.
/// </summary>
public sealed class OnnxEmbedder : IImageEmbedder
{
    private readonly OnnxSession _session;
    private readonly ModelSignature _model;
    private readonly PreprocessingPlan _plan;
    private readonly bool _normalize;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly RunOptions _runOptions = new();
    private readonly string _modelPath;
    private float[] _padded = [];

    private OnnxEmbedder(OnnxSession session, ModelSignature model, PreprocessingPlan plan, OnnxEmbedderOptions options, string modelPath, string? configPath)
    {
        _session = session;
        _model = model;
        _plan = plan;
        _normalize = options.Normalize;
        _modelPath = modelPath;
        _inputNames = [model.InputName];
        _outputNames = [model.OutputName];
        BatchSize = model.FixedBatch > 0 ? model.FixedBatch : options.BatchSize;
        Dimension = model.Dimension > 0 ? model.Dimension : ProbeDimension();

        string settings = $"{plan.Canonical()};out={model.OutputName}:{model.Pooling};l2={_normalize}";
        CacheKey = $"onnx:v1:{HashFile(modelPath)}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings)))[..16]}";
        Description =
            $"onnx {Path.GetFileName(modelPath)} on {session.Provider}: '{model.InputName}' {model.Layout.ToString().ToUpperInvariant()} " +
            $"{model.Channels}x{plan.Height}x{plan.Width} -> '{model.OutputName}' {Dimension}-d" +
            (model.Pooling == OutputPooling.None ? "" : $" ({model.Pooling})") +
            $"{(_normalize ? ", L2-normalised" : "")}; {plan.Describe()}; config {configPath ?? "none"}";
    }

    public string CacheKey { get; }

    public string Description { get; }

    public int InputLength => _plan.InputLength;

    public int Dimension { get; }

    public int BatchSize { get; }

    public int MinShortSide => _plan.MinShortSide;

    /// <summary>Loads, inspects and configures the model; throws <see cref="EmbeddingException"/> for any user error.</summary>
    public static OnnxEmbedder Open(OnnxEmbedderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        string modelPath = Path.GetFullPath(options.ModelPath);
        if (!File.Exists(modelPath))
        {
            throw new EmbeddingException($"ONNX model not found: {modelPath}");
        }

        OnnxSession session = OnnxSession.Open(modelPath, options.IntraOpThreads ?? Environment.ProcessorCount);
        try
        {
            ModelSignature model = OnnxModelInspector.Inspect(session.Session, modelPath, options.InputName, options.OutputName);
            PreprocessorConfig? config = PreprocessorConfig.LoadBesideModel(modelPath);
            PreprocessingPlan plan = PreprocessingResolver.Resolve(model, config, options, modelPath);
            return new OnnxEmbedder(session, model, plan, options, modelPath, config?.Path);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Prepare(DecodedImage image, Span<float> input) => ImagePreprocessor.Prepare(_plan, image, input);

    public void Infer(ReadOnlySpan<float> inputs, int count, Span<float> outputs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (inputs.Length < count * InputLength || outputs.Length < count * Dimension)
        {
            throw new ArgumentException($"{count} images need {count * InputLength} input and {count * Dimension} output floats.");
        }

        // A fixed batch dimension (often 1 in exports) is honoured by running in chunks of that size.
        int chunk = _model.FixedBatch > 0 ? _model.FixedBatch : Math.Max(1, count);
        for (int start = 0; start < count; start += chunk)
        {
            int rows = Math.Min(chunk, count - start);
            ReadOnlySpan<float> batch = inputs.Slice(start * InputLength, rows * InputLength);
            if (rows < _model.FixedBatch)
            {
                batch = Pad(batch, _model.FixedBatch);
            }

            Run(batch, rows, outputs.Slice(start * Dimension, rows * Dimension));
        }
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }

    private unsafe void Run(ReadOnlySpan<float> batch, int rows, Span<float> destination)
    {
        long batchSize = batch.Length / InputLength;
        long[] shape = InputShape(batchSize);

        // The tensor wraps the caller's memory directly: no copy, and it is released before the pin ends.
        fixed (float* data = batch)
        {
            using OrtValue input = OrtValue.CreateTensorValueWithData(
                OrtMemoryInfo.DefaultInstance, TensorElementType.Float, shape, (IntPtr)data, (long)batch.Length * sizeof(float));
            using IDisposableReadOnlyCollection<OrtValue> results = RunSession(input, batchSize);
            OrtValue output = results[0];
            long[] outputShape = output.GetTensorTypeAndShape().Shape;
            OutputReducer.Reduce(output.GetTensorDataAsSpan<float>(), outputShape, _model.Pooling, rows, Dimension, _normalize, destination);
        }
    }

    private ReadOnlySpan<float> Pad(ReadOnlySpan<float> batch, int batchSize)
    {
        int length = batchSize * InputLength;
        if (_padded.Length != length)
        {
            _padded = new float[length];
        }

        batch.CopyTo(_padded);
        _padded.AsSpan(batch.Length).Clear();
        return _padded;
    }

    /// <summary>When the output's last dimension is symbolic, one run on a blank image tells its length.</summary>
    private int ProbeDimension()
    {
        int batchSize = Math.Max(1, _model.FixedBatch);
        var blank = new float[batchSize * InputLength];
        using OrtValue input = OrtValue.CreateTensorValueFromMemory(blank, InputShape(batchSize));
        using IDisposableReadOnlyCollection<OrtValue> results = RunSession(input, batchSize);
        long[] outputShape = results[0].GetTensorTypeAndShape().Shape;
        return checked((int)(_model.Pooling == OutputPooling.FirstToken ? outputShape[^1] : outputShape[1]));
    }

    private long[] InputShape(long batchSize) => _model.Layout == TensorLayout.Nchw
        ? [batchSize, _plan.Channels, _plan.Height, _plan.Width]
        : [batchSize, _plan.Height, _plan.Width, _plan.Channels];

    private IDisposableReadOnlyCollection<OrtValue> RunSession(OrtValue input, long batchSize)
    {
        try
        {
            return _session.Session.Run(_runOptions, _inputNames, [input], _outputNames);
        }
        catch (OnnxRuntimeException ex)
        {
            // Usually the model rejecting the size it was given (a dynamic input with a wrong size setting).
            throw new EmbeddingException($"Model {_modelPath} failed on a batch of {batchSize}: {ex.Message.Trim()}");
        }
    }

    private static void Validate(OnnxEmbedderOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ModelPath))
        {
            throw new EmbeddingException("The ONNX embedder needs a model path.");
        }

        RequirePositive(options.BatchSize, "batch size");
        RequirePositive(options.ImageSize, "image size");
        RequirePositive(options.CropSize, "crop size");
        RequirePositive(options.IntraOpThreads, "intra-op thread count");
    }

    private static void RequirePositive(int? value, string name)
    {
        if (value is <= 0)
        {
            throw new EmbeddingException($"The {name} must be positive, got {value}.");
        }
    }

    private static string HashFile(string path)
    {
        // Hashing the content, not the name or date, lets a re-downloaded identical model keep its cache.
        // torch.onnx's dynamo exporter puts the weights in "<model>.onnx.data": they are hashed too.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string file in new[] { path, path + ".data" }.Where(File.Exists))
        {
            using FileStream stream = File.OpenRead(file);
            var buffer = new byte[1 << 20];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
