using System.Diagnostics;

namespace RenderFarm.Core.Artifacts;

/// <summary>
/// Buffers new embeddings and writes them as a chunk once <c>flushEvery</c> items wait or the oldest
/// has waited <c>flushInterval</c>, whichever comes first, so a killed run loses seconds of work, not the run.
/// Dispose writes what is left. Not thread-safe: one consumer adds.
/// </summary>
public sealed class EmbeddingStoreWriter : IDisposable
{
    private readonly EmbeddingStore _store;
    private readonly int _flushEvery;
    private readonly TimeSpan _flushInterval;
    private readonly List<ContentHash> _hashes = [];
    private readonly List<float> _vectors = [];
    private readonly HashSet<ContentHash> _pending = [];
    private readonly Stopwatch _oldestPending = new();

    internal EmbeddingStoreWriter(EmbeddingStore store, int flushEvery, TimeSpan flushInterval)
    {
        _store = store;
        _flushEvery = flushEvery;
        _flushInterval = flushInterval;
    }

    public int ChunksWritten { get; private set; }

    public int ItemsWritten { get; private set; }

    public void Add(ContentHash hash, ReadOnlySpan<float> vector)
    {
        if (vector.Length != _store.Dimension)
        {
            throw new ArgumentException($"Vector of {vector.Length} floats for a cache of dimension {_store.Dimension}.", nameof(vector));
        }

        // The interval bounds the age of unsaved work, so it starts with the first buffered vector:
        // timed from the last flush, a slow start or a stall would write a chunk of one vector.
        if (_hashes.Count == 0)
        {
            _oldestPending.Restart();
        }

        // Identical images in one run are embedded once per chunk at most.
        if (_pending.Add(hash))
        {
            _hashes.Add(hash);
            _vectors.AddRange(vector);
        }

        if (_hashes.Count >= _flushEvery || _oldestPending.Elapsed >= _flushInterval)
        {
            Flush();
        }
    }

    public void Flush()
    {
        if (_hashes.Count == 0)
        {
            return;
        }

        _store.WriteChunk(new EmbeddingChunk(_store.Dimension, _hashes.ToArray(), _vectors.ToArray()));
        ChunksWritten++;
        ItemsWritten += _hashes.Count;
        _hashes.Clear();
        _vectors.Clear();
        _pending.Clear();
    }

    public void Dispose() => Flush();
}
