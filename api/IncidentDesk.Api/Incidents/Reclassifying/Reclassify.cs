using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using MediatR;

namespace IncidentDesk.Api.Incidents.Reclassifying;

public sealed record ReclassifyRequest(Category? Category, string? Reason);

public sealed record Reclassify(Guid IncidentId, long ExpectedVersion, ReclassifyRequest Body, Caller Caller) : IRequest<IncidentDetail>;

internal sealed class ReclassifyHandler(IncidentCommandRunner runner) : IRequestHandler<Reclassify, IncidentDetail>
{
    public Task<IncidentDetail> Handle(Reclassify cmd, CancellationToken ct)
    {
        new FieldErrors().Required("category", cmd.Body.Category).Text("reason", cmd.Body.Reason, 2000).ThrowIfAny();
        return runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller,
            (s, now) => Decide(s, cmd.Body.Category!.Value, cmd.Body.Reason!, cmd.Caller.Id, now), ct);
    }

    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, Category to, string reason, Guid actor, DateTimeOffset now)
    {
        if (s.Category == to) return [];
        IncidentRules.RequireOpen(s);
        return [new IncidentReclassified(s.Id, s.Category, to, reason.Trim(), actor, now)];
    }
}
