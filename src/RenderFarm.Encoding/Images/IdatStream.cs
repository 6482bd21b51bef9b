namespace RenderFarm.Encoding.Images;

/// <summary>
/// The sink under the zlib compressor: collects compressed bytes and emits them as IDAT chunks of a fixed
/// size, so a poster of any size streams out in bounded memory.
/// </summary>
internal sealed class IdatStream(Stream png, int chunkBytes = 1 << 18) : Stream
{
    private static ReadOnlySpan<byte> Idat => "IDAT"u8;

    private readonly byte[] buffer = new byte[chunkBytes];
    private int used;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] data, int offset, int count) => Write(data.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            int take = Math.Min(data.Length, buffer.Length - used);
            data[..take].CopyTo(buffer.AsSpan(used));
            used += take;
            data = data[take..];
            if (used == buffer.Length)
            {
                EmitChunk();
            }
        }
    }

    /// <summary>Writes what is buffered as a last (shorter) IDAT chunk.</summary>
    public override void Flush()
    {
        if (used > 0)
        {
            EmitChunk();
        }
    }

    public override int Read(byte[] data, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void EmitChunk()
    {
        PngChunkWriter.Write(png, Idat, buffer.AsSpan(0, used));
        used = 0;
    }
}
