using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RenderFarm.Core.Scenes;
using RenderFarm.Service.Jobs;

namespace RenderFarm.Service.Api;

/// <summary>GET /api/scenes and /api/scenes/{name}: the scenes folder, each file loaded and checked as a render would load it, with its schedule.</summary>
public static class SceneEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/scenes");
        group.MapGet("", (SceneCatalog scenes, ScheduleStore schedules, JobStorage storage) =>
        {
            IReadOnlyList<RecurringJobDto> jobs = RecurringJobs(storage);
            return Results.Ok(scenes.Load().Select(file => View(file, schedules, jobs)).ToArray());
        });
        group.MapGet("/{name}", (string name, SceneCatalog scenes, ScheduleStore schedules, JobStorage storage) =>
            scenes.PathOf(name) is { } path
                ? Results.Ok(View(SceneCatalog.Load(path), schedules, RecurringJobs(storage)))
                : Results.NotFound(new ErrorView($"no scene '{name}' in {scenes.Folder} (a scene's name is its file name without .yaml, .yml or .json; GET /api/scenes lists them).")));
    }

    private static SceneView View(SceneFile file, ScheduleStore schedules, IReadOnlyList<RecurringJobDto> jobs)
    {
        if (file.Scene is not { } scene)
        {
            return new SceneView(file.Name, file.Path, null, null, null, [], [], null, file.Error);
        }

        return new SceneView(
            file.Name, file.Path, scene.Name, scene.Description,
            new DatasetView(KebabCase(scene.Dataset.Kind.ToString()), scene.Dataset.Path, scene.Dataset.Limit),
            scene.Layouts.Select(l => new LayoutView(l.Name, l.Method.ToString().ToLowerInvariant())).ToArray(),
            scene.Outputs.Select(o => new OutputView(o.Name, o.Kind.ToString().ToLowerInvariant(), o.Width, o.Height, o.FileName)).ToArray(),
            scene.Schedule is { } spec ? Schedule(file, spec, schedules, jobs) : null,
            null);
    }

    /// <summary>The record start-up made from this file's key (none until the next start) and Hangfire's next firing.</summary>
    private static ScheduleView Schedule(SceneFile file, ScheduleSpec spec, ScheduleStore schedules, IReadOnlyList<RecurringJobDto> jobs)
    {
        ScheduleRecord? record = schedules.Find(file.Name) is { } found && found.DeclaredIn == file.Path ? found : null;
        RecurringJobDto? job = record is null ? null : jobs.FirstOrDefault(j => j.Id == record.RecurringJobId);
        bool registered = job is not null && job.Cron == spec.Cron && record!.TimeZone == spec.TimeZone;
        return new ScheduleView(spec.Cron, spec.TimeZone, registered, registered ? ToUtc(job!.NextExecution) : null,
            record?.LastOutcome, record?.LastRenderId, record?.LastCheckedUtc);
    }

    private static IReadOnlyList<RecurringJobDto> RecurringJobs(JobStorage storage)
    {
        using IStorageConnection connection = storage.GetConnection();
        return connection.GetRecurringJobs();
    }

    /// <summary>Hangfire stores times as UTC DateTimes.</summary>
    private static DateTimeOffset? ToUtc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    /// <summary>ImageFolder → image-folder: the words scene files use.</summary>
    private static string KebabCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
