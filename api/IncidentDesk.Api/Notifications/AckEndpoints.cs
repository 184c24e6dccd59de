using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Notifications.AcknowledgingByLink;
using Marten;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace IncidentDesk.Api.Notifications;

public sealed record AckLinkView(
    Guid IncidentId, string Reference, Category Category, string Summary, Stage Stage, DateTimeOffset? AcknowledgedAt,
    string RecipientName, string TimeZone);

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
                Guid incidentId, string? token, AckLinkCheck links, IDocumentStore store, IOrganisationTimeZone zone, CancellationToken ct) =>
            {
                var (_, recipient) = await links.CheckAsync(incidentId, token, ct);
                var incident = await store.FetchAsync<Incident>(incidentId, Incident.Evolve, ct) ?? throw new NotFoundError($"incident {incidentId}");
                var s = incident.State;
                return TypedResults.Ok(new AckLinkView(s.Id, s.Reference, s.Category, s.Summary, s.Stage, s.AcknowledgedAt, recipient.Name,
                    await zone.GetAsync(ct)));
            })
            .WithName("ReadAckLink").WithSummary("What an acknowledge link is for (validates the token, does not use it)");

        ack.MapPost("/{incidentId:guid}", async Task<Ok<AckByLinkResult>> (Guid incidentId, AckByLinkRequest body, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new AcknowledgeByLink(incidentId, body), ct)))
            .WithName("AcknowledgeByLink").WithSummary("Acknowledge an incident from the link in a message (no sign-in; one use)");
        return app;
    }
}
