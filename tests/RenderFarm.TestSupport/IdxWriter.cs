using System.Buffers.Binary;
using System.IO.Compression;

namespace RenderFarm.TestSupport;

/// <summary>Writes small MNIST-style IDX files (optionally gzipped) for tests.</summary>
public static class IdxWriter
{
    /// <summary>Images: count × rows × columns unsigned bytes.</summary>
    public static void WriteImages(string path, int rows, int columns, IReadOnlyList<byte[]> images, bool gzip)
    {
        var bytes = new List<byte>(Header(3, images.Count, rows, columns));
        foreach (byte[] image in images)
        {
            if (image.Length != rows * columns)
            {
                throw new ArgumentException($"Each image needs {rows * columns} bytes.", nameof(images));
            }

            bytes.AddRange(image);
        }

        Write(path, bytes.ToArray(), gzip);
    }

    public static void WriteLabels(string path, IReadOnlyList<byte> labels, bool gzip)
    {
        var bytes = new List<byte>(Header(1, labels.Count));
        bytes.AddRange(labels);
        Write(path, bytes.ToArray(), gzip);
    }

    private static byte[] Header(int rank, params int[] dimensions)
    {
        var header = new byte[4 + (4 * rank)];
        header[2] = 0x08;
        header[3] = (byte)rank;
        for (int i = 0; i < rank; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + (4 * i)), dimensions[i]);
        }

        return header;
    }

    private static void Write(string path, byte[] bytes, bool gzip)
    {
        if (!gzip)
        {
            File.WriteAllBytes(path, bytes);
            return;
        }

        using var file = File.Create(path);
        using var stream = new GZipStream(file, CompressionLevel.Fastest);
        stream.Write(bytes);
    }
}
