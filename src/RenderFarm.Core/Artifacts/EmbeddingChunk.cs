using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace RenderFarm.Core.Artifacts;

/// <summary>
/// One immutable file of cached embeddings. Layout (little-endian): "RFEC", version, dimension,
/// count, count × 16-byte content hashes, count × dimension float32, then the SHA-256 of all
/// preceding bytes. The file is named after that checksum, so it is content-addressed and a torn
/// or bit-flipped file is detected on read.
/// </summary>
internal sealed class EmbeddingChunk
{
    public const string Extension = ".chunk";
    private const uint Magic = 0x43454652; // "RFEC"
    private const uint Version = 1;
    private const int HeaderBytes = 16;

    public EmbeddingChunk(int dimension, ContentHash[] hashes, float[] vectors)
    {
        Dimension = dimension;
        Hashes = hashes;
        Vectors = vectors;
    }

    public int Dimension { get; }

    public ContentHash[] Hashes { get; }

    public float[] Vectors { get; }

    public int Count => Hashes.Length;

    /// <summary>Writes the chunk atomically into <paramref name="directory"/>; returns its path.</summary>
    public string Write(string directory)
    {
        byte[] bytes = Serialize();
        string name = Convert.ToHexStringLower(bytes.AsSpan(bytes.Length - SHA256.HashSizeInBytes, 16)) + Extension;
        string path = Path.Combine(directory, name);
        AtomicFile.Write(path, stream => stream.Write(bytes));
        return path;
    }

    /// <summary>Reads and verifies a chunk; null when it is torn, corrupt or of another dimension.</summary>
    public static EmbeddingChunk? TryRead(string path, int expectedDimension)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return null;
        }

        if (bytes.Length < HeaderBytes + SHA256.HashSizeInBytes)
        {
            return null;
        }

        ReadOnlySpan<byte> body = bytes.AsSpan(0, bytes.Length - SHA256.HashSizeInBytes);
        Span<byte> checksum = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, checksum);
        if (!checksum.SequenceEqual(bytes.AsSpan(body.Length)))
        {
            return null;
        }

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(body);
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
        int dimension = BinaryPrimitives.ReadInt32LittleEndian(body[8..]);
        int count = BinaryPrimitives.ReadInt32LittleEndian(body[12..]);
        long expectedLength = HeaderBytes + ((long)count * ContentHash.ByteLength) + ((long)count * dimension * sizeof(float));
        if (magic != Magic || version != Version || dimension != expectedDimension || count < 0 || body.Length != expectedLength)
        {
            return null;
        }

        var hashes = new ContentHash[count];
        for (int i = 0; i < count; i++)
        {
            hashes[i] = ContentHash.FromBytes(body.Slice(HeaderBytes + (i * ContentHash.ByteLength), ContentHash.ByteLength));
        }

        var vectors = new float[(long)count * dimension];
        body[(HeaderBytes + (count * ContentHash.ByteLength))..].CopyTo(MemoryMarshal.AsBytes(vectors.AsSpan()));
        return new EmbeddingChunk(dimension, hashes, vectors);
    }

    private byte[] Serialize()
    {
        int vectorBytes = Vectors.Length * sizeof(float);
        var bytes = new byte[HeaderBytes + (Count * ContentHash.ByteLength) + vectorBytes + SHA256.HashSizeInBytes];
        Span<byte> span = bytes;
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], Dimension);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], Count);
        for (int i = 0; i < Count; i++)
        {
            Hashes[i].WriteTo(span.Slice(HeaderBytes + (i * ContentHash.ByteLength), ContentHash.ByteLength));
        }

        int vectorStart = HeaderBytes + (Count * ContentHash.ByteLength);
        MemoryMarshal.AsBytes(Vectors.AsSpan()).CopyTo(span[vectorStart..]);
        SHA256.HashData(span[..(vectorStart + vectorBytes)], span[(vectorStart + vectorBytes)..]);
        return bytes;
    }
}
