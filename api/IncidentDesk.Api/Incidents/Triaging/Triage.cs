using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using MediatR;

namespace IncidentDesk.Api.Incidents.Triaging;

public sealed record TriageRequest(
    InfoClass? InfoClass, Impact? Impact, bool? PersonalDataInvolved, bool? UsersMayBeHarmed, bool? DataMayBeLeaking,
    string[]? ContainmentActions, Guid? OwnerId);

public sealed record Triage(Guid IncidentId, long ExpectedVersion, TriageRequest Body, Caller Caller) : IRequest<IncidentDetail>;

internal sealed class TriageHandler(IncidentCommandRunner runner, UserDirectory users) : IRequestHandler<Triage, IncidentDetail>
{
    public async Task<IncidentDetail> Handle(Triage cmd, CancellationToken ct)
    {
        Validate(cmd.Body);
        await IncidentRules.RequireOwnerAsync(users, "ownerId", cmd.Body.OwnerId, ct);
        return await runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller,
            (s, now) => Decide(s, cmd.Body, cmd.Caller.Id, now), ct);
    }

    internal static void Validate(TriageRequest body)
    {
        var errors = new FieldErrors()
            .Required("infoClass", body.InfoClass)
            .Required("impact", body.Impact)
            .Required("personalDataInvolved", body.PersonalDataInvolved)
            .Required("usersMayBeHarmed", body.UsersMayBeHarmed)
            .Required("dataMayBeLeaking", body.DataMayBeLeaking)
            .Max("containmentActions", body.ContainmentActions, 20);
        for (var i = 0; i < (body.ContainmentActions?.Length ?? 0); i++)
            errors.Text($"containmentActions.{i}", body.ContainmentActions![i], 500);
        errors.ThrowIfAny();
    }

    /// <summary>
    /// Severity is derived, never typed in (R14). Triage records containment and the two questions of the
    /// initial response: could users be harmed, could data be leaking (R9; seeds 000:1361-1366).
    /// </summary>
    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, TriageRequest b, Guid actor, DateTimeOffset now)
    {
        IncidentRules.RequireStage(s, Stage.Triage, "triage");
        var actions = (b.ContainmentActions ?? []).Select(a => a.Trim()).ToArray();
        var severity = SeverityRule.Derive(b.InfoClass!.Value, b.Impact!.Value, b.PersonalDataInvolved!.Value, b.UsersMayBeHarmed!.Value);
        var events = new List<IIncidentEvent>();
        var t = s.Triage;
        var same = t is not null && t.InfoClass == b.InfoClass && t.Impact == b.Impact &&
                   t.PersonalDataInvolved == b.PersonalDataInvolved && t.UsersMayBeHarmed == b.UsersMayBeHarmed &&
                   t.DataMayBeLeaking == b.DataMayBeLeaking && t.ContainmentActions.SequenceEqual(actions);
        if (!same)
            events.Add(new IncidentTriaged(s.Id, b.InfoClass.Value, b.Impact.Value, b.PersonalDataInvolved.Value,
                b.UsersMayBeHarmed.Value, b.DataMayBeLeaking!.Value, actions, severity, actor, now));
        if (b.OwnerId is { } owner && owner != s.OwnerId)
            events.Add(new IncidentAssigned(s.Id, owner, s.OwnerId, actor, now));
        return events;
    }
}
