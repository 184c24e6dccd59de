using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents.GettingIncident;
using IncidentDesk.Api.Playbooks;
using Marten;

namespace IncidentDesk.Api.Incidents;

/// <summary>
/// Commands on an existing incident, on the one command path: load it (only if the caller may see it), decide
/// (pure) at the version the client read, append, answer with the new state.
/// </summary>
public sealed class IncidentCommandRunner(CommandPath commands, IDocumentStore store, IncidentViews views, PlaybookLibrary playbooks)
{
    public Task<IncidentDetail> RunAsync(
        Guid incidentId, long expectedVersion, Caller caller,
        Func<Incident, DateTimeOffset, IReadOnlyList<IIncidentEvent>> decide, CancellationToken ct) =>
        RunAsync(incidentId, expectedVersion, caller, (s, _, now) => decide(s, now), ct);

    /// <summary>For decisions that need the playbook the incident follows (pinned content, never the file).</summary>
    public Task<IncidentDetail> RunAsync(
        Guid incidentId, long expectedVersion, Caller caller,
        Func<Incident, Playbook?, DateTimeOffset, IReadOnlyList<IIncidentEvent>> decide, CancellationToken ct) =>
        RunAsync(incidentId, expectedVersion, caller.Id, caller, decide, o => views.DetailAsync(o.After, o.Version, caller, ct), ct);

    /// <summary>
    /// As <paramref name="actor"/>, who may not be the caller (an acknowledge link acts for the person it was sent
    /// to), answering with what <paramref name="answer"/> makes of the outcome. A command that is already
    /// satisfied decides no events and succeeds (double clicks, re-deliveries).
    /// </summary>
    public Task<TResult> RunAsync<TResult>(
        Guid incidentId, long? expectedVersion, Guid actor, Caller caller,
        Func<Incident, Playbook?, DateTimeOffset, IReadOnlyList<IIncidentEvent>> decide,
        Func<IncidentOutcome, Task<TResult>> answer, CancellationToken ct) =>
        commands.RunAsync(actor, async work =>
        {
            var stream = Visible(await work.LoadAsync<Incident>(incidentId, EvolveIncident, ct, expectedVersion), incidentId, caller);
            var active = stream.State.ActivePlaybook is { } pin ? await playbooks.PinnedAsync(pin.Id, pin.ContentHash, ct) : null;
            var events = decide(stream.State, active, work.Now);
            work.Append(incidentId, events);
            var after = events.Aggregate(stream.State, (s, e) => Incident.Evolve(s, e));
            return await answer(new IncidentOutcome(stream.State, after, work.VersionAfter(incidentId), events, work.Now));
        }, ct);

    /// <summary>Reporters may only see their own reports; to them any other incident does not exist.</summary>
    public async Task<StreamState<Incident>> LoadVisibleAsync(Guid incidentId, Caller caller, CancellationToken ct) =>
        Visible(await store.FetchAsync<Incident>(incidentId, EvolveIncident, ct), incidentId, caller);

    // Account and settings streams share the store: an id whose stream is not an incident is simply not found (not a 500).
    private static Incident EvolveIncident(Incident? s, object e) =>
        s is null && e is not IncidentReported ? throw new NotFoundError("incident") : Incident.Evolve(s, e);

    private static StreamState<Incident> Visible(StreamState<Incident>? stream, Guid incidentId, Caller caller) =>
        stream is null || !caller.MaySee(incidentId, stream.State.ReporterId)
            ? throw new NotFoundError($"incident {incidentId}")
            : stream;
}

/// <summary>A command's outcome on an incident: the state it decided on, the state after, the new version.</summary>
public sealed record IncidentOutcome(
    Incident Before, Incident After, long Version, IReadOnlyList<IIncidentEvent> Events, DateTimeOffset At);

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
