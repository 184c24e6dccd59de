using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.Scenarios;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.EventStore;
using Npgsql;

namespace IncidentDesk.Api.Drills;

/// <summary>What a command on a run decides on: the run, its pinned scenario, who acts, the time and fresh ids.</summary>
public sealed record DrillContext(DrillRun Run, DrillScenario Scenario, DrillActor Actor, DateTimeOffset Now, Func<Guid> NewId, UnitOfWork Work);

/// <summary>
/// Commands on a drill run, on the one command path: load the run (only if the caller may see it) at the version the
/// client read when it sends one (If-Match), and its pinned scenario; decide (pure); append; answer with the console view.
/// Executives who are not part of the run watch it read-only.
/// </summary>
public sealed class DrillCommandRunner(CommandPath commands, ScenarioLibrary scenarios, DrillViews views, NpgsqlDataSource db, PublicUrl publicUrl)
{
    public async Task<DrillDetail> RunAsync(
        Guid runId, long? expectedVersion, Caller caller, Func<DrillContext, Task<IReadOnlyList<IDrillEvent>>> decide, CancellationToken ct)
    {
        var (run, scenario, version) = await commands.RunAsync(caller.Id, async work =>
        {
            var stream = await LoadAsync(work, runId, ct, expectedVersion);
            var actor = RequireActing(stream.State, caller);
            var pinned = await ScenarioOfAsync(stream.State, ct);
            var events = await decide(new DrillContext(stream.State, pinned, actor, work.Now, () => Guid.CreateVersion7(work.Now), work));
            work.Append(runId, events);
            return (events.Aggregate(stream.State, (s, e) => DrillRun.Evolve(s, e)), pinned, work.VersionAfter(runId));
        }, ct);
        return await views.DetailAsync(run, scenario, version, caller, ct);
    }

    public Task<DrillDetail> RunAsync(
        Guid runId, long? expectedVersion, Caller caller, Func<DrillContext, IReadOnlyList<IDrillEvent>> decide, CancellationToken ct) =>
        RunAsync(runId, expectedVersion, caller, c => Task.FromResult(decide(c)), ct);

    /// <summary>Who may act on a run at all: those who see it, except Executives who are not part of it (they watch, read-only).</summary>
    public static DrillActor RequireActing(DrillRun run, Caller caller)
    {
        if (!DrillViews.MaySee(run, caller)) throw new NotFoundError($"drill run {run.Id}");
        var actor = DrillActor.Of(run, caller);
        if (!actor.Facilitates && actor.Participant is null && !caller.WorksIncidents)
            throw new Forbidden("executives who are not part of a drill watch it read-only");
        return actor;
    }

    public async Task<DrillScenario> ScenarioOfAsync(DrillRun run, CancellationToken ct) =>
        await scenarios.PinnedAsync(run.Scheduled.ScenarioId, run.Scheduled.ContentHash, ct)
        ?? throw new InvalidOperationException($"drill run {run.Id} pins scenario {run.Scheduled.ScenarioId} ({run.Scheduled.ContentHash}), which is not stored");

    /// <summary>A drill run's stream; any other stream (an incident, an account) is not found.</summary>
    public static async Task<StreamState<DrillRun>> LoadAsync(UnitOfWork work, Guid runId, CancellationToken ct, long? expectedVersion = null) =>
        await work.LoadAsync<DrillRun>(runId, EvolveRun, ct, expectedVersion) ?? throw new NotFoundError($"drill run {runId}");

    public static DrillRun EvolveRun(DrillRun? s, object e) =>
        s is null && e is not DrillScheduled ? throw new NotFoundError("drill run") : DrillRun.Evolve(s, e);

    /// <summary>
    /// Delivers an inject in the unit of work: the mail to its audience and the "would have been sent" ones to outside
    /// parties on the run's notice stream, and the delivery (or its visible failure) on the run's stream.
    /// </summary>
    public async Task<IReadOnlyList<IDrillEvent>> DeliverAsync(UnitOfWork work, DrillRun run, DrillInject inject, Guid? timerId, Guid actor, CancellationToken ct)
    {
        var messages = new List<Notifications.NotificationQueued>();
        if (inject.Channel == InjectChannel.Mail)
        {
            var ids = DrillRules.Audience(run, inject.Audience).Select(p => p.UserId).ToList();
            var (accounts, _) = await EscalationContextLoader.LoadRecipientsAsync(db, ids, false, ct, enabledOnly: true);
            messages.AddRange(DrillRunMessages.Inject(run, inject, accounts, publicUrl.Base, () => Guid.CreateVersion7(work.Now), work.Now));
            var notices = DrillNotices.StreamIdFor(run.Id);
            await work.LoadAsync<DrillNotices>(notices, DrillNotices.Evolve, ct);
            work.Append(notices, messages);
        }
        var reached = inject.Channel == InjectChannel.Mail ? DrillRunMessages.ToParticipants(messages) : 1;
        return DrillRules.Deliver(run, inject, timerId, actor, messages.Select(m => m.NotificationId).ToList(), reached, work.Now);
    }
}
