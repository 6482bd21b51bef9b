using RenderFarm.Core;

namespace RenderFarm.Embedding;

/// <summary>
/// A problem the user can fix (a missing or unsuitable model, a bad preprocessing setting). The
/// message is the whole story, written to be shown as is, so callers print it without a stack trace.
/// </summary>
public sealed class EmbeddingException : RenderFarmException
{
    public EmbeddingException(string message)
        : base(message)
    {
    }
}
