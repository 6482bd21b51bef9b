using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using RenderFarm.Core.IO;

namespace RenderFarm.Core.Artifacts;

/// <summary>
/// Content-keyed files for derived artifacts (layouts, ...): <c>CACHE/&lt;kind&gt;/&lt;hash of key&gt;.artifact</c>.
/// A file holds "RFAF", the full key, the payload and a SHA-256 of everything before it; a read
/// that finds another key, a short file or a bad checksum is a miss (and the file is removed), so a
/// damaged entry costs a recomputation, never a wrong result. Writes are atomic.
/// </summary>
public sealed class ArtifactStore
{
    private const uint Magic = 0x46414652; // "RFAF"

    public ArtifactStore(string cacheRoot)
    {
        CacheRoot = cacheRoot;
    }

    public string CacheRoot { get; }

    public string PathOf(string kind, string key) =>
        Path.Combine(CacheRoot, kind, ContentHash.OfText(key).ToString() + ".artifact");

    public byte[]? TryRead(string kind, string key)
    {
        string path = PathOf(kind, key);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        byte[]? payload = Parse(bytes, key);
        if (payload is null)
        {
            File.Delete(path);
        }

        return payload;
    }

    public void Write(string kind, string key, ReadOnlySpan<byte> payload)
    {
        byte[] keyBytes = Encoding.UTF8.GetBytes(key);
        var bytes = new byte[12 + keyBytes.Length + payload.Length + SHA256.HashSizeInBytes];
        Span<byte> span = bytes;
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], keyBytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], payload.Length);
        keyBytes.CopyTo(span[12..]);
        payload.CopyTo(span[(12 + keyBytes.Length)..]);
        int body = bytes.Length - SHA256.HashSizeInBytes;
        SHA256.HashData(span[..body], span[body..]);
        AtomicFile.Write(PathOf(kind, key), stream => stream.Write(bytes));
    }

    public Matrix? TryReadMatrix(string kind, string key) =>
        TryRead(kind, key) is { } payload ? NpyFile.Read(new MemoryStream(payload), PathOf(kind, key)) : null;

    public void WriteMatrix(string kind, string key, Matrix matrix)
    {
        using var buffer = new MemoryStream();
        NpyFile.Write(buffer, matrix);
        Write(kind, key, buffer.ToArray());
    }

    private static byte[]? Parse(byte[] bytes, string key)
    {
        if (bytes.Length < 12 + SHA256.HashSizeInBytes || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            return null;
        }

        int keyLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4));
        int payloadLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        int body = bytes.Length - SHA256.HashSizeInBytes;
        if (keyLength < 0 || payloadLength < 0 || (long)12 + keyLength + payloadLength != body)
        {
            return null;
        }

        Span<byte> checksum = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes.AsSpan(0, body), checksum);
        if (!checksum.SequenceEqual(bytes.AsSpan(body)) || Encoding.UTF8.GetString(bytes, 12, keyLength) != key)
        {
            return null;
        }

        return bytes.AsSpan(12 + keyLength, payloadLength).ToArray();
    }
}
