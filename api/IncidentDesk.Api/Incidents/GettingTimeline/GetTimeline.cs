using System.Text.Json;
using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using Marten;
using MediatR;

namespace IncidentDesk.Api.Incidents.GettingTimeline;

public sealed record TimelineEntry(long Seq, long Version, string Type, DateTimeOffset At, Guid ActorId, string? ActorName, JsonElement Data)
{
    /// <summary>"incident", "escalation" for deadlines and messages, or "decision" for decision requests (the last two to staff only).</summary>
    public string Stream { get; init; } = "incident";
}

/// <summary>The events, and display names for every account id they mention (actors, owners, ...).</summary>
public sealed record TimelineList(IReadOnlyList<TimelineEntry> Items, IReadOnlyDictionary<Guid, string> Names);

public sealed record GetTimeline(Guid IncidentId, Caller Caller) : IRequest<TimelineList>;

/// <summary>
/// Streams another module keeps about each incident, shown on the incident's timeline to staff (never to
/// reporters). The module names its streams (one derived from the incident's id, or several it looks up).
/// </summary>
public interface IIncidentTimelineSource
{
    string Stream { get; }

    Task<IReadOnlyList<Guid>> StreamIdsAsync(Guid incidentId, CancellationToken ct);
}

/// <summary>The full record of what happened, who did it and when: the events themselves, oldest first.</summary>
internal sealed class GetTimelineHandler(IQuerySession store, UserDirectory users, IEnumerable<IIncidentTimelineSource> sources) : IRequestHandler<GetTimeline, TimelineList>
{
    public async Task<TimelineList> Handle(GetTimeline q, CancellationToken ct)
    {
        var events = await store.ReadStreamAsync(q.IncidentId, ct);
        // Same visibility rule as the incident itself: a reporter's own reports only. Streams that are not
        // incidents (accounts: their events hold password hashes) are not found for anyone.
        if (events.Count == 0 || events[0].Data is not IncidentReported r || (!q.Caller.SeesAllIncidents && r.Actor != q.Caller.Id))
            throw new NotFoundError($"incident {q.IncidentId}");
        // Staff also see the streams other modules keep about the incident (escalation: who was told what and when).
        var stream = new Dictionary<Guid, string> { [q.IncidentId] = "incident" };
        if (q.Caller.SeesAllIncidents)
            foreach (var source in sources)
            foreach (var id in await source.StreamIdsAsync(q.IncidentId, ct))
            {
                stream[id] = source.Stream;
                events = [.. events, .. await store.ReadStreamAsync(id, ct)];
            }
        else
            events = [.. events.Where(e => e.Data is not IStaffOnlyEvent)];
        events = [.. events.OrderBy(e => e.Seq)];
        var mentioned = events.SelectMany(e => e.Data switch
        {
            IncidentAssigned a => new[] { e.Actor, a.OwnerId, a.PreviousOwnerId ?? e.Actor },
            // A step evidenced by the owner field names the owner by account id: the timeline shows their name.
            StepCompleted { Field: { Name: Playbooks.EvidenceField.Owner, Text: { } owner } } when Guid.TryParse(owner, out var o) => [e.Actor, o],
            _ => [e.Actor],
        });
        var names = new Dictionary<Guid, string>(await users.NamesAsync(mentioned, ct)) { [SystemActor.Id] = SystemActor.Name };
        return new TimelineList(events.Select(e => new TimelineEntry(
            e.Seq, e.Version, e.Type, ((IDomainEvent)e.Data).At, e.Actor, names.GetValueOrDefault(e.Actor),
            JsonSerializer.SerializeToElement(e.Data, e.Data.GetType(), JsonDefaults.Options))
        {
            Stream = stream[e.StreamId],
        }).ToList(), names);
    }
}
