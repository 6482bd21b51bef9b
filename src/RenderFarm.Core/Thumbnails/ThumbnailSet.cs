namespace RenderFarm.Core.Thumbnails;

/// <summary>
/// One square thumbnail per dataset item, in item order: RGBA8, sRGB, straight (not premultiplied)
/// alpha, rows top to bottom. The pixels are held in pages of whole cells because 70,000 cells of
/// 128 px would not fit one .NET array; the atlas builder uploads page by page.
/// </summary>
public sealed class ThumbnailSet
{
    private readonly byte[][] _pages;

    public ThumbnailSet(int count, int cellSize, int cellsPerPage, byte[][] pages)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
        if (cellSize < 1) throw new ArgumentOutOfRangeException(nameof(cellSize));
        if (cellsPerPage < 1) throw new ArgumentOutOfRangeException(nameof(cellsPerPage));
        int expectedPages = (int)((count + (long)cellsPerPage - 1) / cellsPerPage);
        if (pages.Length != expectedPages)
            throw new ArgumentException($"{count} cells at {cellsPerPage} a page need {expectedPages} pages, not {pages.Length}.");
        Count = count;
        CellSize = cellSize;
        CellsPerPage = cellsPerPage;
        for (int p = 0; p < pages.Length; p++)
        {
            int cells = Math.Min(cellsPerPage, count - p * cellsPerPage);
            if (pages[p].Length < (long)cells * CellBytes)
                throw new ArgumentException($"Page {p} holds {pages[p].Length} bytes, fewer than its {cells} cells need.");
        }
        _pages = pages;
    }

    public int Count { get; }
    public int CellSize { get; }
    public int CellsPerPage { get; }
    public int CellBytes => CellSize * CellSize * 4;
    public int PageCount => _pages.Length;

    /// <summary>The RGBA8 pixels of item <paramref name="index"/>, CellSize rows of CellSize × 4 bytes.</summary>
    public ReadOnlySpan<byte> Cell(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
        return _pages[index / CellsPerPage].AsSpan(index % CellsPerPage * CellBytes, CellBytes);
    }

    /// <summary>Page <paramref name="page"/>: its cells back to back (the last page may be shorter).</summary>
    public ReadOnlySpan<byte> Page(int page)
    {
        int cells = Math.Min(CellsPerPage, Count - page * CellsPerPage);
        return _pages[page].AsSpan(0, cells * CellBytes);
    }

    /// <summary>Allocates an empty set with pages of at most 256 MiB.</summary>
    public static ThumbnailSet Allocate(int count, int cellSize)
    {
        int cellBytes = cellSize * cellSize * 4;
        int perPage = Math.Max(1, (256 << 20) / cellBytes);
        int pageCount = (int)((count + (long)perPage - 1) / perPage);
        var pages = new byte[pageCount][];
        for (int p = 0; p < pageCount; p++)
            pages[p] = new byte[(long)Math.Min(perPage, count - p * perPage) * cellBytes];
        return new ThumbnailSet(count, cellSize, perPage, pages);
    }

    /// <summary>Writable view of a cell, for the builder that fills an allocated set.</summary>
    public Span<byte> WritableCell(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
        return _pages[index / CellsPerPage].AsSpan(index % CellsPerPage * CellBytes, CellBytes);
    }
}
