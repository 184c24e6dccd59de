using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using MediatR;

namespace IncidentDesk.Api.Incidents.Rerating;

public sealed record RerateSeverityRequest(InfoClass? InfoClass, Impact? Impact, bool? PersonalDataInvolved, string? Reason);

/// <summary>A re-rating once validated: the three inputs of the severity rule and the reason, trimmed.</summary>
internal sealed record RerateInput(InfoClass InfoClass, Impact Impact, bool PersonalDataInvolved, string Reason);

public sealed record RerateSeverity(Guid IncidentId, long ExpectedVersion, RerateSeverityRequest Body, Caller Caller)
    : IRequest<IncidentDetail>;

internal sealed class RerateSeverityHandler(IncidentCommandRunner runner) : IRequestHandler<RerateSeverity, IncidentDetail>
{
    public Task<IncidentDetail> Handle(RerateSeverity cmd, CancellationToken ct)
    {
        var input = Validate(cmd.Body);
        return runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller, (s, now) => Decide(s, input, cmd.Caller.Id, now), ct);
    }

    internal static RerateInput Validate(RerateSeverityRequest body)
    {
        var errors = new FieldErrors();
        var input = new RerateInput(errors.Value("infoClass", body.InfoClass), errors.Value("impact", body.Impact),
            errors.Value("personalDataInvolved", body.PersonalDataInvolved), errors.TextValue("reason", body.Reason, 2000));
        errors.ThrowIfAny();
        return input;
    }

    /// <summary>Re-rating keeps an audit trail: old and new severity and the reason (R14).</summary>
    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, RerateInput b, Guid actor, DateTimeOffset now)
    {
        IncidentRules.RequireOpen(s);
        if (s.Triage is not { } t)
            throw new RuleViolated("not_triaged", $"{s.Reference} has not been triaged yet; rate it in the triage form");
        if (t.InfoClass == b.InfoClass && t.Impact == b.Impact && t.PersonalDataInvolved == b.PersonalDataInvolved) return [];
        var to = SeverityRule.Derive(b.InfoClass, b.Impact, b.PersonalDataInvolved, t.UsersMayBeHarmed);
        return [new SeverityRerated(s.Id, b.InfoClass, b.Impact, b.PersonalDataInvolved, t.Severity, to, b.Reason, actor, now)];
    }
}
