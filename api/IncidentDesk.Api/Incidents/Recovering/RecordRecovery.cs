using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using MediatR;

namespace IncidentDesk.Api.Incidents.Recovering;

public sealed record NotifiedPartyRequest(string? Party, DateTimeOffset? NotifiedAt, string? How);

public sealed record RecoveryRequest(string? ActionsTaken, bool? NormalOperationVerified, NotifiedPartyRequest[]? NotifiedParties);

/// <summary>A recovery record once validated: texts trimmed (blank is none), notified parties complete and in UTC.</summary>
internal sealed record RecoveryInput(string? ActionsTaken, bool NormalOperationVerified, NotifiedParty[] NotifiedParties);

public sealed record RecordRecovery(Guid IncidentId, long ExpectedVersion, RecoveryRequest Body, Caller Caller)
    : IRequest<IncidentDetail>;

internal sealed class RecordRecoveryHandler(IncidentCommandRunner runner, TimeProvider clock)
    : IRequestHandler<RecordRecovery, IncidentDetail>
{
    public Task<IncidentDetail> Handle(RecordRecovery cmd, CancellationToken ct)
    {
        var input = Validate(cmd.Body, clock.GetUtcNow());
        return runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller, (s, now) => Decide(s, input, cmd.Caller.Id, now), ct);
    }

    internal static RecoveryInput Validate(RecoveryRequest b, DateTimeOffset now)
    {
        var errors = new FieldErrors().Max("notifiedParties", b.NotifiedParties, 50);
        var parties = new List<NotifiedParty>();
        foreach (var (p, i) in (b.NotifiedParties ?? []).Select((p, i) => (p, i)))
        {
            if (p is null) { errors.Add($"notifiedParties.{i}", "is required"); continue; }
            var party = new NotifiedParty(errors.TextValue($"notifiedParties.{i}.party", p.Party, 200),
                errors.Value($"notifiedParties.{i}.notifiedAt", p.NotifiedAt).ToUniversalTime(),
                errors.OptionalValue($"notifiedParties.{i}.how", p.How, 200));
            if (p.NotifiedAt > now.AddMinutes(5)) errors.Add($"notifiedParties.{i}.notifiedAt", "cannot be in the future");
            parties.Add(party);
        }
        var input = new RecoveryInput(errors.OptionalValue("actionsTaken", b.ActionsTaken, 4000),
            errors.Value("normalOperationVerified", b.NormalOperationVerified), [.. parties]);
        errors.ThrowIfAny();
        return input;
    }

    /// <summary>
    /// "Normal operation verified" is signed off by the caller at this moment (who, when); it keeps its
    /// original signer when later saves leave it ticked. Stakeholders and users notified are listed (R12).
    /// </summary>
    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, RecoveryInput b, Guid actor, DateTimeOffset now)
    {
        IncidentRules.RequireStage(s, Stage.Recovery, "recovery");
        var verified = b.NormalOperationVerified;
        var kept = verified && s.Recovery is { NormalOperationVerified: true } earlier ? earlier : null;
        var by = !verified ? null : kept is null ? actor : kept.VerifiedBy;
        var at = !verified ? null : kept is null ? now : kept.VerifiedAt;
        var parties = b.NotifiedParties;
        var actions = b.ActionsTaken;
        if (s.Recovery is { } r && r.ActionsTaken == actions && r.NormalOperationVerified == verified &&
            r.NotifiedParties.SequenceEqual(parties)) return [];
        return [new RecoveryRecorded(s.Id, actions, verified, by, at, parties, actor, now)];
    }
}
