using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using MediatR;

namespace IncidentDesk.Api.Incidents.Triaging;

public sealed record TriageRequest(
    InfoClass? InfoClass, Impact? Impact, bool? PersonalDataInvolved, bool? UsersMayBeHarmed, bool? DataMayBeLeaking,
    string[]? ContainmentActions, Guid? OwnerId);

/// <summary>A triage request once validated: every answer given, containment actions trimmed.</summary>
internal sealed record TriageInput(
    InfoClass InfoClass, Impact Impact, bool PersonalDataInvolved, bool UsersMayBeHarmed, bool DataMayBeLeaking,
    string[] ContainmentActions, Guid? OwnerId);

public sealed record Triage(Guid IncidentId, long ExpectedVersion, TriageRequest Body, Caller Caller) : IRequest<IncidentDetail>;

internal sealed class TriageHandler(IncidentCommandRunner runner, UserDirectory users) : IRequestHandler<Triage, IncidentDetail>
{
    public async Task<IncidentDetail> Handle(Triage cmd, CancellationToken ct)
    {
        var input = Validate(cmd.Body);
        await IncidentRules.RequireOwnerAsync(users, "ownerId", input.OwnerId, ct);
        return await runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller,
            (s, now) => Decide(s, input, cmd.Caller.Id, now), ct);
    }

    internal static TriageInput Validate(TriageRequest body)
    {
        var errors = new FieldErrors().Max("containmentActions", body.ContainmentActions, 20);
        var input = new TriageInput(
            errors.Value("infoClass", body.InfoClass),
            errors.Value("impact", body.Impact),
            errors.Value("personalDataInvolved", body.PersonalDataInvolved),
            errors.Value("usersMayBeHarmed", body.UsersMayBeHarmed),
            errors.Value("dataMayBeLeaking", body.DataMayBeLeaking),
            (body.ContainmentActions ?? []).Select((a, i) => errors.TextValue($"containmentActions.{i}", a, 500)).ToArray(),
            body.OwnerId);
        errors.ThrowIfAny();
        return input;
    }

    /// <summary>
    /// Severity is derived, never typed in (R14). Triage records containment and the two questions of the
    /// initial response: could users be harmed, could data be leaking (R9; seeds 000:1361-1366).
    /// </summary>
    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, TriageInput b, Guid actor, DateTimeOffset now)
    {
        IncidentRules.RequireStage(s, Stage.Triage, "triage");
        var actions = b.ContainmentActions;
        var severity = SeverityRule.Derive(b.InfoClass, b.Impact, b.PersonalDataInvolved, b.UsersMayBeHarmed);
        var events = new List<IIncidentEvent>();
        var t = s.Triage;
        var same = t is not null && t.InfoClass == b.InfoClass && t.Impact == b.Impact &&
                   t.PersonalDataInvolved == b.PersonalDataInvolved && t.UsersMayBeHarmed == b.UsersMayBeHarmed &&
                   t.DataMayBeLeaking == b.DataMayBeLeaking && t.ContainmentActions.SequenceEqual(actions);
        if (!same)
            events.Add(new IncidentTriaged(s.Id, b.InfoClass, b.Impact, b.PersonalDataInvolved,
                b.UsersMayBeHarmed, b.DataMayBeLeaking, actions, severity, actor, now));
        if (b.OwnerId is { } owner && owner != s.OwnerId)
            events.Add(new IncidentAssigned(s.Id, owner, s.OwnerId, actor, now));
        return events;
    }
}
