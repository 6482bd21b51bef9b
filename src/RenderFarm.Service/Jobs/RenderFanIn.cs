using System.Globalization;
using System.Text.Json;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using RenderFarm.Core.Artifacts;

namespace RenderFarm.Service.Jobs;

/// <summary>
/// Fan-in without Hangfire Pro's batches: a part that finishes (a chunk, an output) takes the
/// render's distributed lock from the job storage (InMemory and PostgreSQL both have one, shared by
/// every process), checks the done flags of everything the parked job waits for and, when all are
/// there and no marker says it was released yet, enqueues it and writes the marker, all under the
/// lock. Two parts finishing at once, or one delivered twice, therefore release it exactly once.
/// What was released and joined goes to <c>fan-in.log</c> beside the render's record, written under
/// the same lock, so "exactly once" can be read back rather than assumed.
/// </summary>
public sealed class RenderFanIn(JobStorage storage, IBackgroundJobClient client, RenderStore store)
{
    public const string LogName = "fan-in.log";

    /// <summary>Long enough for a busy PostgreSQL, short enough that a lock left by a killed process only delays a retry.</summary>
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Enqueues the parked job of <paramref name="stage"/> ("join movie", "finalise") when
    /// <paramref name="allDone"/> holds and it was not released before; true when this call released it.
    /// </summary>
    public bool ReleaseWhenDone(RenderRecord record, string stage, Func<bool> allDone)
    {
        using IStorageConnection connection = storage.GetConnection();
        using IDisposable held = connection.AcquireDistributedLock(LockName(record.Id), LockTimeout);
        string marker = Path.Combine(store.WorkFolder(record.Id), "released", stage.Replace(' ', '-') + ".json");
        if (File.Exists(marker) || !allDone())
        {
            return false;
        }

        // The record is saved with its job ids just after they are enqueued: a part finishing in
        // between fails and is retried, by when the ids are there.
        RenderJobRef job = Job(store.Get(record.Id), stage);
        // From Parked only: a job a cancellation deleted stays deleted.
        bool released = client.ChangeState(job.JobId, new EnqueuedState(), ParkedState.StateName);
        AtomicFile.WriteAllText(marker, JsonSerializer.Serialize(new { stage, job_id = job.JobId, released, utc = DateTimeOffset.UtcNow }));
        AppendLog(record.Id, released ? $"released {stage} (job {job.JobId})" : $"not released {stage} (job {job.JobId}): no longer parked");
        return released;
    }

    /// <summary>
    /// Runs <paramref name="commit"/> (which writes an output's marker) under the render's lock unless
    /// <paramref name="marker"/> already exists, and logs it: a join delivered twice commits once.
    /// </summary>
    public bool CommitOnce(string renderId, string marker, string what, Action commit)
    {
        using IStorageConnection connection = storage.GetConnection();
        using IDisposable held = connection.AcquireDistributedLock(LockName(renderId), LockTimeout);
        if (File.Exists(marker))
        {
            return false;
        }

        commit();
        AppendLog(renderId, what);
        return true;
    }

    /// <summary>The lines of a render's fan-in log (empty before anything was released).</summary>
    public static IReadOnlyList<string> ReadLog(RenderStore store, string renderId)
    {
        string path = Path.Combine(store.WorkFolder(renderId), LogName);
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    private static RenderJobRef Job(RenderRecord record, string stage) =>
        record.Jobs.SingleOrDefault(j => j.Stage == stage)
        ?? throw new InvalidOperationException($"render {record.Id} has no '{stage}' job in its record (yet)");

    /// <summary>One line per event, appended only under the lock, so lines never interleave.</summary>
    private void AppendLog(string renderId, string line) =>
        File.AppendAllText(
            Path.Combine(store.WorkFolder(renderId), LogName),
            string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:O} {line}{Environment.NewLine}"));

    private static string LockName(string renderId) => $"renderfarm:render:{renderId}:fan-in";
}
