using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using MediatR;

namespace IncidentDesk.Api.Incidents.Assigning;

public sealed record AssignRequest(Guid? OwnerId);

public sealed record Assign(Guid IncidentId, long ExpectedVersion, AssignRequest Body, Caller Caller) : IRequest<IncidentDetail>;

internal sealed class AssignHandler(IncidentCommandRunner runner, UserDirectory users) : IRequestHandler<Assign, IncidentDetail>
{
    public async Task<IncidentDetail> Handle(Assign cmd, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var owner = errors.Value("ownerId", cmd.Body.OwnerId);
        errors.ThrowIfAny();
        await IncidentRules.RequireOwnerAsync(users, "ownerId", owner, ct);
        return await runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller, (s, now) => Decide(s, owner, cmd.Caller.Id, now), ct);
    }

    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, Guid owner, Guid actor, DateTimeOffset now)
    {
        if (s.OwnerId == owner) return [];
        IncidentRules.RequireOpen(s);
        return [new IncidentAssigned(s.Id, owner, s.OwnerId, actor, now)];
    }
}
