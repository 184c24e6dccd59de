using IncidentDesk.Api.Common;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents.GettingIncident;
using IncidentDesk.Api.Playbooks;

namespace IncidentDesk.Api.Incidents;

/// <summary>
/// The one command path for an existing incident: load, check who may see it, decide (pure), append with the
/// version the client read, answer with the new state.
/// </summary>
public sealed class IncidentCommandRunner(
    IEventStore store, IncidentViews views, PlaybookLibrary playbooks, EscalationStreams escalations, TimeProvider clock)
{
    public Task<IncidentDetail> RunAsync(
        Guid incidentId, long expectedVersion, Caller caller,
        Func<Incident, DateTimeOffset, IReadOnlyList<IIncidentEvent>> decide, CancellationToken ct) =>
        RunAsync(incidentId, expectedVersion, caller, (s, _, now) => decide(s, now), ct);

    /// <summary>For decisions that need the playbook the incident follows (pinned content, never the file).</summary>
    public async Task<IncidentDetail> RunAsync(
        Guid incidentId, long expectedVersion, Caller caller,
        Func<Incident, Playbook?, DateTimeOffset, IReadOnlyList<IIncidentEvent>> decide, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stream = await LoadVisibleAsync(incidentId, caller, ct);
            var active = stream.State.ActivePlaybook is { } pin ? await playbooks.PinnedAsync(pin.Id, pin.ContentHash, ct) : null;
            var now = clock.GetUtcNow();
            IReadOnlyList<IIncidentEvent> events;
            try
            {
                events = decide(stream.State, active, now);
            }
            catch (RuleViolated) when (stream.Version != expectedVersion)
            {
                // The client decided on an old picture; "it changed, reload" is the more useful answer.
                throw new StreamVersionConflict(incidentId, expectedVersion, stream.Version);
            }

            // A command that is already satisfied succeeds without events (double clicks, re-deliveries).
            if (events.Count == 0) return await views.DetailAsync(stream.State, stream.Version, ct);
            if (stream.Version != expectedVersion)
                throw new StreamVersionConflict(incidentId, expectedVersion, stream.Version);

            var escalation = await escalations.LoadAsync(incidentId, ct);
            var reactions = await escalations.ReactAsync(stream.State, escalation, events, now, ct);
            try
            {
                var versions = await store.AppendAsync(
                    [new StreamAppend(incidentId, IncidentEventTypes.StreamType, expectedVersion, events.Cast<object>().ToList()), reactions],
                    [], caller.Id, ct);
                var state = events.Aggregate(stream.State, (s, e) => Incident.Evolve(s, e));
                return await views.DetailAsync(state, versions[0], ct);
            }
            catch (StreamVersionConflict c) when (c.StreamId == escalation.StreamId && attempt < 5)
            {
                // A timer or a delivery moved the escalation stream meanwhile; the incident itself did not
                // change, so decide again on fresh state rather than bother the caller with a 412.
            }
        }
    }

    /// <summary>Reporters may only see their own reports; to them any other incident does not exist.</summary>
    public async Task<StreamState<Incident>> LoadVisibleAsync(Guid incidentId, Caller caller, CancellationToken ct)
    {
        // Account streams share the store: an id whose stream is not an incident is simply not found (not a 500).
        var stream = await store.FetchAsync<Incident>(incidentId, (s, e) => s is null && e is not IncidentReported
            ? throw new NotFoundError($"incident {incidentId}")
            : Incident.Evolve(s, e), ct);
        if (stream is null || (!caller.SeesAllIncidents && stream.State.ReporterId != caller.Id))
            throw new NotFoundError($"incident {incidentId}");
        return stream;
    }
}

/// <summary>Rules shared by the stage forms.</summary>
public static class IncidentRules
{
    public static void RequireOpen(Incident s)
    {
        if (s.Stage == Stage.Closed)
            throw new RuleViolated("incident_closed", $"{s.Reference} is closed; nothing more can be recorded");
    }

    public static void RequireStage(Incident s, Stage stage, string form)
    {
        RequireOpen(s);
        if (s.Stage != stage)
            throw new RuleViolated("wrong_stage",
                $"the {form} form can be saved only in the {stage.ToString().ToLowerInvariant()} stage; " +
                $"{s.Reference} is in {s.Stage.ToString().ToLowerInvariant()}");
    }

    /// <summary>Owners must be responders or admins (individual accounts, R28).</summary>
    public static async Task RequireOwnerAsync(Accounts.UserDirectory users, string field, Guid? ownerId, CancellationToken ct)
    {
        if (ownerId is not { } id) return;
        var user = await users.FindAsync(id, ct);
        if (user is null) throw ValidationFailed.For(field, "is not a known account");
        if (!user.Roles.Contains(Roles.Responder) && !user.Roles.Contains(Roles.Admin))
            throw ValidationFailed.For(field, "must be a Responder or Admin account");
    }
}
