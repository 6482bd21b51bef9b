using System.Buffers.Binary;
using TextEncoding = System.Text.Encoding;

namespace RenderFarm.Service.Tests.Renders;

/// <summary>Reads a PNG's tEXt/iTXt entries straight from its chunks (Skia does not expose them).</summary>
internal static class PngChunks
{
    public static Dictionary<string, string> Texts(string path)
    {
        byte[] png = File.ReadAllBytes(path);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int at = 8; at + 12 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = TextEncoding.ASCII.GetString(png, at + 4, 4);
            ReadOnlySpan<byte> data = png.AsSpan(at + 8, length);
            int nul = data.IndexOf((byte)0);
            if (type == "tEXt")
            {
                texts[TextEncoding.Latin1.GetString(data[..nul])] = TextEncoding.Latin1.GetString(data[(nul + 1)..]);
            }
            else if (type == "iTXt")
            {
                // keyword \0 compression-flag compression-method language \0 translated \0 text
                ReadOnlySpan<byte> rest = data[(nul + 3)..];
                rest = rest[(rest.IndexOf((byte)0) + 1)..];
                rest = rest[(rest.IndexOf((byte)0) + 1)..];
                texts[TextEncoding.Latin1.GetString(data[..nul])] = TextEncoding.UTF8.GetString(rest);
            }

            at += 12 + length;
        }

        return texts;
    }
}
