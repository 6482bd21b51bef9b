using Hangfire;
using RenderFarm.Core.Scenes;
using RenderFarm.Service.Api;
using RenderFarm.Service.Renders;

namespace RenderFarm.Service.Jobs;

/// <summary>
/// What a schedule's recurring job does when it fires: nothing while the previous render is still
/// running (runs are skipped, not stacked), nothing when the dataset is unchanged since the last
/// render that succeeded, otherwise it submits a render of the scene as POST /api/renders would.
/// </summary>
public sealed class ScheduledRenderJob(ScheduleStore schedules, RenderStore renders, RenderSubmission submission, JobStorage storage)
{
    [Queue(RenderJobs.LightQueue)]
    [AutomaticRetry(Attempts = 0)]
    // A manual firing and the cron at the same moment must not both submit: a storage-wide lock.
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public void Run(string name)
    {
        ScheduleRecord schedule = schedules.Find(name) ?? throw new InvalidOperationException($"schedule '{name}' has no file under {schedules.Root}");
        RenderStatus? last = LastStatus(schedule);
        string outcome;
        string? datasetHash = schedule.LastDatasetHash;
        string? renderId = schedule.LastRenderId;
        if (last is { IsFinished: false })
        {
            outcome = $"skipped: render {schedule.LastRenderId} is still {last.State}";
        }
        else
        {
            try
            {
                (datasetHash, renderId, outcome) = RenderIfChanged(schedule, last);
            }
            catch (RenderFarm.Core.RenderFarmException e)
            {
                // The scene or its data went bad since the schedule was made: say so where GET /api/schedules shows it.
                outcome = "failed: " + e.Message;
            }
        }

        schedules.Save(schedule with { LastDatasetHash = datasetHash, LastRenderId = renderId, LastCheckedUtc = DateTimeOffset.UtcNow, LastOutcome = outcome });
    }

    /// <summary>A failed or cancelled last render is redone even when the dataset is the same.</summary>
    private (string? DatasetHash, string? RenderId, string Outcome) RenderIfChanged(ScheduleRecord schedule, RenderStatus? last)
    {
        string current = DatasetFingerprint.Of(SceneLoader.Load(schedule.ScenePath));
        if (current == schedule.LastDatasetHash && last?.State == RenderStatus.Succeeded)
        {
            return (schedule.LastDatasetHash, schedule.LastRenderId, "skipped: dataset unchanged");
        }

        RenderRecord started = submission.Submit(new RenderRequest(schedule.ScenePath, null));
        return (current, started.Id, $"rendering {started.Id}");
    }

    private RenderStatus? LastStatus(ScheduleRecord schedule) =>
        schedule.LastRenderId is { } id && renders.Find(id) is { } record
            ? RenderStatus.Read(storage, record, File.Exists(Path.Combine(record.RunFolder, RenderManifest.FileName)))
            : null;
}
