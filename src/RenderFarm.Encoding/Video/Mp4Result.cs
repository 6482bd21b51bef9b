namespace RenderFarm.Encoding.Video;

/// <summary>A finished MP4: where it is, how many frames went in, its size and the wall time from start to rename.</summary>
public sealed record Mp4Result(string Path, int FrameCount, long Bytes, TimeSpan Elapsed);
