namespace RenderFarm.Encoding.Video;

/// <summary>Frames [Start, Start + Count) of a video: the unit a render job encodes as one chunk.</summary>
public readonly record struct FrameRange(int Start, int Count)
{
    public int End => Start + Count;

    /// <summary>Splits <paramref name="frameCount"/> frames into consecutive chunks of at most <paramref name="framesPerChunk"/>.</summary>
    public static IReadOnlyList<FrameRange> Split(int frameCount, int framesPerChunk)
    {
        if (frameCount <= 0)
        {
            throw new EncodingException($"frame count {frameCount}: must be positive.");
        }

        if (framesPerChunk <= 0)
        {
            throw new EncodingException($"frames per chunk {framesPerChunk}: must be positive.");
        }

        var ranges = new List<FrameRange>((frameCount + framesPerChunk - 1) / framesPerChunk);
        for (int start = 0; start < frameCount; start += framesPerChunk)
        {
            ranges.Add(new FrameRange(start, Math.Min(framesPerChunk, frameCount - start)));
        }

        return ranges;
    }
}
