using System.Buffers.Binary;
using System.IO.Compression;

namespace RenderFarm.Encoding.Images;

/// <summary>
/// Writes a PNG to a stream one band of rows at a time, holding only two rows: posters of
/// 20,000 × 20,000 (1.6 GB as one bitmap) stream out in a few megabytes. Header chunks (IHDR, sRGB,
/// gAMA, pHYs, text) are written on construction, IDAT chunks as compressed bytes accumulate, and
/// IEND by <see cref="Finish"/>, which also checks that every row arrived.
/// </summary>
public sealed class PngStreamEncoder : IDisposable
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly Stream png;
    private readonly PngImageOptions options;
    private readonly string name;
    private readonly IdatStream idat;
    private readonly ZLibStream zlib;
    private byte[] row;
    private byte[] above;
    private readonly byte[] filtered;
    private readonly byte[] candidate;
    private int rowsWritten;
    private bool finished;

    /// <param name="name">The file name for error messages.</param>
    public PngStreamEncoder(Stream png, PngImageOptions options, string name)
    {
        ArgumentNullException.ThrowIfNull(png);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(name);
        this.png = png;
        this.options = options;
        this.name = name;
        row = new byte[options.RowBytes];
        above = new byte[options.RowBytes]; // zeros: the row above the first, as the PNG filters define it
        filtered = new byte[options.RowBytes + 1];
        candidate = new byte[options.RowBytes + 1];
        WriteHeader();
        idat = new IdatStream(png);
        zlib = new ZLibStream(idat, options.Compression, leaveOpen: true);
    }

    public int RowsWritten => rowsWritten;

    /// <summary>Appends whole RGBA8 rows (tightly packed, top first): any number up to the rows left.</summary>
    public void WriteRows(ReadOnlySpan<byte> rgba)
    {
        int rgbaRowBytes = options.Width * 4;
        if (rgba.Length % rgbaRowBytes != 0)
        {
            throw new ArgumentException($"{name}: {rgba.Length} bytes is not a whole number of {options.Width}-pixel RGBA rows.", nameof(rgba));
        }

        int rows = rgba.Length / rgbaRowBytes;
        if (rowsWritten + rows > options.Height)
        {
            throw new EncodingException($"{name}: {rowsWritten + rows} rows written to an image {options.Height} rows high.");
        }

        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<byte> source = rgba.Slice(r * rgbaRowBytes, rgbaRowBytes);
            if (options.HasAlpha)
            {
                source.CopyTo(row);
            }
            else
            {
                PixelPacking.RgbaToRgb(source, row);
            }

            zlib.Write(FilterRow());
            (row, above) = (above, row);
            rowsWritten++;
        }
    }

    /// <summary>Ends the image: flushes the compressor, writes IEND. Throws when rows are missing.</summary>
    public void Finish()
    {
        if (finished)
        {
            return;
        }

        if (rowsWritten != options.Height)
        {
            throw new EncodingException($"{name}: only {rowsWritten} of {options.Height} rows were written.");
        }

        zlib.Dispose(); // writes the deflate end and the Adler-32 into idat
        idat.Flush();
        PngChunkWriter.Write(png, "IEND"u8, []);
        finished = true;
    }

    public void Dispose()
    {
        zlib.Dispose();
    }

    private ReadOnlySpan<byte> FilterRow()
    {
        int bpp = options.Channels;
        PngFilter filter = options.Filter;
        if (filter != PngFilter.Adaptive)
        {
            Apply(filter, filtered, bpp);
            return filtered;
        }

        // Try each filter and keep the one whose bytes are smallest as signed magnitudes.
        Apply(PngFilter.None, filtered, bpp);
        long best = PngRowFilters.SumOfAbsolutes(filtered.AsSpan(1));
        foreach (PngFilter other in (ReadOnlySpan<PngFilter>)[PngFilter.Sub, PngFilter.Up, PngFilter.Paeth])
        {
            Apply(other, candidate, bpp);
            long sum = PngRowFilters.SumOfAbsolutes(candidate.AsSpan(1));
            if (sum < best)
            {
                best = sum;
                candidate.CopyTo(filtered, 0);
            }
        }

        return filtered;
    }

    private void Apply(PngFilter filter, byte[] output, int bpp)
    {
        output[0] = (byte)filter;
        Span<byte> body = output.AsSpan(1);
        switch (filter)
        {
            case PngFilter.None:
                row.CopyTo(body);
                break;
            case PngFilter.Sub:
                PngRowFilters.Sub(row, body, bpp);
                break;
            case PngFilter.Up:
                PngRowFilters.Up(row, above, body);
                break;
            case PngFilter.Paeth:
                PngRowFilters.Paeth(row, above, body, bpp);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter, "not a single PNG filter");
        }
    }

    private void WriteHeader()
    {
        png.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, options.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], options.Height);
        header[8] = 8; // bits per sample
        header[9] = (byte)(options.HasAlpha ? 6 : 2); // RGBA or RGB
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering, one filter byte per row
        header[12] = 0; // not interlaced
        PngChunkWriter.Write(png, "IHDR"u8, header);

        // sRGB (perceptual intent) plus the gAMA the specification recommends for decoders that ignore sRGB.
        PngChunkWriter.Write(png, "sRGB"u8, [0]);
        Span<byte> gamma = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(gamma, 45455);
        PngChunkWriter.Write(png, "gAMA"u8, gamma);
        if (options.DotsPerInch is { } dpi)
        {
            Span<byte> physical = stackalloc byte[9];
            uint perMetre = (uint)Math.Round(dpi / 0.0254);
            BinaryPrimitives.WriteUInt32BigEndian(physical, perMetre);
            BinaryPrimitives.WriteUInt32BigEndian(physical[4..], perMetre);
            physical[8] = 1; // unit: metre
            PngChunkWriter.Write(png, "pHYs"u8, physical);
        }

        foreach (PngText text in options.Texts)
        {
            WriteText(text);
        }
    }

    private void WriteText(PngText text)
    {
        var latin1 = System.Text.Encoding.Latin1;
        if (text.IsLatin1)
        {
            byte[] data = [.. latin1.GetBytes(text.Keyword), 0, .. latin1.GetBytes(text.Text)];
            PngChunkWriter.Write(png, "tEXt"u8, data);
            return;
        }

        // iTXt: keyword, NUL, uncompressed, method 0, empty language tag NUL, empty translated keyword NUL, UTF-8 text.
        byte[] international = [.. latin1.GetBytes(text.Keyword), 0, 0, 0, 0, 0, .. System.Text.Encoding.UTF8.GetBytes(text.Text)];
        PngChunkWriter.Write(png, "iTXt"u8, international);
    }
}
