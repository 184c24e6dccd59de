using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Timers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentDesk.Api.Drills.ContactChecks;

/// <summary>One member (by chain position, 0 = first contact) reached by phone or not, with an optional one-line note.</summary>
public sealed record ContactMarkItem(
    [property: Required, Range(0, 1000)] int? Member,
    [property: Required] bool? Reached,
    [property: StringLength(ContactCheckEndpoints.MaxNote)] string? Note);

/// <summary>The facilitator's phone marks (R36: e-mail assumed down), one or more members at a time.</summary>
public sealed record ContactMarksRequest([property: Required, MinLength(1), MaxLength(ContactCheckEndpoints.MaxMarks)] IReadOnlyList<ContactMarkItem?>? Marks);

public static class ContactCheckEndpoints
{
    public const int MaxMarks = 50;
    public const int MaxNote = 500;

    public static IServiceCollection AddContactChecks(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<IInlineProjection, ContactCheckProjection>();
        services.AddSingleton<IUnitOfWorkReaction, ContactCheckDeliveryReaction>();
        services.AddSingleton<ContactCheckCommands>();
        services.AddSingleton<ContactCheckStarter>();
        services.AddSingleton<ContactCheckViews>();
        services.AddSingleton<DrillAck>();
        services.AddSingleton<ContactCheckCadence>();
        services.AddScoped<ITimerPurpose, ContactCheckStepTimer>();
        if (config.GetValue("IncidentDesk:Timers:Enabled", true)) services.AddHostedService<ContactCheckCadenceSchedule>();
        return services;
    }

    public static IEndpointRouteBuilder MapContactChecks(this IEndpointRouteBuilder app)
    {
        var ack = app.MapGroup("/api/drill-ack").WithTags("Drills").AllowAnonymous();
        ack.MapGet("/{id}", async Task<Ok<DrillAckView>> (string id, string? token, DrillAck links, CancellationToken ct) =>
                TypedResults.Ok(await links.ReadAsync(ParseId("id", id), token, ct)))
            .WithName("ReadDrillAckLink").WithSummary("What a contact-chain check's personal link is for (counts nothing: mail scanners open links)");
        ack.MapPost("/{id}", async Task<Ok<DrillAckResult>> (string id, DrillAckRequest? body, DrillAck links, CancellationToken ct) =>
                TypedResults.Ok(await links.AcknowledgeAsync(ParseId("id", id), body, ct)))
            .WithName("AcknowledgeDrillContact").WithSummary("Acknowledge a contact-chain check's mail from its landing page (no sign-in; counts once)");

        var checks = app.MapGroup("/api/drills/contact-checks").WithTags("Drills");
        checks.MapGet("/cadence", async Task<Ok<CadenceView>> (ContactCheckCadence cadence, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await cadence.ViewAsync(clock.GetUtcNow(), ct)))
            .RequireAuthorization(Policies.SeesAllIncidents)
            .WithName("GetContactCheckCadence").WithSummary("When the contact chain was last checked, and whether a check is due (R35: yearly)");
        checks.MapGet("/", async Task<Ok<ContactCheckList>> (string? runId, ContactCheckViews views, CancellationToken ct) =>
                TypedResults.Ok(await views.ListAsync(runId is null ? null : ParseId("runId", runId), ct)))
            .RequireAuthorization(Policies.SeesAllIncidents)
            .WithName("ListContactChecks").WithSummary("Contact-chain checks of a drill run (or the latest), with results per person");
        checks.MapGet("/{id}", async Task<Ok<ContactCheckView>> (string id, HttpContext http, ContactCheckViews views, CancellationToken ct) =>
            {
                var view = await views.GetAsync(ParseId("id", id), ct);
                Versions.SetETag(http.Response, view.Version);
                return TypedResults.Ok(view);
            })
            .RequireAuthorization(Policies.SeesAllIncidents)
            .WithName("GetContactCheck").WithSummary("A contact-chain check's results per person");
        checks.MapPost("/{id}/marks", async Task<Ok<ContactCheckView>> (
                string id, ContactMarksRequest? body, HttpContext http, ContactCheckCommands commands, CancellationToken ct) =>
            {
                var checkId = ParseId("id", id);
                var marks = Validate(body);
                long? expected = string.IsNullOrEmpty(http.Request.Headers.IfMatch) ? null : Versions.ExpectedFrom(http.Request);
                var caller = Caller.From(http.User);
                var (check, version, _) = await commands.RunAsync(caller.Id, checkId, expected, d =>
                {
                    var state = d.Check;
                    var events = new List<IContactCheckEvent>();
                    for (var i = 0; i < marks.Count; i++)
                    {
                        if (marks[i].Member >= state.Members.Count)
                            throw ValidationFailed.For($"marks[{i}].member", $"must be a member of this check (0 to {state.Members.Count - 1})");
                        var decided = ContactCheckRules.Mark(state, marks[i].Member, marks[i].Reached, marks[i].Note, caller.Id, d.Now, d.StepDue, d.NewId);
                        state = decided.Aggregate(state, (s, e) => ContactCheck.Evolve(s, e));
                        events.AddRange(decided);
                    }
                    return events;
                }, ct);
                Versions.SetETag(http.Response, version);
                return TypedResults.Ok(ContactCheckViews.View(check, version));
            })
            .RequireAuthorization(Policies.WorksIncidents)
            .WithName("MarkContactCheckMembers").WithSummary("Mark members reached or not reached by phone (R36; optional If-Match)");
        return app;
    }

    private static Guid ParseId(string field, string value) =>
        Guid.TryParse(value, out var id) && id != Guid.Empty ? id : throw ValidationFailed.For(field, "must be a UUID");

    private static List<(int Member, bool Reached, string? Note)> Validate(ContactMarksRequest? body)
    {
        var errors = new FieldErrors();
        if (body?.Marks is not { } marks)
        {
            errors.Add("marks", "is required");
            errors.ThrowIfAny();
            return [];
        }
        if (marks.Count == 0) errors.Add("marks", "must have at least one item");
        errors.Max("marks", marks, MaxMarks);
        var valid = new List<(int, bool, string?)>();
        for (var i = 0; i < marks.Count; i++)
        {
            if (marks[i] is not { } m)
            {
                errors.Add($"marks[{i}]", "must not be null");
                continue;
            }
            var member = errors.Value($"marks[{i}].member", m.Member);
            if (m.Member is < 0) errors.Add($"marks[{i}].member", "must be 0 or more");
            var reached = errors.Value($"marks[{i}].reached", m.Reached);
            var note = errors.OptionalSingleLineValue($"marks[{i}].note", m.Note, MaxNote);
            valid.Add((member, reached, note));
        }
        if (valid.GroupBy(v => v.Item1).Any(g => g.Count() > 1)) errors.Add("marks", "must name each member at most once");
        errors.ThrowIfAny();
        return valid;
    }
}
