namespace RenderFarm.Layouts.Neighbors;

/// <summary>A pair found closer than one of its ends' current worst neighbour, waiting to be applied to both heaps.</summary>
internal readonly record struct JoinUpdate(int First, int Second, float Distance);
