using System.Globalization;

namespace RenderFarm.Core.Colors;

/// <summary>An sRGB colour with straight alpha, 8 bits a channel: how scenes, palettes and frames speak of colour.</summary>
public readonly record struct Rgba8(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Parses "#RRGGBB" or "#RRGGBBAA" (the '#' is optional).</summary>
    public static bool TryParseHex(string text, out Rgba8 color)
    {
        color = default;
        var hex = text.AsSpan().Trim();
        if (hex.StartsWith("#")) hex = hex[1..];
        if (hex.Length != 6 && hex.Length != 8) return false;
        if (!uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint value)) return false;
        if (hex.Length == 6) value = (value << 8) | 0xFF;
        color = new Rgba8((byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value);
        return true;
    }

    public string ToHex() => A == 255 ? $"#{R:X2}{G:X2}{B:X2}" : $"#{R:X2}{G:X2}{B:X2}{A:X2}";

    public override string ToString() => ToHex();
}
