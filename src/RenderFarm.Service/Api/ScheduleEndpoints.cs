using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RenderFarm.Core;
using RenderFarm.Service.Jobs;
using RenderFarm.Service.Server;

namespace RenderFarm.Service.Api;

/// <summary>POST /api/schedules {scene, cron, name?}: re-render a scene on a cron schedule when its dataset changed.</summary>
public sealed record ScheduleRequest(string? Scene, string? Cron, string? Name);

/// <summary>The API under /api/schedules: create (or replace), list, delete, fire now.</summary>
public static class ScheduleEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup("/api/schedules");
        group.MapPost("", Create);
        group.MapGet("", (ScheduleStore store) => Results.Ok(store.All()));
        group.MapGet("/{name}", (string name, ScheduleStore store) => store.Find(name) is { } s ? Results.Ok(s) : NotFound(name));
        group.MapDelete("/{name}", Delete);
        group.MapPost("/{name}/run", Run);
    }

    /// <summary>The scene is checked as a render submission is (data roots, every key, outputs), and the cron by Hangfire's parser.</summary>
    private static IResult Create(ScheduleRequest request, ScheduleStore store, RenderSubmission submission, SceneCatalog scenes, IRecurringJobManager recurringJobs)
    {
        try
        {
            if (string.IsNullOrWhiteSpace(request.Scene) || string.IsNullOrWhiteSpace(request.Cron))
            {
                throw new RenderFarmException("a schedule needs 'scene' (a scene file under a data root) and 'cron' (e.g. \"0 3 * * *\": 03:00 UTC daily).");
            }

            string scenePath = scenes.PathOf(request.Scene) ?? Path.GetFullPath(request.Scene);
            string sceneName = submission.Check(scenePath).Scene.Name;
            var schedule = new ScheduleRecord { Name = request.Name ?? sceneName, ScenePath = scenePath, Cron = request.Cron.Trim(), CreatedUtc = DateTimeOffset.UtcNow };
            ScheduleStore.CheckName(schedule.Name);
            if (store.Find(schedule.Name) is { DeclaredIn: { } declaredIn })
            {
                return DeclaredInScene(schedule.Name, declaredIn);
            }
            try
            {
                ScheduleRegistrar.Register(recurringJobs, schedule);
            }
            catch (ArgumentException e)
            {
                throw new RenderFarmException($"cron '{schedule.Cron}': {e.Message}");
            }

            store.Save(schedule);
            return Results.Created($"/api/schedules/{schedule.Name}", schedule);
        }
        catch (RenderFarmException e)
        {
            return Results.BadRequest(new ErrorView(e.Message));
        }
    }

    private static IResult Delete(string name, ScheduleStore store, IRecurringJobManager recurringJobs)
    {
        if (store.Find(name) is not { } schedule)
        {
            return NotFound(name);
        }

        if (schedule.DeclaredIn is { } declaredIn)
        {
            return DeclaredInScene(name, declaredIn);
        }

        recurringJobs.RemoveIfExists(schedule.RecurringJobId);
        store.Delete(name);
        return Results.NoContent();
    }

    /// <summary>Fires the schedule now (the same job the cron fires): for testing a schedule without waiting for it.</summary>
    private static IResult Run(string name, ScheduleStore store, IRecurringJobManager recurringJobs)
    {
        if (store.Find(name) is not { } schedule)
        {
            return NotFound(name);
        }

        recurringJobs.Trigger(schedule.RecurringJobId);
        return Results.Accepted($"/api/schedules/{name}", schedule);
    }

    /// <summary>The scene file is the truth for its schedule: start-up would bring back what the API changed.</summary>
    private static IResult DeclaredInScene(string name, string path) =>
        Results.Conflict(new ErrorView($"schedule '{name}' is declared by the schedule: key of {path}; edit or remove it there and restart the server."));

    private static IResult NotFound(string name) => Results.NotFound(new ErrorView($"no schedule '{name}'."));
}
