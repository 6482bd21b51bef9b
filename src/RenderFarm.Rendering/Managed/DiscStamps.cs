namespace RenderFarm.Rendering.Managed;

/// <summary>
/// Coverage masks of flat discs of one diameter, per sub-pixel phase of the centre: what
/// points.frag computes per fragment (radius − distance + ½, clamped), computed once.
/// </summary>
internal sealed class DiscStamps
{
    private readonly Stamp[] _stamps;

    public DiscStamps(float diameterPx, int phases)
    {
        DiameterPx = diameterPx;
        Phases = phases;
        float radius = diameterPx / 2;
        Reach = (int)MathF.Ceiling(radius + 1);
        _stamps = new Stamp[phases * phases];
        int length = Stamp.Length(Footprint, hasColor: false, hasMask: true);
        var memory = new StampMemory((long)_stamps.Length * length);
        for (int p = 0; p < _stamps.Length; p++)
            _stamps[p] = Make(radius, (p % phases + 0.5f) / phases, (p / phases + 0.5f) / phases, memory, (long)p * length);
    }

    public float DiameterPx { get; }
    public int Phases { get; }

    /// <summary>Pixels from the centre's pixel to the stamp's first column and row.</summary>
    public int Reach { get; }

    public int Footprint => 2 * Reach + 1;

    public Stamp Get(int phase) => _stamps[phase];

    public static int FootprintFor(float diameterPx) => 2 * (int)MathF.Ceiling(diameterPx / 2 + 1) + 1;

    private Stamp Make(float radius, float fx, float fy, StampMemory memory, long offset)
    {
        int n = Footprint;
        var stamp = new Stamp(n, hasColor: false, hasMask: true, memory, offset);
        for (int row = 0; row < n; row++)
        {
            float dy = row - Reach + 0.5f - fy; // centre at fx, fy within its pixel
            for (int col = 0; col < n; col++)
            {
                float dx = col - Reach + 0.5f - fx;
                float coverage = Math.Clamp(radius - MathF.Sqrt(dx * dx + dy * dy) + 0.5f, 0f, 1f);
                stamp.SetMask(row, col, coverage);
            }
        }
        return stamp;
    }
}
