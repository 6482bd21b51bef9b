using Microsoft.ML.OnnxRuntime;

namespace RenderFarm.Embedding.Onnx;

/// <summary>
/// An ONNX Runtime session on the best execution provider available: CUDA when this ONNX Runtime
/// build lists it and it starts, else CPU. Owns the session options, which must outlive the session.
/// </summary>
internal sealed class OnnxSession : IDisposable
{
    private const string CudaProvider = "CUDAExecutionProvider";

    private readonly SessionOptions _options;

    private OnnxSession(InferenceSession session, SessionOptions options, string provider)
    {
        Session = session;
        _options = options;
        Provider = provider;
    }

    public InferenceSession Session { get; }

    /// <summary>"CUDA" or "CPU", plus why CUDA was not used when it was listed but failed.</summary>
    public string Provider { get; }

    /// <summary>Loads <paramref name="modelPath"/> (which must exist); ORT's own reason is kept in the error.</summary>
    public static OnnxSession Open(string modelPath, int intraOpThreads)
    {
        string? cudaFailure = null;
        if (OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider))
        {
            SessionOptions cudaOptions = CreateOptions(intraOpThreads);
            try
            {
                cudaOptions.AppendExecutionProvider_CUDA(0);
                return new OnnxSession(new InferenceSession(modelPath, cudaOptions), cudaOptions, "CUDA");
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
            {
                // Listed is not usable: the CUDA/cuDNN libraries may be missing or mismatched. CPU still works;
                // and if the model itself is bad, the CPU attempt below reports that.
                cudaOptions.Dispose();
                cudaFailure = ex.Message.Split('\n')[0];
            }
        }

        SessionOptions options = CreateOptions(intraOpThreads);
        try
        {
            string provider = cudaFailure is null ? "CPU" : $"CPU (CUDA failed: {cudaFailure})";
            return new OnnxSession(new InferenceSession(modelPath, options), options, provider);
        }
        catch (OnnxRuntimeException ex)
        {
            options.Dispose();
            throw new EmbeddingException($"Cannot load ONNX model {modelPath}: {ex.Message.Trim()}");
        }
    }

    public void Dispose()
    {
        Session.Dispose();
        _options.Dispose();
    }

    private static SessionOptions CreateOptions(int intraOpThreads) => new()
    {
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        IntraOpNumThreads = intraOpThreads,
    };
}
