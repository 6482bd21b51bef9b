namespace RenderFarm.Layouts.Grids;

/// <summary>How <see cref="GridSnapper"/> assigns points to cells.</summary>
public enum GridSnapMethod
{
    /// <summary>Exact up to <see cref="GridSnapOptions.ExactLimit"/> points, scalable above.</summary>
    Auto,

    /// <summary>The minimum total squared displacement (Jonker–Volgenant over the whole grid).</summary>
    Exact,

    /// <summary>A sorted deal refined by exact solves within shifted square tiles of the grid.</summary>
    Scalable,
}
