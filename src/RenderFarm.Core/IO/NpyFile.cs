using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using RenderFarm.Core.Artifacts;

namespace RenderFarm.Core.IO;

/// <summary>
/// Reads and writes NumPy .npy files holding 2-D float matrices (the format every Python tool can
/// load with np.load). Reads float32/float64, either byte order, C or Fortran order; writes
/// little-endian float32 in C order.
/// </summary>
public static partial class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static Matrix Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static Matrix Read(Stream stream, string name)
    {
        Span<byte> prefix = stackalloc byte[10];
        if (stream.ReadAtLeast(prefix, 10, throwOnEndOfStream: false) < 10 || !prefix[..6].SequenceEqual(Magic))
        {
            throw new RenderFarmException($"{name}: not a NumPy .npy file (the first bytes are not \\x93NUMPY).");
        }

        byte major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]);
        }
        else
        {
            Span<byte> rest = stackalloc byte[2];
            stream.ReadExactly(rest);
            headerLength = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian([prefix[8], prefix[9], rest[0], rest[1]]));
        }

        if (headerLength <= 0 || headerLength > 1 << 20)
        {
            throw new RenderFarmException($"{name}: .npy header length {headerLength} is not plausible.");
        }

        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        string header = Encoding.Latin1.GetString(headerBytes);
        (string descr, bool fortran, int rows, int columns) = ParseHeader(header, name);

        int elementSize = descr[2] - '0';
        bool bigEndian = descr[0] == '>';
        long count = (long)rows * columns;
        var raw = new byte[checked(count * elementSize)];
        int read = stream.ReadAtLeast(raw, raw.Length, throwOnEndOfStream: false);
        if (read < raw.Length)
        {
            throw new RenderFarmException($"{name}: truncated: the header promises {rows}x{columns} values of {elementSize} bytes, the file holds {read} of {raw.Length} bytes.");
        }

        var data = new float[count];
        if (descr == "<f4" && !fortran && BitConverter.IsLittleEndian)
        {
            // The common case (what NpyFile.Write and numpy on x86 produce): one bulk copy.
            raw.AsSpan().CopyTo(MemoryMarshal.AsBytes(data.AsSpan()));
            return new Matrix(rows, columns, data);
        }

        for (long i = 0; i < count; i++)
        {
            // Fortran order stores column by column; transpose while converting.
            long source = fortran ? (i % columns) * rows + i / columns : i;
            ReadOnlySpan<byte> bytes = raw.AsSpan((int)(source * elementSize), elementSize);
            data[i] = elementSize == 4
                ? (bigEndian ? BinaryPrimitives.ReadSingleBigEndian(bytes) : BinaryPrimitives.ReadSingleLittleEndian(bytes))
                : (float)(bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes));
        }

        return new Matrix(rows, columns, data);
    }

    /// <summary>Writes atomically (temp file, then rename).</summary>
    public static void Write(string path, Matrix matrix) => AtomicFile.Write(path, stream => Write(stream, matrix));

    public static void Write(Stream stream, Matrix matrix)
    {
        string dict = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({matrix.Rows}, {matrix.Columns}), }}");
        // Magic (6) + version (2) + length (2) + header + '\n' must be a multiple of 64.
        int unpadded = 10 + dict.Length + 1;
        string header = dict + new string(' ', (64 - unpadded % 64) % 64) + "\n";
        stream.Write(Magic);
        stream.Write([1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.Latin1.GetBytes(header));
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Writing .npy needs a little-endian machine.");
        }

        stream.Write(MemoryMarshal.AsBytes(matrix.Data.AsSpan()));
    }

    private static (string Descr, bool Fortran, int Rows, int Columns) ParseHeader(string header, string name)
    {
        Match descr = DescrPattern().Match(header);
        Match fortran = FortranPattern().Match(header);
        Match shape = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shape.Success)
        {
            throw new RenderFarmException($"{name}: unreadable .npy header: {header.Trim()}");
        }

        string type = descr.Groups[1].Value;
        if (type is not ("<f4" or ">f4" or "<f8" or ">f8"))
        {
            throw new RenderFarmException($"{name}: dtype '{type}' is not supported; save the embeddings as float32 or float64.");
        }

        string[] dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (dims.Length != 2)
        {
            throw new RenderFarmException($"{name}: expected a 2-D array (items × dimensions), got shape ({shape.Groups[1].Value}).");
        }

        int rows = int.Parse(dims[0], CultureInfo.InvariantCulture);
        int columns = int.Parse(dims[1], CultureInfo.InvariantCulture);
        return (type, fortran.Groups[1].Value == "True", rows, columns);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
