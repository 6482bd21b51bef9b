using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace RenderFarm.Service.Jobs;

/// <summary>One job of a render as the API shows it.</summary>
public sealed record JobStatus(string Stage, string JobId, string State, JobProgressSnapshot? Progress);

/// <summary>
/// A render's state, read live from its jobs' Hangfire states and progress parameters:
/// queued → running → succeeded, or failed (a job failed after its retries), or cancelling →
/// cancelled (cancelled only once no job of the chain is still executing). A join or finalise
/// still <see cref="ParkedState">parked</see> counts as neither queued nor running: it waits for
/// the jobs before it. The stage shown is the first running job's, or while a video's chunks run
/// (on several workers at once), the video's over all its chunks (<see cref="ChunkedVideoProgress"/>).
/// </summary>
public sealed record RenderStatus(string State, string? Stage, double? Percent, double? EtaSeconds, string? Error, IReadOnlyList<JobStatus> Jobs)
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelling = "cancelling";
    public const string Cancelled = "cancelled";

    public bool IsFinished => State is Succeeded or Failed or Cancelled;

    /// <summary>
    /// <paramref name="manifestWritten"/>: the run folder has its manifest, which the finalise job
    /// writes last; it settles "succeeded" after Hangfire has expired the jobs or (in-memory
    /// storage) restarted.
    /// </summary>
    public static RenderStatus Read(JobStorage storage, RenderRecord record, bool manifestWritten)
    {
        using IStorageConnection connection = storage.GetConnection();
        var jobs = new List<JobStatus>();
        string? error = null;
        foreach (RenderJobRef job in record.Jobs)
        {
            StateData? state = connection.GetStateData(job.JobId);
            string? raw = connection.GetJobParameter(job.JobId, JobProgress.Parameter);
            JobProgressSnapshot? progress = raw is null ? null : SerializationHelper.Deserialize<JobProgressSnapshot>(raw, SerializationOption.User);
            string name = state?.Name ?? "Unknown";
            jobs.Add(new JobStatus(job.Stage, job.JobId, name, progress));
            if (name == FailedState.StateName && error is null)
            {
                error = $"{job.Stage}: {Data(state, "ExceptionMessage") ?? state?.Reason ?? "failed"}";
            }
        }

        // A job counts as executing while its progress is not marked ended and the server that ran
        // it is alive: a worker killed mid-job never marks its progress, and Hangfire forgets the
        // dead server after its timeout.
        bool executing = jobs.Any(j => j.Progress is { Ended: false } && RunsOnLiveServer(storage, j.JobId));
        if (error is not null)
        {
            return new RenderStatus(Failed, null, null, null, error, jobs);
        }

        if (record.CancelRequestedUtc is not null)
        {
            return new RenderStatus(executing ? Cancelling : Cancelled, null, null, null, null, jobs);
        }

        if (manifestWritten || (jobs.Count > 0 && jobs[^1].State == SucceededState.StateName))
        {
            return new RenderStatus(Succeeded, null, 100, 0, null, jobs);
        }

        // Deleted from the dashboard rather than through the API; not while a job is still processing:
        // a job failing for good deletes the rest of its render a moment before it turns Failed itself.
        if (jobs.Any(j => j.State == DeletedState.StateName) && !jobs.Any(j => j.State == ProcessingState.StateName))
        {
            return new RenderStatus(executing ? Cancelling : Cancelled, null, null, null, null, jobs);
        }

        JobStatus? current = jobs.FirstOrDefault(j => j.State == ProcessingState.StateName || j.State == ScheduledState.StateName);
        if (current is null)
        {
            bool started = jobs.Any(j => j.State == SucceededState.StateName);
            return new RenderStatus(started ? Running : Queued, null, null, null, null, jobs);
        }

        // Once a chunk draws frames (its progress is live); before that its stage is its own label.
        if (current.State == ProcessingState.StateName && current.Progress is { Ended: false } && ChunkedVideoProgress.Of(current, jobs) is { } video)
        {
            return new RenderStatus(Running, video.Stage, video.Percent, video.EtaSeconds, null, jobs);
        }

        string stage = current.State == ScheduledState.StateName
            ? $"{current.Stage} (waiting to retry)"
            : current.Progress is { Ended: false } p && p.Stage.Length > 0 ? p.Stage : current.Stage;
        JobProgressSnapshot? live = current.Progress is { Ended: false } ? current.Progress : null;
        return new RenderStatus(Running, stage, live?.Percent, live?.EtaSeconds, null, jobs);
    }

    private static bool RunsOnLiveServer(JobStorage storage, string jobId)
    {
        IMonitoringApi monitoring = storage.GetMonitoringApi();
        var processing = monitoring.JobDetails(jobId)?.History
            .OrderByDescending(h => h.CreatedAt)
            .FirstOrDefault(h => h.StateName == ProcessingState.StateName);
        return processing?.Data is { } data && data.TryGetValue("ServerId", out string? server)
            && monitoring.Servers().Any(s => s.Name == server);
    }

    private static string? Data(StateData? state, string key) =>
        state?.Data is { } data && data.TryGetValue(key, out string? value) ? value : null;
}
