using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using MediatR;

namespace IncidentDesk.Api.Incidents.Recovering;

public sealed record NotifiedPartyRequest(string? Party, DateTimeOffset? NotifiedAt, string? How);

public sealed record RecoveryRequest(string? ActionsTaken, bool? NormalOperationVerified, NotifiedPartyRequest[]? NotifiedParties);

public sealed record RecordRecovery(Guid IncidentId, long ExpectedVersion, RecoveryRequest Body, Caller Caller)
    : IRequest<IncidentDetail>;

internal sealed class RecordRecoveryHandler(IncidentCommandRunner runner, TimeProvider clock)
    : IRequestHandler<RecordRecovery, IncidentDetail>
{
    public Task<IncidentDetail> Handle(RecordRecovery cmd, CancellationToken ct)
    {
        Validate(cmd.Body, clock.GetUtcNow());
        return runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller, (s, now) => Decide(s, cmd.Body, cmd.Caller.Id, now), ct);
    }

    internal static void Validate(RecoveryRequest b, DateTimeOffset now)
    {
        var errors = new FieldErrors()
            .Optional("actionsTaken", b.ActionsTaken, 4000)
            .Required("normalOperationVerified", b.NormalOperationVerified)
            .Max("notifiedParties", b.NotifiedParties, 50);
        for (var i = 0; i < (b.NotifiedParties?.Length ?? 0); i++)
        {
            var p = b.NotifiedParties![i];
            if (p is null) { errors.Add($"notifiedParties.{i}", "is required"); continue; }
            errors.Text($"notifiedParties.{i}.party", p.Party, 200)
                .Required($"notifiedParties.{i}.notifiedAt", p.NotifiedAt)
                .Optional($"notifiedParties.{i}.how", p.How, 200);
            if (p.NotifiedAt > now.AddMinutes(5)) errors.Add($"notifiedParties.{i}.notifiedAt", "cannot be in the future");
        }
        errors.ThrowIfAny();
    }

    /// <summary>
    /// "Normal operation verified" is signed off by the caller at this moment (who, when); it keeps its
    /// original signer when later saves leave it ticked. Stakeholders and users notified are listed (R12).
    /// </summary>
    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, RecoveryRequest b, Guid actor, DateTimeOffset now)
    {
        IncidentRules.RequireStage(s, Stage.Recovery, "recovery");
        var verified = b.NormalOperationVerified!.Value;
        var keepSignOff = verified && s.Recovery is { NormalOperationVerified: true };
        var by = verified ? keepSignOff ? s.Recovery!.VerifiedBy : actor : null;
        var at = verified ? keepSignOff ? s.Recovery!.VerifiedAt : now : null;
        var parties = (b.NotifiedParties ?? [])
            .Select(p => new NotifiedParty(p.Party!.Trim(), p.NotifiedAt!.Value.ToUniversalTime(), string.IsNullOrWhiteSpace(p.How) ? null : p.How.Trim()))
            .ToArray();
        var actions = string.IsNullOrWhiteSpace(b.ActionsTaken) ? null : b.ActionsTaken.Trim();
        if (s.Recovery is { } r && r.ActionsTaken == actions && r.NormalOperationVerified == verified &&
            r.NotifiedParties.SequenceEqual(parties)) return [];
        return [new RecoveryRecorded(s.Id, actions, verified, by, at, parties, actor, now)];
    }
}
