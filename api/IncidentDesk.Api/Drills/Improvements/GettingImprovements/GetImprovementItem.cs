using IncidentDesk.Api.Common;
using MediatR;

namespace IncidentDesk.Api.Drills.Improvements.GettingImprovements;

public sealed record GetImprovementItem(Guid ItemId, Caller Caller) : IRequest<ImprovementItemView>;

internal sealed class GetImprovementItemHandler(ImprovementViews views) : IRequestHandler<GetImprovementItem, ImprovementItemView>
{
    public async Task<ImprovementItemView> Handle(GetImprovementItem q, CancellationToken ct)
    {
        var item = await views.LoadVisibleAsync(q.ItemId, q.Caller, ct);
        return await views.DetailAsync(item.State, item.Version, q.Caller, ct);
    }
}
