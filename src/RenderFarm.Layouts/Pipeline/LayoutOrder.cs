using RenderFarm.Core.Scenes;

namespace RenderFarm.Layouts.Pipeline;

/// <summary>Orders layouts so that every grid's source and every alignment target comes first (the scene loader has ruled out cycles).</summary>
internal static class LayoutOrder
{
    public static IReadOnlyList<LayoutSpec> Sort(IReadOnlyList<LayoutSpec> layouts)
    {
        var byName = layouts.ToDictionary(l => l.Name, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<LayoutSpec>(layouts.Count);
        foreach (LayoutSpec layout in layouts)
        {
            Visit(layout);
        }

        return order;

        void Visit(LayoutSpec layout)
        {
            if (done.Contains(layout.Name))
            {
                return;
            }

            foreach (string? dependency in new[] { layout.Source, layout.AlignTo })
            {
                if (dependency is not null)
                {
                    Visit(byName[dependency]);
                }
            }

            done.Add(layout.Name);
            order.Add(layout);
        }
    }
}
