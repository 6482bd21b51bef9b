namespace RenderFarm.Core.Datasets;

/// <summary>Where an item's pixels or vector come from.</summary>
public abstract record ItemSource;

/// <summary>An encoded image file (JPEG, PNG, ...), decoded by the embedding stage.</summary>
public sealed record ImageFileSource(string Path) : ItemSource;

/// <summary>8-bit grayscale pixels already in memory (IDX files), row-major, no padding.</summary>
public sealed record RawPixelSource(int Width, int Height, ReadOnlyMemory<byte> Pixels) : ItemSource;

/// <summary>A row of <see cref="Dataset.Vectors"/>, with an optional image for thumbnails.</summary>
public sealed record VectorSource(int Row, string? ImagePath) : ItemSource;
