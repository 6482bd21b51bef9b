using RenderFarm.Core.Thumbnails;

namespace RenderFarm.Embedding.Thumbnails;

/// <summary>The thumbnails of a run, whether they came from the cache, and the items left blank.</summary>
public sealed record ThumbnailResult(ThumbnailSet Thumbnails, bool FromCache, IReadOnlyList<ThumbnailFailure> Failures);
