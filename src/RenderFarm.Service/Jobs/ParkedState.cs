using Hangfire.States;

namespace RenderFarm.Service.Jobs;

/// <summary>
/// The state of a fan-in job (a video's join, a render's finalise) from the render's submission
/// until the last part it waits for is done: created up front so GET /api/renders/{id} lists it and
/// DELETE deletes it with the rest, but fetched by no worker. Hangfire's continuations wait for one
/// parent only and its batches are paid, so <see cref="RenderFanIn"/> moves it to Enqueued, once,
/// from this state only: a job deleted by a cancellation is never enqueued again.
/// </summary>
public sealed class ParkedState(string reason) : IState
{
    public const string StateName = "Parked";

    public string Name => StateName;

    public string Reason { get; } = reason;

    public bool IsFinal => false;

    public bool IgnoreJobLoadException => false;

    public Dictionary<string, string> SerializeData() => [];
}
