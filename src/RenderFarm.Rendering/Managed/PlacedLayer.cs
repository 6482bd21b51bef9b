namespace RenderFarm.Rendering.Managed;

/// <summary>
/// One layer of a frame, placed for the managed path: per item its stamp's pixels, their top-left
/// pixel in the tile and its colour; and per band of rows the items touching it, in draw order
/// (a count, a prefix sum and a scatter, so the lists never depend on threads). Arrays are kept
/// and reused from frame to frame.
/// </summary>
internal sealed unsafe class PlacedLayer
{
    /// <summary>
    /// Each item's stamp pixels (<see cref="Stamp.Pixels"/>), 0 where the item is not drawn: every
    /// stamp of a layer has the same shape (<see cref="Shape"/>) and lies in the same memory, so
    /// placing, binning and blending read only this address per item — not a stamp object, one
    /// more cache miss per item among 100+ MB of stamps (binning 70,000 items took 2–3 ms so).
    /// </summary>
    public nint[] Pixels = [];

    /// <summary>
    /// A stamp of this layer's set, for its size, stride and planes; it also keeps the memory all
    /// of <see cref="Pixels"/> point into.
    /// </summary>
    public Stamp? Shape;
    public int[] X = [];
    public int[] Y = [];

    /// <summary>
    /// Premultiplied linear (r·a, g·a, b·a, a) per item as four 16-bit values, R lowest — one
    /// compositor pixel, broadcast as is; one entry for all when <see cref="OneTint"/>.
    /// </summary>
    public ulong[] Tints = [];
    public bool OneTint;

    public int[] BandStarts = [];
    public int[] Entries = [];
    public int Count;

    public void Reset(int count)
    {
        Count = count;
        if (Pixels.Length < count)
        {
            Pixels = new nint[count];
            X = new int[count];
            Y = new int[count];
        }
        Array.Clear(Pixels, 0, count);
        Shape = null;
    }

    public void SetTints(int count)
    {
        if (Tints.Length < count) Tints = new ulong[count];
    }

    public ulong Tint(int item) => Tints[OneTint ? 0 : item];

    /// <summary>Lists each placed item under every band of <paramref name="bandHeight"/> rows its stamp touches.</summary>
    public void Bin(int bands, int bandHeight, int height)
    {
        if (BandStarts.Length < bands + 1) BandStarts = new int[bands + 1];
        Array.Clear(BandStarts, 0, bands + 1);
        for (int i = 0; i < Count; i++)
        {
            if (Pixels[i] == 0) continue;
            var (first, last) = BandRange(i, bandHeight, height);
            for (int b = first; b <= last; b++) BandStarts[b + 1]++;
        }
        for (int b = 0; b < bands; b++) BandStarts[b + 1] += BandStarts[b];
        if (Entries.Length < BandStarts[bands]) Entries = new int[BandStarts[bands]];
        Span<int> cursor = bands <= 1024 ? stackalloc int[bands] : new int[bands];
        BandStarts.AsSpan(0, bands).CopyTo(cursor);
        for (int i = 0; i < Count; i++)
        {
            if (Pixels[i] == 0) continue;
            var (first, last) = BandRange(i, bandHeight, height);
            for (int b = first; b <= last; b++) Entries[cursor[b]++] = i;
        }
    }

    private (int First, int Last) BandRange(int item, int bandHeight, int height)
    {
        int top = Math.Max(0, Y[item]), bottom = Math.Min(height, Y[item] + Shape!.Size) - 1;
        return (top / bandHeight, bottom / bandHeight);
    }
}
