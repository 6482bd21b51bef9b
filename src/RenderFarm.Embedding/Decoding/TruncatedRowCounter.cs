using SkiaSharp;

namespace RenderFarm.Embedding.Decoding;

/// <summary>
/// Finds how many rows of a truncated image could be decoded, for the run report. GetPixels only says
/// "incomplete", so this decodes once more in a mode that counts rows: incremental (PNG, GIF) or
/// scanline (JPEG). It runs only for files already known to be truncated, so the second pass costs
/// nothing on the normal path.
/// </summary>
internal static class TruncatedRowCounter
{
    /// <summary>Rows decoded before the data ran out, or null when the codec cannot say.</summary>
    public static int? Count(SKCodec codec, SKImageInfo info, IntPtr pixels)
    {
        if (codec.StartIncrementalDecode(info, pixels, info.RowBytes) == SKCodecResult.Success)
        {
            SKCodecResult result = codec.IncrementalDecode(out int rows);
            return result == SKCodecResult.IncompleteInput ? rows : null;
        }

        // Bottom-up scanline codecs (some BMPs) hand out rows in an order that says nothing about progress.
        if (codec.StartScanlineDecode(info) == SKCodecResult.Success && codec.ScanlineOrder == SKCodecScanlineOrder.TopDown)
        {
            return codec.GetScanlines(pixels, info.Height, info.RowBytes);
        }

        return null;
    }
}
