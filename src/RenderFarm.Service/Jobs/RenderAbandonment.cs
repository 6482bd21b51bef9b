using Hangfire;
using Hangfire.Server;
using Hangfire.States;
using Hangfire.Storage;
using RenderFarm.Core;

namespace RenderFarm.Service.Jobs;

/// <summary>
/// What happens to the rest of a render when one of its jobs fails for good. Hangfire leaves the
/// continuations of a failed job awaiting (a failure can be retried by hand) and nothing would ever
/// release the parked joins and finalise, so they stayed in storage for ever, and a video's other
/// chunks went on rendering frames no join would take. The failing job deletes every unfinished job
/// of its render, as DELETE /api/renders/{id} does, and then fails itself: the render reads
/// "failed" with that job's error.
/// </summary>
public sealed class RenderAbandonment(RenderStore store, JobStorage storage, IBackgroundJobClient client)
{
    /// <summary>Retries of every render job (after 5 and 30 s).</summary>
    public const int Retries = 2;

    /// <summary>
    /// Whether <paramref name="failure"/> ends the job for good: a user error (bad scene, no device,
    /// no ffmpeg: the job's AutomaticRetry does not retry those) or the last of its retries.
    /// </summary>
    public static bool IsFinal(Exception failure, PerformContext? context) =>
        failure is RenderFarmException or Rendering.RenderingException or Encoding.EncodingException
        || (context?.GetJobParameter<int>("RetryCount") ?? 0) >= Retries;

    public void DeleteTheRest(string renderId, string? failedJobId)
    {
        if (store.Find(renderId) is not { } record)
        {
            return;
        }

        using IStorageConnection connection = storage.GetConnection();
        foreach (RenderJobRef job in record.Jobs.Where(j => j.JobId != failedJobId))
        {
            string? state = connection.GetStateData(job.JobId)?.Name;
            if (state != SucceededState.StateName && state != DeletedState.StateName && state != FailedState.StateName)
            {
                client.Delete(job.JobId);
            }
        }
    }
}
