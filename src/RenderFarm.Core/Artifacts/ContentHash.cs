using System.Buffers.Binary;
using System.Security.Cryptography;

namespace RenderFarm.Core.Artifacts;

/// <summary>
/// The first 128 bits of a SHA-256: enough to make collisions between images impossible in
/// practice, half the memory of the full digest in a 100,000-entry index.
/// </summary>
public readonly record struct ContentHash(ulong High, ulong Low)
{
    public const int ByteLength = 16;

    public static ContentHash Of(ReadOnlySpan<byte> content)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, digest);
        return FromBytes(digest);
    }

    public static ContentHash Of(Stream content)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, digest);
        return FromBytes(digest);
    }

    public static ContentHash OfText(string text) => Of(System.Text.Encoding.UTF8.GetBytes(text));

    public static ContentHash FromBytes(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));

    public static ContentHash Parse(string hex)
    {
        if (hex.Length != 2 * ByteLength)
        {
            throw new FormatException($"A content hash has {2 * ByteLength} hex digits; '{hex}' has {hex.Length}.");
        }

        return FromBytes(Convert.FromHexString(hex));
    }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
    }

    public override string ToString() => High.ToString("x16") + Low.ToString("x16");
}
