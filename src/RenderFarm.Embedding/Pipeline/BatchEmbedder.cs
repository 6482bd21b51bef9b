using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using RenderFarm.Core.Artifacts;
using RenderFarm.Core.Datasets;
using RenderFarm.Embedding.Decoding;
using RenderFarm.Embedding.Embedders;

namespace RenderFarm.Embedding.Pipeline;

/// <summary>
/// The embedding engine. Items go through in blocks of a few inference batches: the calling thread
/// reads, hashes and looks up each block on every core, then decodes and prepares what the cache
/// lacks, while a consumer thread runs <see cref="IImageEmbedder.Infer"/> on the previous block and
/// writes the new vectors to the cache. Slots are filled in item order, so results do not depend on
/// thread timing.
/// </summary>
internal sealed class BatchEmbedder
{
    private const int BufferCount = 3;

    // Items per block: several inference batches, so the per-block fork/join of the producer costs
    // little beside the work, but bounded so three blocks of prepared inputs stay under ~200 MB.
    private const int MaxBlockItems = 1024;
    private const long MaxBlockFloats = 16 << 20;
    private readonly IImageEmbedder _embedder;
    private readonly EmbeddingIndex _cache;
    private readonly EmbeddingStoreWriter _writer;
    private readonly ImageDecodeOptions _decode;

    public BatchEmbedder(IImageEmbedder embedder, EmbeddingIndex cache, EmbeddingStoreWriter writer, ImageDecodeOptions decode)
    {
        _embedder = embedder;
        _cache = cache;
        _writer = writer;
        _decode = decode;
    }

