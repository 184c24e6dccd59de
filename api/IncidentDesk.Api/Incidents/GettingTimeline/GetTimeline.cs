using System.Text.Json;
using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using Marten;
using MediatR;

namespace IncidentDesk.Api.Incidents.GettingTimeline;

public sealed record TimelineEntry(long Seq, long Version, string Type, DateTimeOffset At, Guid ActorId, string? ActorName, JsonElement Data)
{
    /// <summary>"incident", or "escalation" for deadlines and messages (shown to staff only).</summary>
    public string Stream { get; init; } = "incident";
}

/// <summary>The events, and display names for every account id they mention (actors, owners, ...).</summary>
public sealed record TimelineList(IReadOnlyList<TimelineEntry> Items, IReadOnlyDictionary<Guid, string> Names);

public sealed record GetTimeline(Guid IncidentId, Caller Caller) : IRequest<TimelineList>;

/// <summary>The full record of what happened, who did it and when: the events themselves, oldest first.</summary>
internal sealed class GetTimelineHandler(IQuerySession store, UserDirectory users) : IRequestHandler<GetTimeline, TimelineList>
{
    public async Task<TimelineList> Handle(GetTimeline q, CancellationToken ct)
    {
        var events = await store.ReadStreamAsync(q.IncidentId, ct);
        // Same visibility rule as the incident itself: a reporter's own reports only. Streams that are not
        // incidents (accounts: their events hold password hashes) are not found for anyone.
        if (events.Count == 0 || events[0].Data is not IncidentReported r || (!q.Caller.SeesAllIncidents && r.Actor != q.Caller.Id))
            throw new NotFoundError($"incident {q.IncidentId}");
        // Staff also see the escalation stream: who was told what and when, escalations, breaches, reminders.
        if (q.Caller.SeesAllIncidents)
            events = [.. events, .. await store.ReadStreamAsync(Escalation.EscalationState.StreamIdFor(q.IncidentId), ct)];
        events = [.. events.OrderBy(e => e.Seq)];
        var mentioned = events.SelectMany(e => e.Data switch
        {
            IncidentAssigned a => new[] { e.Actor, a.OwnerId, a.PreviousOwnerId ?? e.Actor },
            _ => [e.Actor],
        });
        var names = new Dictionary<Guid, string>(await users.NamesAsync(mentioned, ct)) { [Escalation.SystemActor.Id] = Escalation.SystemActor.Name };
        return new TimelineList(events.Select(e => new TimelineEntry(
            e.Seq, e.Version, e.Type, ((IIncidentEvent)e.Data).At, e.Actor, names.GetValueOrDefault(e.Actor),
            JsonSerializer.SerializeToElement(e.Data, e.Data.GetType(), JsonDefaults.Options))
        {
            Stream = e.Data is Escalation.IEscalationEvent ? "escalation" : "incident",
        }).ToList(), names);
    }
}
