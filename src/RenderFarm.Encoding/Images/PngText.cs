namespace RenderFarm.Encoding.Images;

/// <summary>
/// A PNG text entry (e.g. "Software", "RenderFarm:scene-hash", "RenderFarm:provenance" holding JSON).
/// Written as tEXt when the text is Latin-1, else as uncompressed iTXt (UTF-8).
/// </summary>
public sealed record PngText(string Keyword, string Text)
{
    internal void Validate()
    {
        // PNG: 1-79 Latin-1 printable characters, no leading, trailing or double spaces.
        if (Keyword.Length is 0 or > 79 || Keyword.Any(c => c < 32 || c > 255 || (c > 126 && c < 161))
            || Keyword.StartsWith(' ') || Keyword.EndsWith(' ') || Keyword.Contains("  ", StringComparison.Ordinal))
        {
            throw new EncodingException($"PNG text keyword '{Keyword}': must be 1-79 printable Latin-1 characters without leading, trailing or double spaces.");
        }
    }

    internal bool IsLatin1 => Text.All(c => c <= 255 && c != 0);
}
