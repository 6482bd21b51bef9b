using System.Numerics;
using RenderFarm.Core.Cameras;

namespace RenderFarm.Rendering.Frames;

/// <summary>
/// The back-to-front drawing order of a 3-D layer's items, so blended sphere and sprite edges
/// composite over whatever lies behind them (the painter's algorithm). The scratch arrays belong to
/// one renderer and grow only when a frame brings more items than before.
/// </summary>
internal sealed class DepthOrder
{
    private float[] _keys = [];
    private int[] _order = [];
    private readonly Comparison<int> _farthestFirst;

    public DepthOrder()
    {
        // Ties fall back to the item index so equal depths draw in the order given: the sort is
        // unstable, and this keeps frames deterministic whatever the sort's internal order.
        _farthestFirst = (a, b) =>
        {
            int byDepth = _keys[a].CompareTo(_keys[b]);
            return byDepth != 0 ? byDepth : a.CompareTo(b);
        };
    }

    public ReadOnlySpan<int> BackToFront(FrameLayer layer, PerspectiveCamera camera)
    {
        int n = layer.Count;
        if (n < 2) return default;
        if (_keys.Length < n)
        {
            _keys = new float[n];
            _order = new int[n];
        }
        var forward = Vector3.Normalize(camera.Target - camera.Eye);
        var positions = layer.Positions.Span;
        int dims = layer.Dimensions;
        var keys = _keys.AsSpan(0, n);
        var order = _order.AsSpan(0, n);
        for (int i = 0; i < n; i++)
        {
            var p = new Vector3(positions[i * dims], positions[i * dims + 1], dims == 3 ? positions[i * dims + 2] : 0);
            keys[i] = -Vector3.Dot(p - camera.Eye, forward); // farthest first
            order[i] = i;
        }
        order.Sort(_farthestFirst);
        return order;
    }
}
