namespace RenderFarm.Embedding.Thumbnails;

/// <summary>How many of the thumbnails are made.</summary>
public readonly record struct ThumbnailProgress(int Done, int Total);
