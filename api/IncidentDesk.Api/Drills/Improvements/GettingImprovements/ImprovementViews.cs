using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Playbooks;
using Marten;

namespace IncidentDesk.Api.Drills.Improvements.GettingImprovements;

/// <summary>The linked step with its titles as the current playbook names them (null titles: the step is gone from the file).</summary>
public sealed record PlaybookStepView(string PlaybookId, string StepId, LocalizedText? PlaybookTitle, LocalizedText? StepTitle);

public sealed record ImprovementStatusView(ImprovementStatus From, ImprovementStatus To, string? Note, Guid Actor, string? ActorName, DateTimeOffset At);

public sealed record ImprovementReminderView(ImprovementReminderKind Kind, DateTimeOffset DueAt, DateTimeOffset? SentAt, bool Current);

/// <summary>
/// One improvement item: what, who owns it, by when, where it stands and how it got there, where it came from, the playbook
/// step it changes, and its reminders. <c>mayEdit</c> / <c>mayChangeStatus</c> say what the caller may do; the ETag is <c>version</c>.
/// </summary>
public sealed record ImprovementItemView(
    Guid Id, long Version, string Title, string? Detail, Guid OwnerId, string? OwnerName, DateOnly DueDate, ImprovementStatus Status,
    bool Overdue, ImprovementSource Source, PlaybookStepView? PlaybookStep, Guid? RetestRunId, Guid? RetestExerciseId,
    Guid CreatedBy, string? CreatedByName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<ImprovementStatusView> History, IReadOnlyList<ImprovementReminderView> Reminders, bool MayEdit, bool MayChangeStatus);

public sealed class ImprovementViews(IDocumentStore store, UserDirectory users, PlaybookLibrary playbooks, ImprovementFacts facts)
{
    public async Task<ImprovementItemView> DetailAsync(ImprovementItem s, long version, Caller caller, CancellationToken ct)
    {
        var notices = (await store.FetchAsync<ImprovementNotices>(ImprovementNotices.StreamIdFor(s.Id), ImprovementNotices.Evolve, ct))?.State
                      ?? ImprovementNotices.Empty(s.Id);
        var names = await users.NamesAsync([s.OwnerId, s.CreatedBy, .. s.History.Select(h => h.Actor)], ct);
        string? Name(Guid id) => id == SystemActor.Id ? SystemActor.Name : names.GetValueOrDefault(id);
        var today = ImprovementRules.Today(DateTimeOffset.UtcNow, await facts.ZoneAsync(ct));
        var playbook = s.PlaybookStep is { } link ? playbooks.CurrentById(link.PlaybookId) : null;
        return new ImprovementItemView(
            s.Id, version, s.Title, s.Detail, s.OwnerId, Name(s.OwnerId), s.DueDate, s.Status, !s.IsClosed && s.DueDate < today, s.Source,
            s.PlaybookStep is { } l ? new PlaybookStepView(l.PlaybookId, l.StepId, playbook?.Title, playbook?.Step(l.StepId)?.Title) : null,
            s.RetestRunId, s.RetestExerciseId, s.CreatedBy, Name(s.CreatedBy), s.CreatedAt, s.UpdatedAt,
            s.History.Select(h => new ImprovementStatusView(h.From, h.To, h.Note, h.Actor, Name(h.Actor), h.At)).ToList(),
            notices.Timers.Values.OrderBy(t => t.DueAt)
                .Select(t => new ImprovementReminderView(t.Kind, t.DueAt, t.SentAt, t.Round == notices.Round && t.DueDate == s.DueDate)).ToList(),
            ImprovementRules.MayEdit(caller), ImprovementRules.MayChangeStatus(s, caller));
    }

    /// <summary>An item the caller may see (a reporter: one they own), or 404: a reporter never learns that others exist.</summary>
    public async Task<StreamState<ImprovementItem>> LoadVisibleAsync(Guid id, Caller caller, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0 || events[0].Data is not ImprovementItemCreated) throw new NotFoundError($"improvement item {id}");
        var state = events.Aggregate((ImprovementItem?)null, (s, e) => ImprovementItem.Evolve(s, e.Data))!;
        if (!ImprovementRules.MaySee(state, caller)) throw new NotFoundError($"improvement item {id}");
        return new StreamState<ImprovementItem>(id, events[^1].Version, state);
    }
}
