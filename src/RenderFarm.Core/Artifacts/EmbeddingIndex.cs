namespace RenderFarm.Core.Artifacts;

/// <summary>The cached vectors of one embedder, in memory: content hash → vector.</summary>
public sealed class EmbeddingIndex
{
    private readonly Dictionary<ContentHash, (float[] Vectors, int Offset)> _entries = [];
    private readonly List<string> _chunkPaths = [];

    internal EmbeddingIndex(int dimension)
    {
        Dimension = dimension;
    }

    public int Dimension { get; }

    public int Count => _entries.Count;

    /// <summary>File names of chunks that failed verification on load (and were deleted).</summary>
    public IReadOnlyList<string> CorruptChunks { get; internal set; } = [];

    public IReadOnlyList<string> ChunkPaths => _chunkPaths;

    public bool TryGet(ContentHash hash, Span<float> destination)
    {
        if (!_entries.TryGetValue(hash, out var entry))
        {
            return false;
        }

        entry.Vectors.AsSpan(entry.Offset, Dimension).CopyTo(destination);
        return true;
    }

    public bool Contains(ContentHash hash) => _entries.ContainsKey(hash);

    internal void Add(EmbeddingChunk chunk, string path)
    {
        _chunkPaths.Add(path);
        for (int i = 0; i < chunk.Count; i++)
        {
            _entries.TryAdd(chunk.Hashes[i], (chunk.Vectors, i * Dimension));
        }
    }

    internal (ContentHash[] Hashes, float[] Vectors) Snapshot()
    {
        var hashes = new ContentHash[_entries.Count];
        var vectors = new float[(long)_entries.Count * Dimension];
        int row = 0;
        foreach ((ContentHash hash, var entry) in _entries.OrderBy(e => e.Key.High).ThenBy(e => e.Key.Low))
        {
            hashes[row] = hash;
            entry.Vectors.AsSpan(entry.Offset, Dimension).CopyTo(vectors.AsSpan(row * Dimension, Dimension));
            row++;
        }

        return (hashes, vectors);
    }
}
