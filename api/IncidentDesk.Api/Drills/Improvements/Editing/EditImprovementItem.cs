using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.Improvements.GettingImprovements;
using IncidentDesk.Api.EventStore;
using MediatR;

namespace IncidentDesk.Api.Drills.Improvements.Editing;

/// <summary>Only what is given changes: a field left out (or null) stays as it is.</summary>
/// <param name="Detail">New detail; an empty string removes it.</param>
/// <param name="OwnerId">Assign the item to another enabled account.</param>
/// <param name="DueDate">A new due date (today or later); the reminders follow it.</param>
/// <param name="ClearPlaybookStep">True removes the link to a playbook step.</param>
public sealed record EditImprovementRequest(
    [property: StringLength(ImprovementRules.TitleMax, MinimumLength = 1)] string? Title,
    [property: StringLength(ImprovementRules.DetailMax)] string? Detail,
    Guid? OwnerId,
    DateOnly? DueDate,
    PlaybookStepInput? PlaybookStep,
    bool? ClearPlaybookStep);

public sealed record EditImprovementItem(Guid ItemId, long ExpectedVersion, EditImprovementRequest Body, Caller Caller) : IRequest<ImprovementItemView>;

internal sealed class EditImprovementItemHandler(CommandPath commands, ImprovementFacts facts, ImprovementViews views, TimeProvider clock)
    : IRequestHandler<EditImprovementItem, ImprovementItemView>
{
    public async Task<ImprovementItemView> Handle(EditImprovementItem cmd, CancellationToken ct)
    {
        if (!ImprovementRules.MayEdit(cmd.Caller))
        {
            // A reporter learns nothing of items they do not own.
            await views.LoadVisibleAsync(cmd.ItemId, cmd.Caller, ct);
            throw new Forbidden("responders and admins edit improvement items; the owner changes only its status");
        }
        var b = cmd.Body;
        var zone = await facts.ZoneAsync(ct);
        var errors = new FieldErrors();
        var (title, detail) = facts.Text(errors, "", b.Title, b.Detail, titleRequired: false);
        await facts.CheckOwnerAsync(errors, "ownerId", b.OwnerId, ct);
        if (b.DueDate is { } due) ImprovementRules.CheckDueDate(errors, "dueDate", due, clock.GetUtcNow(), zone);
        var step = facts.PlaybookStep(errors, "playbookStep", b.PlaybookStep);
        if (step is not null && b.ClearPlaybookStep == true) errors.Add("clearPlaybookStep", "cannot be true while playbookStep is given");
        errors.ThrowIfAny();
        var edit = new ImprovementEdit(title, detail, b.Detail is not null && detail is null, b.OwnerId, b.DueDate, step, b.ClearPlaybookStep == true);
        var (state, version) = await commands.RunAsync(cmd.Caller.Id, async work =>
        {
            var item = await ImprovementCommands.LoadAsync(work, cmd.ItemId, ct, cmd.ExpectedVersion);
            var events = ImprovementRules.Edit(item.State, edit, cmd.Caller.Id, work.Now);
            work.Append(cmd.ItemId, events);
            if (events.OfType<ImprovementItemDueDateChanged>().FirstOrDefault() is { } changed)
            {
                // A new round of reminders for the new date; the earlier round's timers then change nothing when they fire.
                var noticesId = ImprovementNotices.StreamIdFor(cmd.ItemId);
                var notices = (await work.LoadAsync<ImprovementNotices>(noticesId, ImprovementNotices.Evolve, ct))?.State ?? ImprovementNotices.Empty(cmd.ItemId);
                var reminders = ImprovementRules.Reminders(cmd.ItemId, changed.DueDate, notices.Round + 1, zone, facts.Schedule, work.Now,
                    () => Guid.CreateVersion7(work.Now));
                if (notices.Round < 0) work.Start(noticesId, reminders.ToList<object>());
                else work.Append(noticesId, reminders);
            }
            return (events.Aggregate(item.State, (s, e) => ImprovementItem.Evolve(s, e)), work.VersionAfter(cmd.ItemId));
        }, ct);
        return await views.DetailAsync(state, version, cmd.Caller, ct);
    }
}

/// <summary>Loading an item on the command path: any other stream (an incident, a decision) is not found.</summary>
public static class ImprovementCommands
{
    public static async Task<StreamState<ImprovementItem>> LoadAsync(UnitOfWork work, Guid itemId, CancellationToken ct, long? expectedVersion = null) =>
        await work.LoadAsync<ImprovementItem>(itemId, ImprovementItem.Evolve, ct, expectedVersion)
        ?? throw new NotFoundError($"improvement item {itemId}");
}
