using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.Acknowledging;
using IncidentDesk.Api.Incidents.Advancing;
using IncidentDesk.Api.Incidents.Analysing;
using IncidentDesk.Api.Incidents.Assigning;
using IncidentDesk.Api.Incidents.Briefings;
using IncidentDesk.Api.Incidents.Filing;
using IncidentDesk.Api.Incidents.GettingBoard;
using IncidentDesk.Api.Incidents.GettingIncident;
using IncidentDesk.Api.Incidents.GettingTimeline;
using IncidentDesk.Api.Incidents.Notes;
using IncidentDesk.Api.Incidents.Preventing;
using IncidentDesk.Api.Incidents.Reclassifying;
using IncidentDesk.Api.Incidents.Recovering;
using IncidentDesk.Api.Incidents.Rerating;
using IncidentDesk.Api.Incidents.Triaging;
using IncidentDesk.Api.Incidents.WorkingSteps;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IncidentDesk.Api.Incidents;

/// <summary>The incident route table. Commands carry the version read (If-Match) and answer the new ETag.</summary>
public static class IncidentEndpoints
{
    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Incidents").RequireAuthorization();

        incidents.MapPost("/", async Task<Created<IncidentDetail>> (FileReportRequest body, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var detail = await m.Send(new FileReport(body, Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, detail.Version);
                return TypedResults.Created($"/api/incidents/{detail.Id}", detail);
            })
            .WithName("FileReport").WithSummary("Report a suspected incident (any signed-in account)");

        incidents.MapGet("/", async Task<Ok<IncidentList>> (
                HttpContext http, IMediator m, CancellationToken ct, string? stage, string? severity, string? category,
                string? owner, string? reporter, string? q, int? page, int? pageSize, string? sort,
                [AllowedValues("overdue", "escalated", "breached", "any")] string? attention,
                [AllowedValues("real", "drill", "all")] string? kind) =>
                TypedResults.Ok(await m.Send(new GetIncidentBoard(Caller.From(http.User),
                    EnumNames.ParseQuery<Stage>("stage", stage), EnumNames.ParseQuery<Severity>("severity", severity),
                    EnumNames.ParseQuery<Category>("category", category), owner, reporter, q, page ?? 1, pageSize ?? 50, sort)
                {
                    Attention = EnumNames.ParseQuery<Attention>("attention", attention),
                    Kind = EnumNames.ParseQuery<IncidentKind>("kind", kind) ?? IncidentKind.Real,
                }, ct)))
            .WithName("ListIncidents").WithSummary("Board and list query; reporters get only their own reports; real incidents unless kind=drill|all");

        incidents.MapGet("/{id:guid}", async Task<Ok<IncidentDetail>> (Guid id, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var detail = await m.Send(new GetIncident(id, Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, detail.Version);
                return TypedResults.Ok(detail);
            })
            .WithName("GetIncident").WithSummary("One incident with its exit checklist; ETag is its version");

        incidents.MapGet("/{id:guid}/timeline", async Task<Ok<TimelineList>> (Guid id, HttpContext http, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new GetTimeline(id, Caller.From(http.User)), ct)))
            .WithName("GetIncidentTimeline").WithSummary("Every event of the incident: what, who, when");

        var work = incidents.MapGroup("/{id:guid}").RequireAuthorization(Policies.WorksIncidents);
        Command<EmptyRequest>(work, "/acknowledge", "AcknowledgeIncident", "Acknowledge the report (starts triage)",
            (id, v, _, c, _) => new Acknowledge(id, v, c));
        Command<TriageRequest>(work, "/triage", "TriageIncident", "Record triage; severity is derived",
            (id, v, b, c, _) => new Triage(id, v, b, c));
        Command<RerateSeverityRequest>(work, "/severity", "RerateSeverity", "Re-rate severity with a reason",
            (id, v, b, c, _) => new RerateSeverity(id, v, b, c));
        Command<AnalysisRequest>(work, "/analysis", "RecordAnalysis", "Record 5W1H, damage, scale, cause, countermeasures",
            (id, v, b, c, _) => new RecordAnalysis(id, v, b, c));
        Command<RecoveryRequest>(work, "/recovery", "RecordRecovery", "Record recovery, sign-off and notified parties",
            (id, v, b, c, _) => new RecordRecovery(id, v, b, c));
        Command<PreventionRequest>(work, "/prevention", "RecordPrevention", "Record root cause, measures, policy flag",
            (id, v, b, c, _) => new RecordPrevention(id, v, b, c));
        Command<AdvanceStageRequest>(work, "/stage", "AdvanceStage", "Move to the next stage (409 lists unmet exit criteria)",
            (id, v, b, c, _) => new AdvanceStage(id, v, b, c));
        Command<ReclassifyRequest>(work, "/reclassify", "ReclassifyIncident", "Change the category with a reason",
            (id, v, b, c, _) => new Reclassify(id, v, b, c));
        Command<AssignRequest>(work, "/assign", "AssignIncident", "Assign an owner",
            (id, v, b, c, _) => new Assign(id, v, b, c));
        // Executive briefings: responders and admins post, executives (and they) read; reporters never see them.
        Command<PostBriefingRequest>(work, "/briefings", "PostBriefing",
            "Post a status briefing for the executives (open high/critical incidents; mailed to every Executive)",
            (id, v, b, c, _) => new PostBriefing(id, v, b, c));
        incidents.MapGet("/{id:guid}/briefings", async Task<Ok<IncidentBriefings>> (Guid id, HttpContext http, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new GetIncidentBriefings(id, Caller.From(http.User)), ct)))
            .RequireAuthorization(Policies.SeesAllIncidents)
            .WithName("GetIncidentBriefings").WithSummary("The incident's executive briefings, newest first, and when the next is due");
        // Playbook steps: decisions are taken by executives, the rest by responders and admins, and reporters may
        // tick their own steps on their own report (checked per step).
        var steps = incidents.MapGroup("/{id:guid}/steps/{stepId}");
        Command<CompleteStepRequest>(steps, "/complete", "CompleteStep", "Complete a playbook step with its evidence",
            (id, v, b, c, r) => new CompleteStep(id, (string)r["stepId"]!, v, b, c));
        Command<SkipStepRequest>(steps, "/skip", "SkipStep", "Skip a step with a reason (obligations: Executive waiver)",
            (id, v, b, c, r) => new SkipStep(id, (string)r["stepId"]!, v, b, c));
        Command<ReopenStepRequest>(steps, "/reopen", "ReopenStep", "Reopen a completed or skipped step",
            (id, v, b, c, r) => new ReopenStep(id, (string)r["stepId"]!, v, b, c));
        // Notes are open to whoever can see the incident, the reporter of their own report included.
        Command<AddNoteRequest>(incidents.MapGroup("/{id:guid}"), "/notes", "AddIncidentNote", "Add a note",
            (id, v, b, c, _) => new AddNote(id, v, b, c));
        app.MapGet("/api/briefings", async Task<Ok<BriefingFeed>> (HttpContext http, IMediator m, TimeProvider clock, CancellationToken ct, string? since,
                [AllowedValues("real", "drill", "all")] string? kind) =>
                TypedResults.Ok(await m.Send(new GetBriefingFeed(Since(since, clock))
                {
                    Kind = EnumNames.ParseQuery<IncidentKind>("kind", kind) ?? IncidentKind.Real,
                }, ct)))
            .WithTags("Incidents").RequireAuthorization(Policies.SeesAllIncidents)
            .WithName("ListBriefings")
            .WithSummary("Briefings of open incidents posted since ?since= (ISO 8601; default the last 24 h), newest first, " +
                         "and every open high or critical incident with its next briefing due time; real incidents unless kind=drill|all");
        return app;
    }

    private static DateTimeOffset Since(string? since, TimeProvider clock)
    {
        if (string.IsNullOrEmpty(since)) return clock.GetUtcNow().AddHours(-24);
        return DateTimeOffset.TryParse(since, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var at) && since.Length <= 40
            ? at
            : throw ValidationFailed.For("since", "must be an ISO 8601 date and time, e.g. 2026-12-03T09:00:00Z");
    }

    private static void Command<TBody>(RouteGroupBuilder group, string path, string name, string summary,
        Func<Guid, long, TBody, Caller, RouteValueDictionary, IRequest<IncidentDetail>> command) where TBody : class
    {
        group.MapPost(path, async Task<Ok<IncidentDetail>> (
                Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] TBody? body, HttpContext http, IMediator m,
                CancellationToken ct) =>
            {
                var expected = Versions.ExpectedFrom(http.Request);
                body ??= typeof(TBody) == typeof(EmptyRequest)
                    ? (TBody)(object)new EmptyRequest()
                    : throw ValidationFailed.For("body", "is required");
                var detail = await m.Send(command(id, expected, body, Caller.From(http.User), http.Request.RouteValues), ct);
                Versions.SetETag(http.Response, detail.Version);
                return TypedResults.Ok(detail);
            })
            .WithName(name).WithSummary(summary);
    }
}

/// <summary>Body of commands that need none; `{}` or an empty JSON object.</summary>
public sealed record EmptyRequest;
