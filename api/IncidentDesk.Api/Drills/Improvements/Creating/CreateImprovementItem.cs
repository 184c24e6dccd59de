using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.Improvements.GettingImprovements;
using IncidentDesk.Api.EventStore;
using MediatR;

namespace IncidentDesk.Api.Drills.Improvements.Creating;

/// <param name="DueDate">A date (yyyy-mm-dd) in the organisation's zone, today or later; the owner is reminded before it and on it.</param>
/// <param name="PlaybookStep">The playbook step the item changes, if any.</param>
public sealed record CreateImprovementRequest(
    [property: Required, StringLength(ImprovementRules.TitleMax, MinimumLength = 1)] string? Title,
    [property: StringLength(ImprovementRules.DetailMax)] string? Detail,
    [property: Required] Guid? OwnerId,
    [property: Required] DateOnly? DueDate,
    [property: Required] ImprovementSourceInput? Source,
    PlaybookStepInput? PlaybookStep);

public sealed record CreateImprovementItem(CreateImprovementRequest Body, Caller Caller) : IRequest<ImprovementItemView>;

internal sealed class CreateImprovementItemHandler(CommandPath commands, ImprovementFacts facts, ImprovementViews views, TimeProvider clock)
    : IRequestHandler<CreateImprovementItem, ImprovementItemView>
{
    public async Task<ImprovementItemView> Handle(CreateImprovementItem cmd, CancellationToken ct)
    {
        if (!ImprovementRules.MayEdit(cmd.Caller)) throw new Forbidden("responders and admins record improvement items");
        var zone = await facts.ZoneAsync(ct);
        var errors = new FieldErrors();
        var input = await ValidateAsync(facts, errors, "", cmd.Body.Title, cmd.Body.Detail, cmd.Body.OwnerId, cmd.Body.DueDate, cmd.Body.PlaybookStep,
            zone, clock.GetUtcNow(), ct);
        var source = await facts.SourceAsync(errors, cmd.Body.Source, ct);
        errors.ThrowIfAny();
        var (state, version) = await commands.RunAsync(cmd.Caller.Id, work =>
        {
            var id = Guid.CreateVersion7(work.Now);
            var created = ImprovementFacts.Start(work, id, input!, source!, cmd.Caller.Id, zone, facts.Schedule);
            return Task.FromResult((ImprovementItem.Evolve(null, created), work.VersionAfter(id)));
        }, ct);
        return await views.DetailAsync(state, version, cmd.Caller, ct);
    }

    /// <summary>An item's fields as a request gives them (the improvement route, or each of an exercise's items under <paramref name="prefix"/>).</summary>
    internal static async Task<ImprovementInput?> ValidateAsync(ImprovementFacts facts, FieldErrors errors, string prefix, string? title, string? detail,
        Guid? ownerId, DateOnly? dueDate, PlaybookStepInput? step, TimeZoneInfo zone, DateTimeOffset now, CancellationToken ct)
    {
        var (t, d) = facts.Text(errors, prefix, title, detail, titleRequired: true);
        var owner = errors.Value($"{prefix}ownerId", ownerId);
        await facts.CheckOwnerAsync(errors, $"{prefix}ownerId", ownerId, ct);
        var due = errors.Value($"{prefix}dueDate", dueDate);
        if (dueDate is not null) ImprovementRules.CheckDueDate(errors, $"{prefix}dueDate", due, now, zone);
        var link = facts.PlaybookStep(errors, $"{prefix}playbookStep", step);
        return new ImprovementInput(t!, d, owner, due, link);
    }
}
