namespace RenderFarm.Layouts.Tsne;

/// <summary>
/// A 3-D octree over a point set for Barnes-Hut: each node keeps its cell side, the number of
/// points below it and their centre of mass. Built top-down by partitioning index ranges, so the
/// structure is a flat array (no per-node objects) and the same points always give the same tree.
/// </summary>
internal sealed class Octree
{
    /// <summary>Deeper cells only split coincident points apart, which never happens: stop and keep them in one leaf.</summary>
    private const int MaxDepth = 40;

    private readonly List<Node> nodes = [];
    private readonly int[] order;
    private readonly double[] points;

    public Octree(double[] points)
    {
        this.points = points;
        int n = points.Length / 3;
        order = Enumerable.Range(0, n).ToArray();
        Span<double> lo = [double.MaxValue, double.MaxValue, double.MaxValue];
        Span<double> hi = [double.MinValue, double.MinValue, double.MinValue];
        for (int i = 0; i < n; i++)
        {
            for (int d = 0; d < 3; d++)
            {
                lo[d] = Math.Min(lo[d], points[(3 * i) + d]);
                hi[d] = Math.Max(hi[d], points[(3 * i) + d]);
            }
        }

        double side = Math.Max(Math.Max(hi[0] - lo[0], hi[1] - lo[1]), Math.Max(hi[2] - lo[2], 1e-9)) * (1 + 1e-9);
        nodes.Add(default);
        nodes[0] = Build(0, n, lo[0] + (side / 2), lo[1] + (side / 2), lo[2] + (side / 2), side, 0);
    }

    /// <summary>A cell: side, count and centre of mass; children [FirstChild, FirstChild + ChildCount) or points order[Start, Start + Count) for a leaf.</summary>
    private readonly record struct Node(double Side, int Count, double X, double Y, double Z, int FirstChild, int ChildCount, int Start);

    /// <summary>
    /// Barnes-Hut sums for point i: a cell seen at an angle side/distance below θ counts as its
    /// points all at the centre of mass. Returns Σⱼ wᵢⱼ and adds Σⱼ wᵢⱼ²(yᵢ − yⱼ) to force.
    /// </summary>
    public double Repel(int i, double theta, Span<double> force)
    {
        double px = points[3 * i], py = points[(3 * i) + 1], pz = points[(3 * i) + 2];
        double z = 0;
        Span<int> stack = stackalloc int[(8 * MaxDepth) + 8];
        int top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            Node node = nodes[stack[--top]];
            double dx = px - node.X, dy = py - node.Y, dz = pz - node.Z;
            double d2 = (dx * dx) + (dy * dy) + (dz * dz);
            if (node.ChildCount == 0)
            {
                for (int s = node.Start; s < node.Start + node.Count; s++)
                {
                    int j = order[s];
                    if (j != i)
                    {
                        z += Pair(px - points[3 * j], py - points[(3 * j) + 1], pz - points[(3 * j) + 2], 1, force);
                    }
                }
            }
            else if (node.Side * node.Side < theta * theta * d2)
            {
                z += Pair(dx, dy, dz, node.Count, force);
            }
            else
            {
                for (int c = 0; c < node.ChildCount; c++)
                {
                    stack[top++] = node.FirstChild + c;
                }
            }
        }

        return z;
    }

    private static double Pair(double dx, double dy, double dz, int count, Span<double> force)
    {
        double w = 1 / (1 + (dx * dx) + (dy * dy) + (dz * dz));
        double q = count * w * w;
        force[0] += q * dx;
        force[1] += q * dy;
        force[2] += q * dz;
        return count * w;
    }

    private Node Build(int start, int count, double cx, double cy, double cz, double side, int depth)
    {
        double sx = 0, sy = 0, sz = 0;
        for (int s = start; s < start + count; s++)
        {
            int p = order[s];
            sx += points[3 * p];
            sy += points[(3 * p) + 1];
            sz += points[(3 * p) + 2];
        }

        if (count <= 1 || depth >= MaxDepth)
        {
            return new Node(side, count, sx / count, sy / count, sz / count, 0, 0, start);
        }

        Span<int> bounds = stackalloc int[9];
        Partition(start, count, cx, cy, cz, bounds);
        int first = nodes.Count;
        var occupied = new List<int>();
        for (int o = 0; o < 8; o++)
        {
            if (bounds[o + 1] > bounds[o])
            {
                occupied.Add(o);
                nodes.Add(default);
            }
        }

        double q = side / 4;
        for (int c = 0; c < occupied.Count; c++)
        {
            int o = occupied[c];
            nodes[first + c] = Build(
                start + bounds[o], bounds[o + 1] - bounds[o],
                cx + ((o & 1) != 0 ? q : -q), cy + ((o & 2) != 0 ? q : -q), cz + ((o & 4) != 0 ? q : -q), side / 2, depth + 1);
        }

        return new Node(side, count, sx / count, sy / count, sz / count, first, occupied.Count, start);
    }

    /// <summary>Counting-sorts order[start, start + count) by octant; bounds[o] is where octant o begins (relative).</summary>
    private void Partition(int start, int count, double cx, double cy, double cz, Span<int> bounds)
    {
        var octant = new int[count];
        bounds.Clear();
        for (int s = 0; s < count; s++)
        {
            int p = order[start + s];
            int o = (points[3 * p] >= cx ? 1 : 0) | (points[(3 * p) + 1] >= cy ? 2 : 0) | (points[(3 * p) + 2] >= cz ? 4 : 0);
            octant[s] = o;
            bounds[o + 1]++;
        }

        for (int o = 0; o < 8; o++)
        {
            bounds[o + 1] += bounds[o];
        }

        var sorted = new int[count];
        Span<int> next = stackalloc int[8];
        bounds[..8].CopyTo(next);
        for (int s = 0; s < count; s++)
        {
            sorted[next[octant[s]]++] = order[start + s];
        }

        sorted.CopyTo(order, start);
    }
}
