using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using MediatR;

namespace IncidentDesk.Api.Incidents.Acknowledging;

public sealed record Acknowledge(Guid IncidentId, long ExpectedVersion, Caller Caller) : IRequest<IncidentDetail>;

internal sealed class AcknowledgeHandler(IncidentCommandRunner runner) : IRequestHandler<Acknowledge, IncidentDetail>
{
    public Task<IncidentDetail> Handle(Acknowledge cmd, CancellationToken ct) =>
        runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller, (s, playbook, now) => Decide(s, cmd.Caller.Id, now, playbook), ct);

    /// <summary>
    /// Records acknowledged-at (R6). In detection it also starts triage, when nothing else holds detection
    /// open (acknowledgement is its exit criterion; the playbook may add required detection steps, and then
    /// the responder completes them and advances). Acknowledging twice changes nothing.
    /// </summary>
    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, Guid actor, DateTimeOffset now, Playbooks.Playbook? playbook = null)
    {
        if (s.AcknowledgedAt is not null) return [];
        IncidentRules.RequireOpen(s);
        var acknowledged = new IncidentAcknowledged(s.Id, actor, now);
        var detectionDone = playbook is null || Checklist.Blocking(s, playbook, Stage.Detection).Count == 0;
        return s.Stage == Stage.Detection && detectionDone
            ? [acknowledged, new StageAdvanced(s.Id, Stage.Detection, Stage.Triage, actor, now)]
            : [acknowledged];
    }
}
