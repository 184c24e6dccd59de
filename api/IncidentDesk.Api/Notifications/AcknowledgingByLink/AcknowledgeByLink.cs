using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Acknowledging;
using MediatR;
using Npgsql;

namespace IncidentDesk.Api.Notifications.AcknowledgingByLink;

public sealed record AckByLinkRequest(string? Token);

public sealed record AckByLinkResult(string Reference, DateTimeOffset AcknowledgedAt, bool AlreadyAcknowledged);

/// <summary>Acknowledge from the one-click link in a message: no sign-in, this incident only, one use, until it expires.</summary>
public sealed record AcknowledgeByLink(Guid IncidentId, AckByLinkRequest Body) : IRequest<AckByLinkResult>;

internal sealed class AcknowledgeByLinkHandler(AckLinkCheck links, IncidentCommandRunner runner) : IRequestHandler<AcknowledgeByLink, AckByLinkResult>
{
    public async Task<AckByLinkResult> Handle(AcknowledgeByLink cmd, CancellationToken ct)
    {
        var (notification, recipient) = await links.CheckAsync(cmd.IncidentId, cmd.Body.Token, ct);
        // The person the message went to, when they have an account; else the system, naming them.
        var actor = recipient.AccountId ?? SystemActor.Id;
        try
        {
            return await runner.RunAsync(cmd.IncidentId, null, actor, Caller.ForLink(actor, cmd.IncidentId),
                (s, playbook, now) => Decide(s, actor, now, playbook, new AckViaLink(notification, recipient.Name, recipient.Address)),
                o => Task.FromResult(new AckByLinkResult(o.After.Reference, o.After.AcknowledgedAt!.Value, o.Events.Count == 0)), ct);
        }
        catch (Exception e) when (e.IsUniqueViolation("ack_link_uses_pkey"))
        {
            throw new RuleViolated("link_used", "this acknowledge link has already been used");
        }
    }

    /// <summary>An acknowledgement as from the incident page, recording the link it came through.</summary>
    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, Guid actor, DateTimeOffset now, Playbooks.Playbook? playbook, AckViaLink link) =>
        AcknowledgeHandler.Decide(s, actor, now, playbook)
            .Select(e => e is IncidentAcknowledged a ? a with { ViaLink = link } : e)
            .ToList();
}

public sealed record LinkRecipient(Guid? AccountId, string Name, string Address);

/// <summary>Checks an acknowledge link: signature, expiry, incident, and that it was not used yet.</summary>
public sealed class AckLinkCheck(AckLinks links, NpgsqlDataSource db)
{
    public async Task<(Guid Notification, LinkRecipient Recipient)> CheckAsync(Guid incidentId, string? token, CancellationToken ct)
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
