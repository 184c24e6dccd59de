using System.Text.Json.Serialization;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Timers;

namespace IncidentDesk.Api.Drills.Improvements;

/// <summary>
/// Where an improvement item stands: open, being worked on, done, and verified once a later run of the same scenario
/// (or a later exercise of the same type) retested it and it held.
/// </summary>
public enum ImprovementStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("in-progress")] InProgress,
    [JsonStringEnumMemberName("done")] Done,
    [JsonStringEnumMemberName("verified")] Verified,
}

/// <summary>The owner hears of an item a few days before its due date and on it: once each.</summary>
public enum ImprovementReminderKind
{
    [JsonStringEnumMemberName("before-due")] BeforeDue,
    [JsonStringEnumMemberName("on-due")] OnDue,
}

/// <summary>
/// What an item came out of: a drill run (with the scenario it ran, so a later run of the same scenario can retest it),
/// optionally the expected action that was missed or the contact person who did not answer; or a logged exercise (R37).
/// </summary>
public sealed record ImprovementSource(Guid? RunId, string? ScenarioId, Guid? ExerciseId, string? ExpectedActionId, string? ContactPerson);

/// <summary>The playbook step an item changes (validated against the playbook library when linked).</summary>
public sealed record PlaybookStepLink(string PlaybookId, string StepId);

public interface IImprovementEvent : IDomainEvent
{
    Guid ItemId { get; }
}

public sealed record ImprovementItemCreated(
    Guid ItemId, string Title, string? Detail, Guid OwnerId, DateOnly DueDate, ImprovementSource Source, PlaybookStepLink? PlaybookStep,
    Guid Actor, DateTimeOffset At) : IImprovementEvent;

/// <summary>The title, detail or playbook step link changed (the whole new text, as edited).</summary>
public sealed record ImprovementItemEdited(
    Guid ItemId, string Title, string? Detail, PlaybookStepLink? PlaybookStep, Guid Actor, DateTimeOffset At) : IImprovementEvent;

public sealed record ImprovementItemAssigned(Guid ItemId, Guid OwnerId, Guid Actor, DateTimeOffset At) : IImprovementEvent;

public sealed record ImprovementItemDueDateChanged(Guid ItemId, DateOnly DueDate, Guid Actor, DateTimeOffset At) : IImprovementEvent;

/// <summary>A step along open → in-progress → done (→ verified, naming the later run or exercise that retested it).</summary>
public sealed record ImprovementItemStatusChanged(
    Guid ItemId, ImprovementStatus From, ImprovementStatus To, string? Note, Guid? RetestRunId, Guid? RetestExerciseId,
    Guid Actor, DateTimeOffset At) : IImprovementEvent;

/// <summary>
/// Events of an item's notice stream (next to its own, as a decision's are): reminders and their messages, so that a
/// reminder or a delivery never moves the version someone edits the item on.
/// </summary>
public interface IImprovementNoticeEvent : IImprovementEvent;

/// <summary>
/// A reminder of <see cref="Round"/> (0 when the item was created, one more for each due date change: only the latest
/// round's reminders are sent) for <see cref="DueDate"/>, due at <see cref="DueAt"/>.
/// </summary>
public sealed record ImprovementReminderSet(
    Guid ItemId, Guid TimerId, ImprovementReminderKind Kind, int Round, DateOnly DueDate, DateTimeOffset DueAt, Guid Actor, DateTimeOffset At)
    : IImprovementNoticeEvent, ISetsTimer
{
    /// <summary>The timer belongs to the item; the timer outbox's incident column carries the item's id (there is no incident).</summary>
    public TimerDue Timer() => new(ImprovementDueTimer.Purpose, TimerId, ItemId, ItemId, DueAt);
}

public sealed record ImprovementReminderSent(
    Guid ItemId, Guid TimerId, ImprovementReminderKind Kind, Guid Actor, DateTimeOffset At) : IImprovementNoticeEvent;

public static class ImprovementEventTypes
{
    public static EventTypeMap RegisterImprovementEvents(this EventTypeMap map) => map
        .Register<ImprovementItemCreated>("improvement_item_created")
        .Register<ImprovementItemEdited>("improvement_item_edited")
        .Register<ImprovementItemAssigned>("improvement_item_assigned")
        .Register<ImprovementItemDueDateChanged>("improvement_item_due_date_changed")
        .Register<ImprovementItemStatusChanged>("improvement_item_status_changed")
        .Register<ImprovementReminderSet>("improvement_reminder_set")
        .Register<ImprovementReminderSent>("improvement_reminder_sent");
}
