using System.Buffers.Binary;
using System.IO.Compression;

namespace RenderFarm.Service.Tests.Cli;

/// <summary>
/// Writes a folder of distinct RGB PNGs by hand (unfiltered rows, fastest deflate). Regular patterns
/// keep the files small and quick to write, while decoding still touches every pixel, so a big
/// folder takes the program seconds to embed.
/// </summary>
internal static class PngFolder
{
    private const int PatternShifts = 251;
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Writes images 0..count-1 as <c>folder/classK/NNNNN.png</c>, K = i mod classes.</summary>
    public static void Write(string folder, int count, int side, int classes)
    {
        for (int k = 0; k < classes; k++)
        {
            Directory.CreateDirectory(Path.Combine(folder, $"class{k}"));
        }

        Parallel.For(0, count, i => File.WriteAllBytes(Path.Combine(folder, $"class{i % classes}", $"{i:D5}.png"), Encode(side, i)));
    }

    private static byte[] Encode(int side, int image)
    {
        // Every row is a slice of one shared pattern (a block copy, cheap even in a Debug build),
        // shifted per row and image; the first pixel spells the image number, so no two of the first
        // 65,536 images share their pixels.
        int rowBytes = 1 + (3 * side);
        byte[] pattern = Pattern(side);
        var rows = new byte[rowBytes * side];
        for (int y = 0; y < side; y++)
        {
            int shift = 3 * (((y * 3) + (image * 5)) % PatternShifts);
            pattern.AsSpan(shift, 3 * side).CopyTo(rows.AsSpan((y * rowBytes) + 1));
        }

        rows[1] = (byte)image;
        rows[2] = (byte)(image >> 8);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, side);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), side);
        header[8] = 8; // bits per sample
        header[9] = 2; // RGB

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR"u8, header);
        WriteChunk(png, "IDAT"u8, Deflate(rows));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static byte[] Pattern(int side)
    {
        var pattern = new byte[3 * (side + PatternShifts)];
        for (int i = 0; i < pattern.Length; i++)
        {
            pattern[i] = (byte)((i * i / 97) + (i / 3));
        }

        return pattern;
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        png.Write(word);
        png.Write(type);
        png.Write(data);
        uint crc = 0xFFFFFFFF;
        foreach (byte b in type)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        foreach (byte b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        BinaryPrimitives.WriteUInt32BigEndian(word, crc ^ 0xFFFFFFFF);
        png.Write(word);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
