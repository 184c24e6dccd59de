using IncidentDesk.Api.Common;
using IncidentDesk.Api.Decisions;
using IncidentDesk.Api.Drills.Scenarios;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Notifications;
using Npgsql;

namespace IncidentDesk.Api.Drills;

/// <summary>
/// The drill run's hook on the command path, in the command's transaction:
/// <list type="bullet">
/// <item>the messages a run's own events send (invitations when scheduled, STOPEX and resume notices) on its notice stream;</item>
/// <item>automatic judging: events of a run's drill incident (acknowledged, severity rated, step completed, stage
/// reached, decision requested or reached by kind…) tick off the expected actions whose signal they are;</item>
/// <item>a drill message that failed to deliver for an inject becomes a drill_inject_failed on the run, at once.</item>
/// </list>
/// </summary>
internal sealed class DrillReaction(NpgsqlDataSource db, IOrganisationTimeZone zone, PublicUrl publicUrl, ScenarioLibrary scenarios)
    : IUnitOfWorkReaction
{
    public async Task ReactAsync(UnitOfWork work, CancellationToken ct)
    {
        var changes = work.Changes;
        await MessagesAsync(work, changes, ct);
        await JudgeAsync(work, changes, ct);
        await FailuresAsync(work, changes, ct);
    }

    private async Task MessagesAsync(UnitOfWork work, IReadOnlyList<StreamChange> changes, CancellationToken ct)
    {
        foreach (var change in changes)
        {
            var events = change.Events.OfType<IDrillEvent>().Where(e => e is DrillScheduled or DrillStopped or DrillResumed).ToList();
            if (events.Count == 0) continue;
            var run = (DrillRun?)change.Before;
            var messages = new List<NotificationQueued>();
            foreach (var e in change.Events.OfType<IDrillEvent>())
            {
                run = DrillRun.Evolve(run, e);
                if (e is not (DrillScheduled or DrillStopped or DrillResumed)) continue;
                var ids = run.Scheduled.Participants.Select(p => p.UserId).Append(run.Scheduled.FacilitatorId).ToList();
                var (accounts, _) = await EscalationContextLoader.LoadRecipientsAsync(db, ids, false, ct, enabledOnly: true);
                var now = work.Now;
                messages.AddRange(e switch
                {
                    DrillScheduled => DrillRunMessages.Invitations(run, accounts, accounts.GetValueOrDefault(run.Scheduled.FacilitatorId)?.Name,
                        await zone.GetAsync(ct), publicUrl.Base, () => Guid.CreateVersion7(now), now),
                    DrillStopped s => DrillRunMessages.Halted(run, accounts, true, s.Reason, () => Guid.CreateVersion7(now), now),
                    _ => DrillRunMessages.Halted(run, accounts, false, null, () => Guid.CreateVersion7(now), now),
                });
            }
            if (messages.Count == 0) continue;
            var notices = DrillNotices.StreamIdFor(change.StreamId);
            await work.LoadAsync<DrillNotices>(notices, DrillNotices.Evolve, ct);
            work.Append(notices, messages);
        }
    }

    /// <summary>The signals a command's events carry, by the drill run whose incident they happened in.</summary>
    private async Task JudgeAsync(UnitOfWork work, IReadOnlyList<StreamChange> changes, CancellationToken ct)
    {
        var byRun = new Dictionary<Guid, List<SignalSeen>>();
        foreach (var change in changes)
        {
            foreach (var e in change.Events)
            {
                var (runId, signal) = e switch
                {
                    IIncidentEvent i => (DrillRunOf(change, i), Signal(i)),
                    DecisionRequested d => (await DrillRunOfIncidentAsync(work, d.IncidentId, ct), new SignalSeen(SignalKind.DecisionRequested, EnumNames.Name(d.Kind), d.At)),
                    DecisionReached d when change.Before is DecisionRequest before =>
                        (await DrillRunOfIncidentAsync(work, d.IncidentId, ct), new SignalSeen(SignalKind.DecisionReached, EnumNames.Name(before.Request.Kind), d.At)),
                    ContactChecks.ContactAcknowledged a when change.Before is ContactChecks.ContactCheck check =>
                        (check.RunId, new SignalSeen(SignalKind.ContactAcknowledged, null, a.At)),
                    _ => (null, null),
                };
                if (runId is not { } id || signal is null) continue;
                if (!byRun.TryGetValue(id, out var list)) byRun[id] = list = [];
                list.Add(signal);
            }
        }
        foreach (var (runId, seen) in byRun)
        {
            var run = await work.LoadAsync<DrillRun>(runId, DrillCommandRunner.EvolveRun, ct);
            if (run is null || !run.State.InProgress) continue;
            var pinned = await scenarios.PinnedAsync(run.State.Scheduled.ScenarioId, run.State.Scheduled.ContentHash, ct);
            if (pinned is null) continue;
            // A run appended to by this command already (its own events) is judged on the state it will have.
            var state = work.Changes.FirstOrDefault(c => c.StreamId == runId)?.Events.Aggregate(run.State, DrillRun.Evolve) ?? run.State;
            work.Append(runId, DrillRules.AutoJudge(state, pinned, seen, work.Now));
        }
    }

    private static Guid? DrillRunOf(StreamChange change, IIncidentEvent e) =>
        e is IncidentReported r ? r.DrillRunId : (change.Before as Incident)?.DrillRunId;

    private static async Task<Guid?> DrillRunOfIncidentAsync(UnitOfWork work, Guid incidentId, CancellationToken ct) =>
        (await work.LoadAsync<Incident>(incidentId, Incident.Evolve, ct))?.State.DrillRunId;

    private static SignalSeen? Signal(IIncidentEvent e) => e switch
    {
        IncidentAcknowledged a => new SignalSeen(SignalKind.IncidentAcknowledged, null, a.At),
        IncidentTriaged t => new SignalSeen(SignalKind.SeverityRated, EnumNames.Name(t.Severity), t.At),
        SeverityRerated r => new SignalSeen(SignalKind.SeverityRated, EnumNames.Name(r.To), r.At),
        IncidentAssigned a => new SignalSeen(SignalKind.OwnerAssigned, null, a.At),
        StepCompleted s => new SignalSeen(SignalKind.StepCompleted, s.StepId, s.At),
        StageAdvanced s => new SignalSeen(SignalKind.StageReached, EnumNames.Name(s.To), s.At),
        NoteAdded n => new SignalSeen(SignalKind.NoteAdded, null, n.At),
        BriefingPosted b => new SignalSeen(SignalKind.BriefingPosted, null, b.At),
        _ => null,
    };

    /// <summary>A drill message of an inject that failed to deliver: the run shows it at once.</summary>
    private async Task FailuresAsync(UnitOfWork work, IReadOnlyList<StreamChange> changes, CancellationToken ct)
    {
        var failed = changes.SelectMany(c => c.Events).OfType<NotificationFailed>().ToList();
        if (failed.Count == 0) return;
        await using var cmd = db.CreateCommand("select notification_id, drill_run_id from notification_outbox where notification_id = any($1) and drill_run_id is not null");
        cmd.Parameters.AddWithValue(failed.Select(f => f.NotificationId).ToArray());
        var runs = new Dictionary<Guid, Guid>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                runs[r.GetGuid(0)] = r.GetGuid(1);
        foreach (var group in failed.Where(f => runs.ContainsKey(f.NotificationId)).GroupBy(f => runs[f.NotificationId]))
        {
            var run = await work.LoadAsync<DrillRun>(group.Key, DrillCommandRunner.EvolveRun, ct);
            if (run is null) continue;
            var events = new List<IDrillEvent>();
            foreach (var f in group)
                if (run.State.Delivered.FirstOrDefault(d => d.NotificationIds.Contains(f.NotificationId)) is { } delivery)
                    events.Add(new DrillInjectFailed(run.StreamId, delivery.InjectId, $"{f.Address}: {f.Error}", f.NotificationId, SystemActor.Id, work.Now));
            work.Append(run.StreamId, events);
        }
    }
}
