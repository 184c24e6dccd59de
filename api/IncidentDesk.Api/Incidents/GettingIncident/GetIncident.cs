using IncidentDesk.Api.Common;
using MediatR;

namespace IncidentDesk.Api.Incidents.GettingIncident;

public sealed record GetIncident(Guid IncidentId, Caller Caller) : IRequest<IncidentDetail>;

internal sealed class GetIncidentHandler(IncidentCommandRunner runner, IncidentViews views) : IRequestHandler<GetIncident, IncidentDetail>
{
    public async Task<IncidentDetail> Handle(GetIncident q, CancellationToken ct)
    {
        var stream = await runner.LoadVisibleAsync(q.IncidentId, q.Caller, ct);
        return await views.DetailAsync(stream.State, stream.Version, q.Caller, ct);
    }
}
