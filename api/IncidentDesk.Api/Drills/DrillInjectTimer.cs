using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Timers;

namespace IncidentDesk.Api.Drills;

/// <summary>
/// Drill injects are timers of this purpose on the run's stream. Firing delivers the inject through the command path;
/// a stale timer (from before a pause), one that fires twice (two nodes, a relay retry) or one whose inject was released by
/// hand decides nothing: the second of two nodes appends at the same version, conflicts, decides again and finds the
/// inject delivered. So each inject is delivered once.
/// </summary>
public sealed class DrillInjectTimer(CommandPath commands, DrillCommandRunner runs) : ITimerPurpose
{
    public const string Purpose = "drill-inject";

    public string Name => Purpose;

    public Task FireAsync(TimerDue timer, CancellationToken ct) =>
        commands.RunAsync(SystemActor.Id, async work =>
        {
            var run = await work.LoadAsync<DrillRun>(timer.StreamId, DrillCommandRunner.EvolveRun, ct);
            if (run is null) return;
            var scenario = await runs.ScenarioOfAsync(run.State, ct);
            if (DrillRules.DueInject(run.State, scenario, timer.TimerId) is not { } inject) return;
            work.Append(run.StreamId, await runs.DeliverAsync(work, run.State, inject, timer.TimerId, SystemActor.Id, ct));
        }, ct);
}
