using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Decisions.AnsweringInfo;
using IncidentDesk.Api.Decisions.AskingInfo;
using IncidentDesk.Api.Decisions.Deciding;
using IncidentDesk.Api.Decisions.GettingDecisions;
using IncidentDesk.Api.Decisions.Requesting;
using IncidentDesk.Api.Decisions.Superseding;
using IncidentDesk.Api.Decisions.Withdrawing;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IncidentDesk.Api.Decisions;

public sealed record DecisionKindList(IReadOnlyList<DecisionKindTemplate> Items);

/// <summary>
/// The decision route table. Staff only (reporters are refused every route); Executives decide, ask for information and
/// supersede; responders and admins request, answer and withdraw. Commands carry the version read (If-Match) and
/// answer the new ETag.
/// </summary>
public static class DecisionEndpoints
{
    public static IEndpointRouteBuilder MapDecisions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/incidents/{id:guid}/decisions", async Task<Created<DecisionDetail>> (
                Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RequestDecisionRequest? body, HttpContext http, IMediator m,
                CancellationToken ct) =>
            {
                var detail = await m.Send(new RequestDecision(id, body ?? throw ValidationFailed.For("body", "is required"), Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, detail.Version);
                return TypedResults.Created($"/api/decisions/{detail.Id}", detail);
            })
            .WithTags("Decisions").RequireAuthorization(Policies.WorksIncidents)
            .WithName("RequestDecision").WithSummary("Ask the executives for a decision (responders and admins); mails each approver");

        var decisions = app.MapGroup("/api/decisions").WithTags("Decisions").RequireAuthorization(Policies.SeesAllIncidents);
        decisions.MapGet("/kinds", () => TypedResults.Ok(new DecisionKindList(DecisionKinds.All)))
            .WithName("ListDecisionKinds").WithSummary("The kinds of decision with their pre-written question, options (safe marks) and guidance, ja and en");
        decisions.MapGet("/", async Task<Ok<DecisionList>> (
                HttpContext http, IMediator m, CancellationToken ct, string? status, string? kind, Guid? incident,
                DateTimeOffset? from, DateTimeOffset? to, bool? awaitingMe,
                [AllowedValues("real", "drill", "all")] string? incidentKind) =>
                TypedResults.Ok(await m.Send(new ListDecisions(Caller.From(http.User), status,
                    EnumNames.ParseQuery<DecisionKind>("kind", kind), incident, from, to, awaitingMe ?? false)
                {
                    IncidentKind = EnumNames.ParseQuery<Incidents.IncidentKind>("incidentKind", incidentKind),
                }, ct)))
            .WithName("ListDecisions")
            .WithSummary("Decision log: filter by status (or 'open'), kind, incident, period (from..to of the request); awaitingMe for an Executive's desk; " +
                         "real incidents' requests unless incidentKind=drill|all (or an incident is named)");
        decisions.MapGet("/{id:guid}", async Task<Ok<DecisionDetail>> (Guid id, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var detail = await m.Send(new GetDecision(id, Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, detail.Version);
                return TypedResults.Ok(detail);
            })
            .WithName("GetDecision").WithSummary("One decision request with what was shown, every decision and the outcome; ETag is its version");

        Command<DecideRequest>(decisions, "/decide", "DecideDecision", "An approver (or deputy once escalated) decides: option, conditions, rationale",
            (id, v, b, c) => new DecideDecision(id, v, b, c));
        Command<AskInfoRequest>(decisions, "/ask-info", "AskDecisionInfo", "An approver asks the requester for information before deciding",
            (id, v, b, c) => new AskInfo(id, v, b, c));
        Command<AnswerInfoRequest>(decisions, "/answer-info", "AnswerDecisionInfo", "A responder or admin answers an approver's question",
            (id, v, b, c) => new AnswerInfo(id, v, b, c));
        Command<WithdrawRequest>(decisions, "/withdraw", "WithdrawDecision", "The requester's side withdraws an open request, with a reason",
            (id, v, b, c) => new WithdrawDecision(id, v, b, c));
        Command<SupersedeRequest>(decisions, "/supersede", "SupersedeDecision", "An Executive replaces the outcome with a new decision and a reason",
            (id, v, b, c) => new SupersedeDecision(id, v, b, c));
        return app;
    }

    private static void Command<TBody>(RouteGroupBuilder group, string path, string name, string summary,
        Func<Guid, long, TBody, Caller, IRequest<DecisionDetail>> command) where TBody : class
    {
        group.MapPost("/{id:guid}" + path, async Task<Ok<DecisionDetail>> (
                Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] TBody? body, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var expected = Versions.ExpectedFrom(http.Request);
                var detail = await m.Send(command(id, expected, body ?? throw ValidationFailed.For("body", "is required"), Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, detail.Version);
                return TypedResults.Ok(detail);
            })
            .WithName(name).WithSummary(summary);
    }
}

/// <summary>
/// An incident's decision requests on its timeline (staff only): each request's stream and its notice stream
/// (reminders, escalations and the messages with their delivery).
/// </summary>
internal sealed class DecisionTimelineSource(Npgsql.NpgsqlDataSource db) : Incidents.GettingTimeline.IIncidentTimelineSource
{
    public string Stream => DecisionEventTypes.StreamType;

    public async Task<IReadOnlyList<Guid>> StreamIdsAsync(Guid incidentId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select decision_id from decision_requests where incident_id = $1");
        cmd.Parameters.AddWithValue(incidentId);
        var ids = new List<Guid>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var id = r.GetGuid(0);
            ids.Add(id);
            ids.Add(DecisionNotices.StreamIdFor(id));
        }
        return ids;
    }
}

/// <summary>A decision step with a request pending is held by it: the stage gate's 409 names the request.</summary>
internal sealed class PendingDecisionSteps(Npgsql.NpgsqlDataSource db) : Incidents.Advancing.IStepHolds
{
    public async Task<IReadOnlyDictionary<string, string>> ForAsync(Guid incidentId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select step_id, decision_id, needed_by from decision_requests " +
                                               "where incident_id = $1 and step_id is not null and status in ('requested', 'info_asked')");
        cmd.Parameters.AddWithValue(incidentId);
        var held = new Dictionary<string, string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            held[r.GetString(0)] = $"decision request {r.GetGuid(1)} is pending with the executives (needed by {r.GetFieldValue<DateTimeOffset>(2):yyyy-MM-dd HH:mm}Z)";
        return held;
    }
}

public static class DecisionsSetup
{
    public static IServiceCollection AddDecisions(this IServiceCollection services)
    {
        services.AddSingleton<EventStore.IInlineProjection, DecisionProjection>();
        services.AddSingleton<EventStore.IUnitOfWorkReaction, DecisionReaction>();
        services.AddSingleton<Incidents.GettingTimeline.IIncidentTimelineSource, DecisionTimelineSource>();
        services.AddSingleton<Incidents.Advancing.IStepHolds, PendingDecisionSteps>();
        services.AddSingleton<DecisionViews>();
        services.AddSingleton<DecisionCommandRunner>();
        services.AddScoped<Timers.ITimerPurpose, DecisionDeadlineTimer>();
        return services;
    }
}
