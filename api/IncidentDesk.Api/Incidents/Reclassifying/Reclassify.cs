using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using IncidentDesk.Api.Playbooks;
using MediatR;

namespace IncidentDesk.Api.Incidents.Reclassifying;

public sealed record ReclassifyRequest(Category? Category, string? Reason);

public sealed record Reclassify(Guid IncidentId, long ExpectedVersion, ReclassifyRequest Body, Caller Caller) : IRequest<IncidentDetail>;

internal sealed class ReclassifyHandler(IncidentCommandRunner runner, PlaybookLibrary playbooks) : IRequestHandler<Reclassify, IncidentDetail>
{
    public Task<IncidentDetail> Handle(Reclassify cmd, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var category = errors.Value("category", cmd.Body.Category);
        var reason = errors.TextValue("reason", cmd.Body.Reason, 2000);
        errors.ThrowIfAny();
        var playbook = playbooks.CurrentFor(category);
        var pin = playbook is null ? null : new PlaybookPin(playbook.Id, playbook.Version, playbook.ContentHash);
        return runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller,
            (s, now) => Decide(s, category, reason, cmd.Caller.Id, now, pin), ct);
    }

    /// <summary>
    /// The new category's playbook is pinned and its steps added; steps already completed or skipped keep
    /// their history (a step id shared by both playbooks stays done).
    /// </summary>
    internal static IReadOnlyList<IIncidentEvent> Decide(
        Incident s, Category to, string reason, Guid actor, DateTimeOffset now, PlaybookPin? playbook = null)
    {
        if (s.Category == to) return [];
        IncidentRules.RequireOpen(s);
        return [new IncidentReclassified(s.Id, s.Category, to, reason.Trim(), actor, now) { Playbook = playbook }];
    }
}
