namespace RenderFarm.Embedding.Pipeline;

/// <summary>What happened to one item in an embed run.</summary>
public enum ItemStatus
{
    Pending,
    Cached,
    Embedded,
    Skipped,
}