    public EmbedOutcome Run(IReadOnlyList<DatasetItem> items, IProgress<EmbedProgress>? progress, CancellationToken cancellation)
    {
        var outcome = new EmbedOutcome(items.Count, _embedder.Dimension);
        int batch = Math.Max(1, _embedder.BatchSize);
        int block = (int)Math.Max(batch, Math.Min(MaxBlockItems, MaxBlockFloats / Math.Max(1, _embedder.InputLength)) / batch * batch);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var ready = new BlockingCollection<PreparedBatch>(BufferCount - 1);
        using var free = new BlockingCollection<PreparedBatch>();
        for (int i = 0; i < BufferCount; i++)
        {
            free.Add(new PreparedBatch(block, _embedder.InputLength));
        }

        Task consumer = Task.Factory.StartNew(
            () => Consume(ready, free, outcome, items.Count, progress, failed),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        try
        {
            for (int start = 0; start < items.Count; start += block)
            {
                int end = Math.Min(items.Count, start + block);
                var encoded = new byte[]?[end - start];
                Parallel.For(start, end, new ParallelOptions { CancellationToken = failed.Token }, i => encoded[i - start] = Resolve(items[i], i, outcome));

                PreparedBatch prepared = free.Take(failed.Token);
                Prepare(items, start, end, encoded, prepared, outcome, failed.Token);
                ready.Add(prepared, failed.Token);
                progress?.Report(outcome.Progress(items.Count));
            }
        }
        catch (OperationCanceledException) when (consumer.IsFaulted)
        {
            // The consumer's exception is the one worth reporting; it is rethrown below.
        }
        finally
        {
            ready.CompleteAdding();
            // Wait without throwing here: a producer exception must not be masked by the consumer's.
            Task.WaitAny(consumer);
        }

        // Rethrows the consumer's own exception (an ONNX Runtime error, say), not an AggregateException.
        consumer.GetAwaiter().GetResult();
        cancellation.ThrowIfCancellationRequested();
        return outcome;
    }

    /// <summary>Finds the item's content hash and looks it up; returns the encoded bytes when it must be decoded.</summary>
    private byte[]? Resolve(DatasetItem item, int index, EmbedOutcome outcome)
    {
        byte[]? encoded = null;
        ContentHash hash;
        switch (item.Source)
        {
            case RawPixelSource raw:
                hash = item.Hash ?? ContentHash.Of(raw.Pixels.Span);
                break;
            case ImageFileSource file:
                try
                {
                    encoded = File.ReadAllBytes(file.Path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    outcome.Skip(index, new SkippedItem(item.Id, file.Path, "unreadable", e.Message));
                    return null;
                }

                if (encoded.Length == 0)
                {
                    outcome.Skip(index, new SkippedItem(item.Id, file.Path, "empty", "the file is empty (0 bytes)"));
                    return null;
                }

                hash = ContentHash.Of(encoded);
                break;
            default:
                throw new InvalidOperationException($"{item.Id}: a {item.Source.GetType().Name} cannot be embedded by {_embedder.Description}.");
        }

        outcome.Hashes[index] = hash;
        if (_cache.TryGet(hash, outcome.Row(index)))
        {
            outcome.MarkCached(index);
            return null;
        }

        // Raw pixels need no bytes kept; mark them with an empty array so Prepare knows to decode.
        return encoded ?? [];
    }

    private void Prepare(IReadOnlyList<DatasetItem> items, int start, int end, byte[]?[] encoded, PreparedBatch batch, EmbedOutcome outcome, CancellationToken cancellation)
    {
        int[] needed = Enumerable.Range(start, end - start).Where(i => encoded[i - start] is not null).ToArray();
        var prepared = new bool[needed.Length];
        Parallel.For(0, needed.Length, new ParallelOptions { CancellationToken = cancellation }, slot =>
        {
            int index = needed[slot];
            DatasetItem item = items[index];
            DecodedImage? image = Decode(item, encoded[index - start]!, index, outcome);
            if (image is not null)
            {
                _embedder.Prepare(image, batch.Input(slot));
                prepared[slot] = true;
            }
        });

        // Close the gaps that skipped images left, keeping item order.
        batch.Count = 0;
        for (int slot = 0; slot < needed.Length; slot++)
        {
            if (!prepared[slot])
            {
                continue;
            }

            if (batch.Count != slot)
            {
                batch.Input(slot).CopyTo(batch.Input(batch.Count));
            }

            batch.ItemIndices[batch.Count++] = needed[slot];
        }
    }

    private DecodedImage? Decode(DatasetItem item, byte[] encoded, int index, EmbedOutcome outcome)
    {
        if (item.Source is RawPixelSource raw)
        {
            return new DecodedImage(raw.Width, raw.Height, PixelLayout.Gray8, raw.Pixels.ToArray());
        }

        string path = ((ImageFileSource)item.Source).Path;
        try
        {
            return ImageDecoder.Decode(encoded, _decode);
        }
        catch (ImageDecodeException e)
        {
            outcome.Skip(index, new SkippedItem(item.Id, path, ReasonName(e.Reason), e.Message));
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // A decoder bug must not sink a 70,000-image run: skip the image and say why.
            outcome.Skip(index, new SkippedItem(item.Id, path, "decode-error", $"{e.GetType().Name}: {e.Message}"));
        }

        return null;
    }

    private void Consume(BlockingCollection<PreparedBatch> ready, BlockingCollection<PreparedBatch> free, EmbedOutcome outcome, int total, IProgress<EmbedProgress>? progress, CancellationTokenSource failed)
    {
        float[] output = [];
        try
        {
            foreach (PreparedBatch prepared in ready.GetConsumingEnumerable())
            {
                int batch = Math.Max(1, _embedder.BatchSize);
                for (int first = 0; first < prepared.Count; first += batch)
                {
                    int count = Math.Min(batch, prepared.Count - first);
                    if (output.Length < count * _embedder.Dimension)
                    {
                        output = new float[count * _embedder.Dimension];
                    }

                    _embedder.Infer(prepared.Inputs.AsSpan(first * _embedder.InputLength, count * _embedder.InputLength), count, output);
                    for (int k = 0; k < count; k++)
                    {
                        int index = prepared.ItemIndices[first + k];
                        ReadOnlySpan<float> vector = output.AsSpan(k * _embedder.Dimension, _embedder.Dimension);
                        vector.CopyTo(outcome.Row(index));
                        _writer.Add(outcome.Hashes[index], vector);
                        outcome.MarkEmbedded(index);
                    }

                    progress?.Report(outcome.Progress(total));
                }

                free.Add(prepared);
            }
        }
        catch (Exception e)
        {
            failed.Cancel();
            ExceptionDispatchInfo.Capture(e).Throw();
        }
    }

    private static string ReasonName(ImageSkipReason reason) => reason switch
    {
        ImageSkipReason.NotAnImage => "not-an-image",
        ImageSkipReason.UnsupportedFormat => "unsupported-format",
        ImageSkipReason.TooLarge => "too-large",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
