using System.Buffers.Binary;

namespace RenderFarm.Encoding.Images;

/// <summary>Writes PNG chunks: big-endian length, four-letter type, data, CRC of type + data.</summary>
internal static class PngChunkWriter
{
    public static void Write(Stream stream, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        stream.Write(word);
        stream.Write(type);
        stream.Write(data);
        uint crc = Crc32.Append(Crc32.Append(0, type), data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        stream.Write(word);
    }
}
