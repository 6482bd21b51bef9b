using RenderFarm.Core.Artifacts;
using RenderFarm.Core.Datasets;

namespace RenderFarm.Embedding.Pipeline;

/// <summary>Per-item results of a <see cref="BatchEmbedder"/> run; each item is written by one thread at a time.</summary>
internal sealed class EmbedOutcome
{
    private readonly int _dimension;
    private int _cached;
    private int _embedded;
    private int _skipped;

    public EmbedOutcome(int count, int dimension)
    {
        _dimension = dimension;
        Vectors = new float[(long)count * dimension];
        Status = new ItemStatus[count];
        Hashes = new ContentHash[count];
        Skips = new SkippedItem?[count];
    }

    public float[] Vectors { get; }

    public ItemStatus[] Status { get; }

    public ContentHash[] Hashes { get; }

    public SkippedItem?[] Skips { get; }

    public int Cached => _cached;

    public int Embedded => _embedded;

    public int Skipped => _skipped;

    public Span<float> Row(int index) => Vectors.AsSpan(index * _dimension, _dimension);

    public void MarkCached(int index)
    {
        Status[index] = ItemStatus.Cached;
        Interlocked.Increment(ref _cached);
    }

    public void MarkEmbedded(int index)
    {
        Status[index] = ItemStatus.Embedded;
        Interlocked.Increment(ref _embedded);
    }

    public void Skip(int index, SkippedItem skip)
    {
        Status[index] = ItemStatus.Skipped;
        Skips[index] = skip;
        Interlocked.Increment(ref _skipped);
    }

    public EmbedProgress Progress(int total) =>
        new("embed", Volatile.Read(ref _cached) + Volatile.Read(ref _embedded) + Volatile.Read(ref _skipped), total, Volatile.Read(ref _cached), Volatile.Read(ref _skipped));
}
