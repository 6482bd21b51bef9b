namespace RenderFarm.Service.Jobs;

/// <summary>
/// What the service knows about one render beyond Hangfire: the scene it renders, where its files
/// go and the ids of its jobs. Written as <c>OUTPUT/.renders/&lt;id&gt;/render.json</c> (see
/// <see cref="RenderStore"/>); the state itself is read live from the jobs.
/// </summary>
public sealed record RenderRecord
{
    public required string Id { get; init; }

    /// <summary>The scene's name: the run folder is OUTPUT/&lt;scene&gt;/&lt;id&gt;/.</summary>
    public required string Scene { get; init; }

    /// <summary>The scene file the jobs load: the submitted path, or the saved copy of an inline scene.</summary>
    public required string ScenePath { get; init; }

    public required string SceneSha256 { get; init; }

    /// <summary>Output names in the order their jobs run.</summary>
    public required IReadOnlyList<string> Outputs { get; init; }

    public required string RunFolder { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    /// <summary>
    /// The run folder <c>latest</c> pointed at when the render was submitted, which its layouts start
    /// from (null: none, a first run). Fixed at submission, not read by each job: another render of
    /// the scene finishing meanwhile moves <c>latest</c>, and jobs (a video's chunks on several
    /// workers) that started from different runs would draw different layouts.
    /// </summary>
    public string? PreviousRunFolder { get; init; }

    /// <summary>
    /// The jobs, in order: embed, layouts, per output its job (posters) or its chunks and parked join
    /// (videos), the parked finalise. Empty until enqueued.
    /// </summary>
    public IReadOnlyList<RenderJobRef> Jobs { get; init; } = [];

    public DateTimeOffset? CancelRequestedUtc { get; init; }
}

/// <summary>One job of a render: its stage ("embed", "layouts", "output poster", "chunk movie 2/5", "join movie", "finalise") and Hangfire job id.</summary>
public sealed record RenderJobRef(string Stage, string JobId);
