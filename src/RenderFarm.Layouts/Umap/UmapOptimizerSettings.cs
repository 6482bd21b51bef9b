namespace RenderFarm.Layouts.Umap;

/// <summary>The numbers one optimisation run needs, resolved from <see cref="UmapOptions"/> (or umap's transform rules).</summary>
internal sealed record UmapOptimizerSettings(
    int Dims,
    float A,
    float B,
    float Gamma,
    int NegativeSampleRate,
    float LearningRate,
    int Epochs,
    bool MoveOther,
    bool Deterministic,
    ulong Seed);
