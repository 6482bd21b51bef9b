namespace RenderFarm.Encoding.Video;

/// <summary>The last lines ffmpeg wrote to stderr, kept for error messages (thread-safe: ffmpeg's reader thread adds).</summary>
internal sealed class StderrTail(int capacity = 20)
{
    private readonly Queue<string> lines = new();

    public void Add(string line)
    {
        lock (lines)
        {
            if (lines.Count == capacity)
            {
                lines.Dequeue();
            }

            lines.Enqueue(line);
        }
    }

    public override string ToString()
    {
        lock (lines)
        {
            return lines.Count == 0 ? "(ffmpeg wrote nothing to stderr)" : string.Join(Environment.NewLine, lines);
        }
    }
}
