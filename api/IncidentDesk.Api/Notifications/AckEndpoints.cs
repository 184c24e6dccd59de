using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Acknowledging;
using IncidentDesk.Api.Playbooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace IncidentDesk.Api.Notifications;

public sealed record AckLinkView(
    Guid IncidentId, string Reference, Category Category, string Summary, Stage Stage, DateTimeOffset? AcknowledgedAt,
    string RecipientName);

public sealed record AckByLinkRequest(string? Token);

public sealed record AckByLinkResult(string Reference, DateTimeOffset AcknowledgedAt, bool AlreadyAcknowledged);

/// <summary>Writes ack_link_uses from acknowledgements made through a link; its primary key makes links single-use.</summary>
public sealed class AckLinkProjection : IInlineProjection
{
    public string Name => "ack_links";

    public IReadOnlyList<string> Tables { get; } = ["ack_link_uses"];

    public void Project(RecordedEvent @event, ISqlBatch batch)
    {
        if (@event.Data is IncidentAcknowledged { ViaLink: { } link } e)
            batch.Add("insert into ack_link_uses (notification_id, incident_id, used_at) values ($1, $2, $3)", link.NotificationId, e.IncidentId, e.At);
    }
}

/// <summary>The acknowledge-link landing: no sign-in, one incident, one use, until it expires.</summary>
public static class AckEndpoints
{
    public static IEndpointRouteBuilder MapAckLinks(this IEndpointRouteBuilder app)
    {
        var ack = app.MapGroup("/api/ack").WithTags("Acknowledge links").AllowAnonymous();

        ack.MapGet("/{incidentId:guid}", async Task<Ok<AckLinkView>> (
                Guid incidentId, string? token, AckLinks links, IEventStore store, NpgsqlDataSource db, CancellationToken ct) =>
            {
                var (_, recipient) = await CheckAsync(incidentId, token, links, db, ct);
                var incident = await store.FetchAsync<Incident>(incidentId, Incident.Evolve, ct) ?? throw new NotFoundError($"incident {incidentId}");
                var s = incident.State;
                return TypedResults.Ok(new AckLinkView(s.Id, s.Reference, s.Category, s.Summary, s.Stage, s.AcknowledgedAt, recipient.Name));
            })
            .WithName("ReadAckLink").WithSummary("What an acknowledge link is for (validates the token, does not use it)");

        ack.MapPost("/{incidentId:guid}", async Task<Ok<AckByLinkResult>> (
                Guid incidentId, AckByLinkRequest body, AckLinks links, IEventStore store, NpgsqlDataSource db, PlaybookLibrary playbooks,
                EscalationStreams escalations, TimeProvider clock, CancellationToken ct) =>
            {
                var (notification, recipient) = await CheckAsync(incidentId, body.Token, links, db, ct);
                for (var attempt = 1; ; attempt++)
                {
                    var incident = await store.FetchAsync<Incident>(incidentId, Incident.Evolve, ct) ?? throw new NotFoundError($"incident {incidentId}");
                    var s = incident.State;
                    var active = s.ActivePlaybook is { } pin ? await playbooks.PinnedAsync(pin.Id, pin.ContentHash, ct) : null;
                    var now = clock.GetUtcNow();
                    // The person the message went to, when they have an account; else the system, naming them.
                    var actor = recipient.AccountId ?? SystemActor.Id;
                    var decided = AcknowledgeHandler.Decide(s, actor, now, active)
                        .Select(e => e is IncidentAcknowledged a ? a with { ViaLink = new AckViaLink(notification, recipient.Name, recipient.Address) } : e)
                        .ToList();
                    if (decided.Count == 0) return TypedResults.Ok(new AckByLinkResult(s.Reference, s.AcknowledgedAt!.Value, true));
                    var escalation = await escalations.LoadAsync(incidentId, ct);
                    var reactions = await escalations.ReactAsync(s, escalation, decided, now, ct);
                    try
                    {
                        await store.AppendAsync(
                            [new StreamAppend(incidentId, IncidentEventTypes.StreamType, incident.Version, decided.Cast<object>().ToList()), reactions],
                            [], actor, ct);
                        return TypedResults.Ok(new AckByLinkResult(s.Reference, now, false));
                    }
                    catch (Exception e) when (e.IsUniqueViolation("ack_link_uses_pkey"))
                    {
                        throw new RuleViolated("link_used", "this acknowledge link has already been used");
                    }
                    catch (StreamVersionConflict) when (attempt < 5)
                    {
                    }
                }
            })
            .WithName("AcknowledgeByLink").WithSummary("Acknowledge an incident from the link in a message (no sign-in; one use)");
        return app;
    }

    private sealed record LinkRecipient(Guid? AccountId, string Name, string Address);

    private static async Task<(Guid Notification, LinkRecipient Recipient)> CheckAsync(
        Guid incidentId, string? token, AckLinks links, NpgsqlDataSource db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token)) throw ValidationFailed.For("token", "is required");
        var (problem, notification) = links.Read(token, incidentId);
        switch (problem)
        {
            case AckLinkProblem.Expired:
                throw new RuleViolated("link_expired", "this acknowledge link has expired; sign in to acknowledge");
            case AckLinkProblem.Tampered or AckLinkProblem.OtherIncident:
                throw new Forbidden("this link is not valid for this incident");
        }
        await using var cmd = db.CreateCommand(
            "select o.recipient_name, o.address, u.id, exists (select 1 from ack_link_uses a where a.notification_id = o.notification_id) " +
            "from notification_outbox o left join users u on lower(u.email) = lower(o.address) " +
            "where o.notification_id = $1 and o.incident_id = $2");
        cmd.Parameters.AddWithValue(notification);
        cmd.Parameters.AddWithValue(incidentId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) throw new Forbidden("this link is not valid for this incident");
        if (r.GetBoolean(3)) throw new RuleViolated("link_used", "this acknowledge link has already been used");
        return (notification, new LinkRecipient(r.IsDBNull(2) ? null : r.GetGuid(2), r.GetString(0), r.GetString(1)));
    }
}
