using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Decisions.GettingDecisions;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Playbooks;

namespace IncidentDesk.Api.Decisions;

/// <summary>What a command on a decision request decides on: the request, its incident as it stands, and the time.</summary>
public sealed record DecisionContext(DecisionRequest Decision, Incident Incident, long IncidentVersion, DateTimeOffset Now, Func<Guid> NewId);

/// <summary>
/// Commands on an existing decision request, on the one command path: load it at the version the client read
/// (If-Match), and its incident (read, not pinned: a responder's edit meanwhile is decided again, not a 412);
/// decide (pure); when the request is decided, complete the playbook step it names in the same transaction.
/// </summary>
public sealed class DecisionCommandRunner(CommandPath commands, PlaybookLibrary playbooks, DecisionViews views)
{
    public async Task<DecisionDetail> RunAsync(
        Guid decisionId, long expectedVersion, Caller caller, Func<DecisionContext, IReadOnlyList<IDecisionEvent>> decide, CancellationToken ct)
    {
        var (after, version) = await commands.RunAsync(caller.Id, async work =>
        {
            var stream = await LoadAsync(work, decisionId, ct, expectedVersion);
            var incident = await work.LoadAsync<Incident>(stream.State.IncidentId, Incident.Evolve, ct)
                           ?? throw new NotFoundError($"incident {stream.State.IncidentId}");
            var events = decide(new DecisionContext(stream.State, incident.State, incident.Version, work.Now, () => Guid.CreateVersion7(work.Now)));
            work.Append(decisionId, events);
            var state = events.Aggregate(stream.State, (s, e) => DecisionRequest.Evolve(s, e));
            if (events.Any(e => e is DecisionReached or DecisionSuperseded))
            {
                var pin = incident.State.ActivePlaybook;
                var playbook = pin is null ? null : await playbooks.PinnedAsync(pin.Id, pin.ContentHash, ct);
                work.Append(incident.StreamId, DecisionSteps.Complete(incident.State, playbook, state, caller, work.Now));
            }
            return (state, work.VersionAfter(decisionId));
        }, ct);
        return await views.DetailAsync(after, version, caller, ct);
    }

    /// <summary>A decision request's stream; any other stream (an incident, an account) is not found.</summary>
    public static async Task<StreamState<DecisionRequest>> LoadAsync(UnitOfWork work, Guid decisionId, CancellationToken ct, long? expectedVersion = null) =>
        await work.LoadAsync<DecisionRequest>(decisionId, EvolveDecision, ct, expectedVersion)
        ?? throw new NotFoundError($"decision request {decisionId}");

    public static DecisionRequest EvolveDecision(DecisionRequest? s, object e) =>
        s is null && e is not DecisionRequested ? throw new NotFoundError("decision request") : DecisionRequest.Evolve(s, e);
}
