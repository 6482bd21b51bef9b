using System.Buffers.Binary;
using System.IO.Compression;

namespace RenderFarm.Core.Datasets;

/// <summary>
/// One MNIST-style IDX file (unsigned bytes): 3-D for images (count × rows × columns), 1-D for
/// labels. Gzip is detected from the content, not the name.
/// </summary>
internal sealed class IdxFile
{
    private const int UnsignedByte = 0x08;

    private IdxFile(int[] dimensions, byte[] data)
    {
        Dimensions = dimensions;
        Data = data;
    }

    public int[] Dimensions { get; }

    public byte[] Data { get; }

    public int Count => Dimensions[0];

    public static IdxFile Read(string path, int expectedRank)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
            if (bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
            {
                using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var plain = new MemoryStream(bytes.Length * 2);
                gzip.CopyTo(plain);
                bytes = plain.ToArray();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new RenderFarmException($"{path}: cannot read the IDX file: {e.Message}", e);
        }

        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
        {
            throw new RenderFarmException($"{path}: not an IDX file (it must start with two zero bytes, a type byte and a rank byte).");
        }

        if (bytes[2] != UnsignedByte)
        {
            throw new RenderFarmException($"{path}: IDX element type 0x{bytes[2]:x2} is not supported; only unsigned bytes (0x08) are.");
        }

        int rank = bytes[3];
        if (rank != expectedRank)
        {
            string what = expectedRank == 3 ? "an images file (rank 3)" : "a labels file (rank 1)";
            throw new RenderFarmException($"{path}: expected {what}, but the file has rank {rank}.");
        }

        int headerLength = 4 + 4 * rank;
        if (bytes.Length < headerLength)
        {
            throw new RenderFarmException($"{path}: truncated IDX header.");
        }

        var dimensions = new int[rank];
        long expected = 1;
        for (int i = 0; i < rank; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            expected *= dimensions[i];
        }

        if (bytes.Length - headerLength < expected)
        {
            throw new RenderFarmException($"{path}: truncated: the header promises {expected:N0} bytes of data, the file holds {bytes.Length - headerLength:N0}.");
        }

        return new IdxFile(dimensions, bytes.AsSpan(headerLength, (int)expected).ToArray());
    }
}
