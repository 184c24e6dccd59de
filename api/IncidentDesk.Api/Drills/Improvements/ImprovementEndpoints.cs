using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.Improvements.ChangingStatus;
using IncidentDesk.Api.Drills.Improvements.Creating;
using IncidentDesk.Api.Drills.Improvements.Editing;
using IncidentDesk.Api.Drills.Improvements.GettingImprovements;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IncidentDesk.Api.Drills.Improvements;

/// <summary>
/// The improvement item route table. Every signed-in account may call it; the rules per role are in the handlers:
/// responders and admins create and edit, the owner (any role) and they change status, executives read, a reporter sees
/// only the items they own. Commands carry the version read (If-Match) and answer the new ETag.
/// </summary>
public static class ImprovementEndpoints
{
    public static IEndpointRouteBuilder MapImprovements(this IEndpointRouteBuilder app)
    {
        var items = app.MapGroup("/api/drills/improvements").WithTags("Drills").RequireAuthorization();
        items.MapGet("/", async Task<Ok<ImprovementItemList>> (HttpContext http, IMediator m, CancellationToken ct,
                string? status, Guid? ownerId, Guid? runId, string? scenarioId, Guid? exerciseId, bool? mine) =>
                TypedResults.Ok(await m.Send(new ListImprovementItems(Caller.From(http.User), status, ownerId, runId, scenarioId, exerciseId, mine ?? false), ct)))
            .WithName("ListImprovementItems")
            .WithSummary("Improvement items: filter by status (or 'active'), owner, run, scenario, exercise, mine; reporters see only their own");
        items.MapPost("/", async Task<Created<ImprovementItemView>> (
                [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CreateImprovementRequest? body, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var view = await m.Send(new CreateImprovementItem(body ?? throw ValidationFailed.For("body", "is required"), Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, view.Version);
                return TypedResults.Created($"/api/drills/improvements/{view.Id}", view);
            })
            .WithName("CreateImprovementItem").WithSummary("Record an improvement item from a drill run or exercise (responders and admins); reminders are set");
        items.MapGet("/{id:guid}", async Task<Ok<ImprovementItemView>> (Guid id, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var view = await m.Send(new GetImprovementItem(id, Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, view.Version);
                return TypedResults.Ok(view);
            })
            .WithName("GetImprovementItem").WithSummary("One improvement item with its history and reminders; ETag is its version");
        items.MapPatch("/{id:guid}", async Task<Ok<ImprovementItemView>> (
                Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] EditImprovementRequest? body, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var expected = Versions.ExpectedFrom(http.Request);
                var view = await m.Send(new EditImprovementItem(id, expected, body ?? throw ValidationFailed.For("body", "is required"), Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, view.Version);
                return TypedResults.Ok(view);
            })
            .WithName("EditImprovementItem").WithSummary("Edit title, detail, owner, due date or playbook step (responders and admins); If-Match");
        items.MapPost("/{id:guid}/status", async Task<Ok<ImprovementItemView>> (
                Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ChangeImprovementStatusRequest? body, HttpContext http, IMediator m,
                CancellationToken ct) =>
            {
                var expected = Versions.ExpectedFrom(http.Request);
                var view = await m.Send(new ChangeImprovementStatus(id, expected, body ?? throw ValidationFailed.For("body", "is required"), Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, view.Version);
                return TypedResults.Ok(view);
            })
            .WithName("ChangeImprovementStatus").WithSummary("Move an item open → in-progress → done → verified (the owner, responders, admins); If-Match");
        return app;
    }

    public static IServiceCollection AddImprovements(this IServiceCollection services)
    {
        services.AddSingleton<EventStore.IInlineProjection, ImprovementProjection>();
        services.AddSingleton<ImprovementFacts>();
        services.AddSingleton<ImprovementViews>();
        services.AddScoped<Timers.ITimerPurpose, ImprovementDueTimer>();
        return services;
    }
}
