using System.Buffers.Binary;
using SkiaSharp;

namespace RenderFarm.Embedding.Decoding;

/// <summary>
/// Recognises image formats by their signature. Skia cannot tell "no codec knows these bytes" from
/// "a codec for this format was not compiled in" (both are Unimplemented), and the run report must
/// tell a text file from a HEIF photo, so the decoder sniffs the bytes itself.
/// </summary>
internal static class EncodedFormats
{
    public const string Jpeg = "JPEG";
    public const string Png = "PNG";
    public const string Gif = "GIF";
    public const string WebP = "WebP";
    public const string Bmp = "BMP";

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // The IEND chunk type followed by its CRC, which is the same in every PNG.
    private static ReadOnlySpan<byte> IendChunk => [(byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];

    private static ReadOnlySpan<byte> JpegXlContainer => [0, 0, 0, 0x0C, (byte)'J', (byte)'X', (byte)'L', (byte)' '];

    private static ReadOnlySpan<byte> Jpeg2000Container => [0, 0, 0, 0x0C, (byte)'j', (byte)'P', (byte)' ', (byte)' '];

    /// <summary>The format's display name, or null when the bytes start like no image format we know.</summary>
    public static string? Identify(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngSignature))
        {
            return Png;
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        if (IsBmp(data))
        {
            return Bmp;
        }

        return IdentifyUnsupported(data);
    }

    /// <summary>Whether <see cref="ImageDecoder"/> decodes this format (the others are refused as unsupported).</summary>
    public static bool IsDecodable(string name) => name is Jpeg or Png or Gif or WebP or Bmp;

    /// <summary>The display name of a format Skia recognised.</summary>
    public static string NameOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => Jpeg,
        SKEncodedImageFormat.Png => Png,
        SKEncodedImageFormat.Gif => Gif,
        SKEncodedImageFormat.Webp => WebP,
        SKEncodedImageFormat.Bmp => Bmp,
        _ => format.ToString().ToUpperInvariant(),
    };

    /// <summary>
    /// The share of the bytes its container header declares that the data actually holds, or null when the
    /// format declares no total length. Depending on where the cut falls, Skia reports a cut-short WebP as
    /// invalid rather than incomplete, and it never says how many rows it got: this check gives both the
    /// right reason and a useful message.
    /// </summary>
    public static double? DeclaredLengthShare(ReadOnlySpan<byte> data, string name)
    {
        if (name != WebP || data.Length < 8)
        {
            return null;
        }

        // The RIFF size counts everything after the 8-byte "RIFF" + size preamble.
        long declared = BinaryPrimitives.ReadUInt32LittleEndian(data[4..8]) + 8L;
        return data.Length < declared ? (double)data.Length / declared : null;
    }

    /// <summary>
    /// Whether the data ends with its format's end marker (PNG's IEND chunk, JPEG's EOI). Skia reports any
    /// libpng error while reading rows as "incomplete input", so a complete file that still fails to
    /// decode is corrupt rather than cut short. Formats without a reliable end marker answer false.
    /// </summary>
    public static bool HasEndMarker(ReadOnlySpan<byte> data, string name) => name switch
    {
        // Anywhere, not just last: some writers append junk after IEND.
        Png => data.IndexOf(IendChunk) >= 0,
        // Zero padding after EOI is common; other trailing data makes the answer "don't know" (false).
        Jpeg => data.TrimEnd((byte)0).EndsWith((ReadOnlySpan<byte>)[0xFF, 0xD9]),
        _ => false,
    };

    private static bool IsBmp(ReadOnlySpan<byte> data)
    {
        if (!data.StartsWith("BM"u8))
        {
            return false;
        }

        // "BM" alone is too weak (plenty of text starts that way): also require a known DIB header size,
        // unless the data is too short to hold it, which the decoder then reports as a truncated BMP.
        if (data.Length < 18)
        {
            return true;
        }

        uint dibHeaderSize = BinaryPrimitives.ReadUInt32LittleEndian(data[14..18]);
        return dibHeaderSize is 12 or 16 or 40 or 52 or 56 or 64 or 108 or 124;
    }

    private static string? IdentifyUnsupported(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return "TIFF/raw"; // also DNG and most camera raw formats, which are TIFF inside
        }

        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8))
        {
            return IsoMediaBrand(data[8..12]);
        }

        if (data.StartsWith(JpegXlContainer) || data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x0A]))
        {
            return "JPEG XL";
        }

        if (data.StartsWith(Jpeg2000Container) || data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x4F, 0xFF, 0x51]))
        {
            return "JPEG 2000";
        }

        if (data.Length >= 6 && (data.StartsWith((ReadOnlySpan<byte>)[0, 0, 1, 0]) || data.StartsWith((ReadOnlySpan<byte>)[0, 0, 2, 0]))
            && BinaryPrimitives.ReadUInt16LittleEndian(data[4..6]) > 0)
        {
            return "ICO";
        }

        if (data.StartsWith("8BPS"u8))
        {
            return "PSD";
        }

        return data.StartsWith("qoif"u8) ? "QOI" : null;
    }

    /// <summary>HEIF and AVIF share the ISO media container with MP4 video; only image brands count.</summary>
    private static string? IsoMediaBrand(ReadOnlySpan<byte> brand)
    {
        if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
        {
            return "AVIF";
        }

        string text = System.Text.Encoding.ASCII.GetString(brand);
        return text is "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "mif1" or "msf1" ? "HEIF" : null;
    }
}
