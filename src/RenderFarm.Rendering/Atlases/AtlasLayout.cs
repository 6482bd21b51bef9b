namespace RenderFarm.Rendering.Atlases;

/// <summary>
/// Where each thumbnail sits in the atlas. Cells are packed on a grid of square <em>slots</em> in
/// the layers of 2-D texture arrays ("sheets"); each slot is the cell plus a gutter of repeated edge
/// pixels, so bilinear filtering and mip levels never mix a thumbnail with its neighbour.
/// </summary>
/// <remarks>
/// Why grids of cells per layer rather than one cell per layer: 70,000 cells would need 35 arrays of
/// 2048 layers, and a sprite layer would then need as many draws. Why several sheets: one image is
/// one allocation, and devices cap an allocation (lavapipe: 2 GiB) — 100,000 colour cells of 64 px
/// are 2.8 GB with gutters and mips. Each sheet stays under <see cref="SheetBudgetBytes"/>.
/// Why at most 3 extra mip levels: a level-k texel spans 2^k pixels, so the gutter needed grows with
/// k; down to 1/8 scale covers sprites of 4 px from 32 px cells, and coarser levels would cost
/// gutter memory for sizes nobody renders.
/// </remarks>
internal sealed record AtlasLayout(
    int CellSize,
    int Count,
    int Slot,
    int Inset,
    int LayerSize,
    int SlotsPerRow,
    int MipLevels,
    int LayersPerSheet,
    int TotalLayers)
{
    public const long SheetBudgetBytes = 1L << 30;
    public const int MaxLayerSize = 2048;

    public int SlotsPerLayer => SlotsPerRow * SlotsPerRow;
    public int CellsPerSheet => SlotsPerLayer * LayersPerSheet;
    public int SheetCount => (TotalLayers + LayersPerSheet - 1) / LayersPerSheet;
    public long LayerBytes => (long)LayerSize * LayerSize * 4;

    public int LayersInSheet(int sheet) => Math.Min(LayersPerSheet, TotalLayers - sheet * LayersPerSheet);

    public static AtlasLayout For(int count, int cellSize, int maxImageDimension, int maxArrayLayers,
        long sheetBudgetBytes = SheetBudgetBytes, int maxLayerSize = MaxLayerSize)
    {
        if (count < 1) throw new RenderingException("An atlas needs at least one thumbnail.");
        if (cellSize < 1) throw new RenderingException($"The thumbnail cell size must be positive, not {cellSize}.");
        int extraLevels = Math.Clamp((int)Math.Floor(Math.Log2(cellSize)) - 1, 0, 3);
        int align = 1 << extraLevels;
        // A bilinear tap at level k reaches half a level-k texel (2^(k-1) pixels) beyond the cell.
        int minGutter = Math.Max(1, align / 2);
        int slot = (cellSize + 2 * minGutter + align - 1) / align * align;
        int inset = (slot - cellSize) / 2;
        int maxSize = Math.Min(maxLayerSize, maxImageDimension);
        if (slot > maxSize)
            throw new RenderingException($"Thumbnails of {cellSize} px do not fit the device's {maxImageDimension} px images.");
        int slotsPerRow = Math.Min(maxSize / slot, (int)Math.Ceiling(Math.Sqrt(count)));
        int layerSize = slotsPerRow * slot;
        int slotsPerLayer = slotsPerRow * slotsPerRow;
        int totalLayers = (count + slotsPerLayer - 1) / slotsPerLayer;
        long layerBytesWithMips = (long)layerSize * layerSize * 4 * 4 / 3 + 1;
        int layersPerSheet = (int)Math.Clamp(sheetBudgetBytes / layerBytesWithMips, 1, maxArrayLayers);
        layersPerSheet = Math.Min(layersPerSheet, totalLayers);
        return new AtlasLayout(cellSize, count, slot, inset, layerSize, slotsPerRow, 1 + extraLevels, layersPerSheet, totalLayers);
    }

    /// <summary>Writes cell <paramref name="cellPixels"/> with its gutter into slot <paramref name="slotInLayer"/> of a layer buffer.</summary>
    public void WriteSlot(ReadOnlySpan<byte> cellPixels, int slotInLayer, Span<byte> layer)
    {
        int sx = slotInLayer % SlotsPerRow * Slot, sy = slotInLayer / SlotsPerRow * Slot;
        int rowBytes = LayerSize * 4;
        for (int r = 0; r < Slot; r++)
        {
            int srcRow = Math.Clamp(r - Inset, 0, CellSize - 1);
            var src = cellPixels.Slice(srcRow * CellSize * 4, CellSize * 4);
            var dst = layer.Slice((sy + r) * rowBytes + sx * 4, Slot * 4);
            // Gutters repeat the edge pixels: what CLAMP_TO_EDGE would give a cell on its own.
            for (int c = 0; c < Inset; c++) src[..4].CopyTo(dst.Slice(c * 4, 4));
            src.CopyTo(dst.Slice(Inset * 4));
            for (int c = Inset + CellSize; c < Slot; c++) src.Slice((CellSize - 1) * 4, 4).CopyTo(dst.Slice(c * 4, 4));
        }
    }
}
