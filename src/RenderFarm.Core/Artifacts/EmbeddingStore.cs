namespace RenderFarm.Core.Artifacts;

/// <summary>
/// The content-addressed embedding cache of one embedder configuration:
/// <c>CACHE/embeddings/&lt;hash of the embedder key&gt;/*.chunk</c>. Entries are keyed by the content
/// hash of the image, so a renamed or duplicated image is still a hit, and any scene with the same
/// embedder shares them. Chunks are immutable and written atomically; a killed run leaves only whole
/// chunks (and perhaps a stray temp file), so the next run resumes from them.
/// </summary>
public sealed class EmbeddingStore
{
    private const int CompactAbove = 16;

    private EmbeddingStore(string directory, string key, int dimension)
    {
        Directory = directory;
        Key = key;
        Dimension = dimension;
    }

    public string Directory { get; }

    public string Key { get; }

    public int Dimension { get; }

    public static EmbeddingStore Open(string cacheRoot, string embedderKey, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        string directory = DirectoryOf(cacheRoot, embedderKey, dimension);
        System.IO.Directory.CreateDirectory(directory);
        string keyFile = Path.Combine(directory, "key.txt");
        if (!File.Exists(keyFile))
        {
            // For people browsing the cache: which embedder these vectors belong to.
            AtomicFile.WriteAllText(keyFile, $"{embedderKey}\ndimension={dimension}\n");
        }

        return new EmbeddingStore(directory, embedderKey, dimension);
    }

    /// <summary>The store's folder, which <see cref="Open"/> creates; lets read-only callers check first.</summary>
    public static string DirectoryOf(string cacheRoot, string embedderKey, int dimension) =>
        Path.Combine(cacheRoot, "embeddings", ContentHash.OfText($"{embedderKey}|dim={dimension}").ToString()[..24]);

    /// <summary>
    /// Reads every chunk. Chunks that fail their checksum are deleted (they are only a cache: the
    /// items are embedded again) and counted; temp files of runs that died over an hour ago are removed.
    /// </summary>
    public EmbeddingIndex Load()
    {
        AtomicFile.DeleteStaleTempFiles(Directory, TimeSpan.FromHours(1));
        string[] files = System.IO.Directory.GetFiles(Directory, "*" + EmbeddingChunk.Extension);
        var chunks = new EmbeddingChunk?[files.Length];
        Parallel.For(0, files.Length, i => chunks[i] = EmbeddingChunk.TryRead(files[i], Dimension));

        var index = new EmbeddingIndex(Dimension);
        var corrupt = new List<string>();
        for (int i = 0; i < files.Length; i++)
        {
            if (chunks[i] is { } chunk)
            {
                index.Add(chunk, files[i]);
            }
            else
            {
                corrupt.Add(Path.GetFileName(files[i]));
                TryDelete(files[i]);
            }
        }

        index.CorruptChunks = corrupt;
        return index;
    }

    public EmbeddingStoreWriter CreateWriter(int flushEvery = 8192, TimeSpan? flushInterval = null) =>
        new(this, flushEvery, flushInterval ?? TimeSpan.FromSeconds(2));

    /// <summary>
    /// Merges the chunks into one when there are many (each incremental run adds one). The merged
    /// chunk is written before the old ones are deleted, so a crash in between only duplicates entries.
    /// Counting files is cheap; the chunks are read only when a merge is due.
    /// </summary>
    public bool CompactIfFragmented()
    {
        if (System.IO.Directory.GetFiles(Directory, "*" + EmbeddingChunk.Extension).Length <= CompactAbove)
        {
            return false;
        }

        EmbeddingIndex index = Load();
        (ContentHash[] hashes, float[] vectors) = index.Snapshot();
        string merged = new EmbeddingChunk(Dimension, hashes, vectors).Write(Directory);
        foreach (string path in index.ChunkPaths.Where(p => p != merged))
        {
            TryDelete(path);
        }

        return true;
    }

    internal string WriteChunk(EmbeddingChunk chunk) => chunk.Write(Directory);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Another process may hold it; the next run retries.
        }
    }
}
