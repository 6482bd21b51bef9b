using RenderFarm.Core.IO;

namespace RenderFarm.Layouts.Alignment;

/// <summary>
/// The similarity transform taking the moving layout onto the reference, the moved copy, and the
/// root-mean-square distance between matching points after the move (in reference units).
/// </summary>
public sealed record ProcrustesResult(ProcrustesTransform Transform, Matrix Aligned, double RmsError);
