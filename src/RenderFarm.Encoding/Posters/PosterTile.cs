namespace RenderFarm.Encoding.Posters;

/// <summary>One tile of a poster: its pixel rectangle in the whole image, and its grid position.</summary>
public readonly record struct PosterTile(int X, int Y, int Width, int Height, int Column, int Row);

/// <summary>
/// Renders <paramref name="tile"/> into <paramref name="rgba"/>: tile.Width × tile.Height RGBA8 pixels,
/// tightly packed (stride tile.Width × 4), top row first, in the poster's absolute coordinates.
/// </summary>
public delegate void TileRenderer(PosterTile tile, Span<byte> rgba);
