using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.Improvements.Editing;
using IncidentDesk.Api.Drills.Improvements.GettingImprovements;
using IncidentDesk.Api.EventStore;
using MediatR;

namespace IncidentDesk.Api.Drills.Improvements.ChangingStatus;

/// <param name="Status">open → in-progress → done (or one step back); verified from done, naming the retest.</param>
/// <param name="RetestRunId">For verified, an item from a drill run: the later run of the same scenario that retested it.</param>
/// <param name="RetestExerciseId">For verified, an item from an exercise: the later exercise of the same type that retested it.</param>
public sealed record ChangeImprovementStatusRequest(
    [property: Required] ImprovementStatus? Status,
    [property: StringLength(ImprovementRules.NoteMax)] string? Note,
    Guid? RetestRunId,
    Guid? RetestExerciseId);

public sealed record ChangeImprovementStatus(Guid ItemId, long ExpectedVersion, ChangeImprovementStatusRequest Body, Caller Caller)
    : IRequest<ImprovementItemView>;

internal sealed class ChangeImprovementStatusHandler(CommandPath commands, ImprovementFacts facts, ImprovementViews views)
    : IRequestHandler<ChangeImprovementStatus, ImprovementItemView>
{
    public async Task<ImprovementItemView> Handle(ChangeImprovementStatus cmd, CancellationToken ct)
    {
        var visible = await views.LoadVisibleAsync(cmd.ItemId, cmd.Caller, ct);
        if (!ImprovementRules.MayChangeStatus(visible.State, cmd.Caller))
            throw new Forbidden("only responders, admins and the item's owner change its status");
        var b = cmd.Body;
        var errors = new FieldErrors();
        var to = errors.Value("status", b.Status);
        var note = errors.OptionalMultilineValue("note", b.Note, ImprovementRules.NoteMax);
        if (b.RetestRunId is not null && b.RetestExerciseId is not null) errors.Add("retestRunId", "give retestRunId or retestExerciseId, not both");
        if ((b.RetestRunId ?? b.RetestExerciseId) is not null && b.Status != ImprovementStatus.Verified)
            errors.Add(b.RetestRunId is not null ? "retestRunId" : "retestExerciseId", "is only for status verified");
        if (b.RetestRunId is not null && visible.State.Source.RunId is null) errors.Add("retestRunId", "is for items from a drill run; this one came from an exercise");
        if (b.RetestExerciseId is not null && visible.State.Source.ExerciseId is null) errors.Add("retestExerciseId", "is for items from an exercise; this one came from a drill run");
        errors.ThrowIfAny();
        var retest = await facts.RetestAsync(visible.State, b.RetestRunId, b.RetestExerciseId, ct);
        var (state, version) = await commands.RunAsync(cmd.Caller.Id, async work =>
        {
            var item = await ImprovementCommands.LoadAsync(work, cmd.ItemId, ct, cmd.ExpectedVersion);
            var events = ImprovementRules.ChangeStatus(item.State, to, note, retest, cmd.Caller, work.Now);
            work.Append(cmd.ItemId, events);
            return (events.Aggregate(item.State, (s, e) => ImprovementItem.Evolve(s, e)), work.VersionAfter(cmd.ItemId));
        }, ct);
        return await views.DetailAsync(state, version, cmd.Caller, ct);
    }
}
