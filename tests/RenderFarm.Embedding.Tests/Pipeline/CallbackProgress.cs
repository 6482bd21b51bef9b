using RenderFarm.Embedding.Pipeline;

namespace RenderFarm.Embedding.Tests.Pipeline;

/// <summary>
/// Reports synchronously on the reporting thread. <see cref="Progress{T}"/> posts to the thread pool,
/// so a test cancelling from it could not know how far the run had got.
/// </summary>
internal sealed class CallbackProgress(Action<EmbedProgress> onReport) : IProgress<EmbedProgress>
{
    public void Report(EmbedProgress value) => onReport(value);
}
