using System.Text.Json;
using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Escalation.Configuring;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Notifications;
using Npgsql;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IncidentDesk.Api.Escalation;

public sealed record SettingsChange(string Type, DateTimeOffset At, Guid ActorId, string? ActorName, JsonElement Data);

public sealed record SettingsTimeline(IReadOnlyList<SettingsChange> Items);

public sealed record DepartmentList(IReadOnlyList<string> Items);

/// <summary>The admin route table for contact chains and the SLA policy.</summary>
public sealed record DeadlineView(DeadlineKind Kind, Stage? Stage, int Level, DateTimeOffset DueAt, string Status);

/// <summary>What an incident's escalation looks like now: deadlines, level, breach, and every message.</summary>
public sealed record IncidentEscalationView(int Level, bool Breached, IReadOnlyList<DeadlineView> Deadlines, IReadOnlyList<DeliveryView> Deliveries);

public static class EscalationEndpoints
{
    public static IEndpointRouteBuilder MapEscalation(this IEndpointRouteBuilder app)
    {
        // Reporters pick their department from the ones that have a contact chain, so their report reaches that
        // department's chain (names only: who is in a chain stays with admins).
        app.MapGet("/api/departments", async Task<Ok<DepartmentList>> (EscalationSettingsStore settings, CancellationToken ct) =>
                TypedResults.Ok(new DepartmentList((await settings.ChainsAsync(ct)).Select(c => c.Chain.Department).OfType<string>()
                    .Distinct().Order(StringComparer.Ordinal).ToList())))
            .RequireAuthorization().WithTags("Escalation settings")
            .WithName("ListDepartments").WithSummary("Departments that have their own contact chain (for the report form)");

        app.MapGet("/api/incidents/{id:guid}/escalation", async Task<Ok<IncidentEscalationView>> (
                Guid id, HttpContext http, IncidentCommandRunner runner, Marten.IDocumentStore store, NpgsqlDataSource db, CancellationToken ct) =>
            {
                await runner.LoadVisibleAsync(id, Caller.From(http.User), ct);
                var escalation = (await store.FetchAsync<EscalationState>(EscalationState.StreamIdFor(id), EscalationState.Evolve, ct))?.State
                                 ?? EscalationState.Empty(id);
                await using var cmd = db.CreateCommand("select kind, stage, level, due_at, status from incident_deadlines where incident_id = $1 order by due_at");
                cmd.Parameters.AddWithValue(id);
                var deadlines = new List<DeadlineView>();
                await using (var r = await cmd.ExecuteReaderAsync(ct))
                    while (await r.ReadAsync(ct))
                        deadlines.Add(new DeadlineView(EnumNames.Parse<DeadlineKind>(r.GetString(0)),
                            r.IsDBNull(1) ? null : EnumNames.Parse<Stage>(r.GetString(1)), r.GetInt32(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4)));
                return TypedResults.Ok(new IncidentEscalationView(escalation.Level, escalation.Breached, deadlines,
                    await NotificationEndpoints.DeliveriesAsync(db, "where o.incident_id = $1 order by o.created_at", id, ct)));
            })
            .WithTags("Notifications").RequireAuthorization(Policies.SeesAllIncidents)
            .WithName("GetIncidentEscalation").WithSummary("Deadlines and the notification log (to whom, channel, status, time)");

        var admin = app.MapGroup("/api/admin").WithTags("Escalation settings").RequireAuthorization(Policies.Admin);

        admin.MapGet("/contact-chains", async Task<Ok<ContactChainList>> (EscalationSettingsStore settings, CancellationToken ct) =>
            {
                settings.Invalidate();
                return TypedResults.Ok(new ContactChainList((await settings.ChainsAsync(ct)).Select(c => new ContactChainView(
                    c.Chain.Id, c.Chain.Name, c.Chain.Categories, c.Chain.Department, c.Chain.IsDefault, c.Chain.Contacts, c.Version)).ToList()));
            })
            .WithName("ListContactChains").WithSummary("Contact chains, in matching order");

        admin.MapPost("/contact-chains", async Task<Created<ContactChainView>> (
                ContactChainRequest body, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var chain = await m.Send(new SaveContactChain(null, 0, body, Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, chain.Version);
                return TypedResults.Created($"/api/admin/contact-chains/{chain.Id}", chain);
            })
            .WithName("CreateContactChain").WithSummary("Define a contact chain (categories, optional department, ordered contacts)");

        admin.MapPut("/contact-chains/{id:guid}", async Task<Ok<ContactChainView>> (
                Guid id, ContactChainRequest body, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var chain = await m.Send(new SaveContactChain(id, Versions.ExpectedFrom(http.Request), body, Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, chain.Version);
                return TypedResults.Ok(chain);
            })
            .WithName("UpdateContactChain").WithSummary("Change a contact chain (If-Match)");

        admin.MapDelete("/contact-chains/{id:guid}", async Task<NoContent> (Guid id, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RemoveContactChain(id, Versions.ExpectedFrom(http.Request), Caller.From(http.User)), ct);
                return TypedResults.NoContent();
            })
            .WithName("RemoveContactChain").WithSummary("Remove a contact chain (If-Match)");

        admin.MapGet("/sla-policy", async Task<Ok<SlaPolicyView>> (EscalationSettingsStore settings, Marten.IQuerySession store, HttpContext http, CancellationToken ct) =>
            {
                settings.Invalidate();
                var version = (await store.Events.FetchStreamStateAsync(SettingsEventTypes.SlaPolicyStreamId, ct))?.Version ?? 0;
                http.Response.Headers.ETag = Versions.ETag(version);
                return TypedResults.Ok(new SlaPolicyView((await settings.PolicyAsync(ct)).WithBriefingDefaults(), version, version == 0));
            })
            .WithName("GetSlaPolicy").WithSummary("The SLA policy (version 0 = the built-in default)");

        admin.MapPut("/sla-policy", async Task<Ok<SlaPolicyView>> ([FromBody] SlaPolicy body, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var raw = http.Request.Headers.IfMatch.ToString().Trim('"');
                var expected = raw == "0" ? 0 : Versions.ExpectedFrom(http.Request);
                var saved = await m.Send(new SaveSlaPolicy(expected, body, Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, saved.Version);
                return TypedResults.Ok(saved);
            })
            .WithName("SaveSlaPolicy").WithSummary("Change the SLA policy (If-Match; \"0\" replaces the default); applies to new deadlines");

        admin.MapGet("/settings/timeline", async Task<Ok<SettingsTimeline>> (
                Npgsql.NpgsqlDataSource db, EventTypeMap types, UserDirectory users, CancellationToken ct) =>
            {
                await using var cmd = db.CreateCommand(
                    "select e.type, e.data::text, e.user_name, e.timestamp from mt_events e " +
                    "where e.type = any($1) order by e.seq_id desc limit 500");
                cmd.Parameters.AddWithValue(SettingsEventTypes.Names);
                var rows = new List<(string Type, string Data, Guid Actor, DateTimeOffset At)>();
                await using (var r = await cmd.ExecuteReaderAsync(ct))
                    while (await r.ReadAsync(ct))
                        rows.Add((r.GetString(0), r.GetString(1), Guid.Parse(r.GetString(2)), r.GetFieldValue<DateTimeOffset>(3)));
                var names = await users.NamesAsync(rows.Select(x => x.Actor), ct);
                return TypedResults.Ok(new SettingsTimeline(rows.Select(x => new SettingsChange(x.Type, x.At, x.Actor,
                    names.GetValueOrDefault(x.Actor), JsonSerializer.Deserialize<JsonElement>(x.Data))).ToList()));
            })
            .WithName("GetSettingsTimeline").WithSummary("Audit trail of contact-chain and SLA changes, newest first");
        return app;
    }
}
