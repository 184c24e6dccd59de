using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using MediatR;

namespace IncidentDesk.Api.Incidents.Acknowledging;

public sealed record Acknowledge(Guid IncidentId, long ExpectedVersion, Caller Caller) : IRequest<IncidentDetail>;

internal sealed class AcknowledgeHandler(IncidentCommandRunner runner) : IRequestHandler<Acknowledge, IncidentDetail>
{
    public Task<IncidentDetail> Handle(Acknowledge cmd, CancellationToken ct) =>
        runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller, (s, now) => Decide(s, cmd.Caller.Id, now), ct);

    /// <summary>
    /// Records acknowledged-at (R6). Acknowledgement is detection's only exit criterion, so in detection it
    /// also starts triage. Acknowledging twice changes nothing.
    /// </summary>
    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, Guid actor, DateTimeOffset now)
    {
        if (s.AcknowledgedAt is not null) return [];
        IncidentRules.RequireOpen(s);
        var acknowledged = new IncidentAcknowledged(s.Id, actor, now);
        return s.Stage == Stage.Detection
            ? [acknowledged, new StageAdvanced(s.Id, Stage.Detection, Stage.Triage, actor, now)]
            : [acknowledged];
    }
}
