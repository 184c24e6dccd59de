using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using MediatR;

namespace IncidentDesk.Api.Incidents.Rerating;

public sealed record RerateSeverityRequest(InfoClass? InfoClass, Impact? Impact, bool? PersonalDataInvolved, string? Reason);

public sealed record RerateSeverity(Guid IncidentId, long ExpectedVersion, RerateSeverityRequest Body, Caller Caller)
    : IRequest<IncidentDetail>;

internal sealed class RerateSeverityHandler(IncidentCommandRunner runner) : IRequestHandler<RerateSeverity, IncidentDetail>
{
    public Task<IncidentDetail> Handle(RerateSeverity cmd, CancellationToken ct)
    {
        new FieldErrors()
            .Required("infoClass", cmd.Body.InfoClass)
            .Required("impact", cmd.Body.Impact)
            .Required("personalDataInvolved", cmd.Body.PersonalDataInvolved)
            .Text("reason", cmd.Body.Reason, 2000)
            .ThrowIfAny();
        return runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller, (s, now) => Decide(s, cmd.Body, cmd.Caller.Id, now), ct);
    }

    /// <summary>Re-rating keeps an audit trail: old and new severity and the reason (R14).</summary>
    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, RerateSeverityRequest b, Guid actor, DateTimeOffset now)
    {
        IncidentRules.RequireOpen(s);
        if (s.Triage is not { } t)
            throw new RuleViolated("not_triaged", $"{s.Reference} has not been triaged yet; rate it in the triage form");
        if (t.InfoClass == b.InfoClass && t.Impact == b.Impact && t.PersonalDataInvolved == b.PersonalDataInvolved) return [];
        var to = SeverityRule.Derive(b.InfoClass!.Value, b.Impact!.Value, b.PersonalDataInvolved!.Value, t.UsersMayBeHarmed);
        return [new SeverityRerated(s.Id, b.InfoClass.Value, b.Impact.Value, b.PersonalDataInvolved.Value, t.Severity, to,
            b.Reason!.Trim(), actor, now)];
    }
}
