using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Notifications;

namespace IncidentDesk.Api.Drills.Improvements;

/// <summary>One change of status as the item's history shows it.</summary>
public sealed record ImprovementStatusStep(ImprovementStatus From, ImprovementStatus To, string? Note, Guid Actor, DateTimeOffset At);

/// <summary>An improvement item as its stream folds: owner, due date, status through done (and verified), and who did what.</summary>
public sealed record ImprovementItem(
    Guid Id, string Title, string? Detail, Guid OwnerId, DateOnly DueDate, ImprovementStatus Status, ImprovementSource Source,
    PlaybookStepLink? PlaybookStep, Guid? RetestRunId, Guid? RetestExerciseId, Guid CreatedBy, DateTimeOffset CreatedAt,
    ImmutableList<ImprovementStatusStep> History, DateTimeOffset UpdatedAt)
{
    public bool IsClosed => Status is ImprovementStatus.Done or ImprovementStatus.Verified;

    public static ImprovementItem Evolve(ImprovementItem? s, object e) => (s, e) switch
    {
        (null, ImprovementItemCreated c) => new ImprovementItem(c.ItemId, c.Title, c.Detail, c.OwnerId, c.DueDate, ImprovementStatus.Open,
            c.Source, c.PlaybookStep, null, null, c.Actor, c.At, [], c.At),
        (null, _) => throw new NotFoundError("improvement item"),
        (_, ImprovementItemEdited x) => s with { Title = x.Title, Detail = x.Detail, PlaybookStep = x.PlaybookStep, UpdatedAt = x.At },
        (_, ImprovementItemAssigned x) => s with { OwnerId = x.OwnerId, UpdatedAt = x.At },
        (_, ImprovementItemDueDateChanged x) => s with { DueDate = x.DueDate, UpdatedAt = x.At },
        (_, ImprovementItemStatusChanged x) => s with
        {
            Status = x.To,
            RetestRunId = x.RetestRunId ?? s.RetestRunId,
            RetestExerciseId = x.RetestExerciseId ?? s.RetestExerciseId,
            History = s.History.Add(new ImprovementStatusStep(x.From, x.To, x.Note, x.Actor, x.At)),
            UpdatedAt = x.At,
        },
        _ => throw new InvalidOperationException($"an improvement item cannot fold {e.GetType().Name}"),
    };
}

public sealed record ImprovementTimerFacts(Guid TimerId, ImprovementReminderKind Kind, int Round, DateOnly DueDate, DateTimeOffset DueAt, DateTimeOffset? SentAt);

/// <summary>An item's notice stream folded: its reminder timers (which round is current, which were sent) and how many messages.</summary>
public sealed record ImprovementNotices(Guid ItemId, ImmutableDictionary<Guid, ImprovementTimerFacts> Timers, int Round, int Messages)
{
    public static ImprovementNotices Empty(Guid itemId) => new(itemId, ImmutableDictionary<Guid, ImprovementTimerFacts>.Empty, -1, 0);

    /// <summary>Derived from the item's id (name-based, like a UUIDv5), as a decision's notice stream is from the request's.</summary>
    public static Guid StreamIdFor(Guid itemId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("incidentdesk/improvement-notices/" + itemId.ToString("N")));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public static ImprovementNotices Evolve(ImprovementNotices? state, object e)
    {
        var s = state ?? Empty(e is IImprovementEvent i ? i.ItemId : Guid.Empty);
        return e switch
        {
            ImprovementReminderSet x => s with
            {
                ItemId = x.ItemId,
                Round = Math.Max(s.Round, x.Round),
                Timers = s.Timers.SetItem(x.TimerId, new ImprovementTimerFacts(x.TimerId, x.Kind, x.Round, x.DueDate, x.DueAt, null)),
            },
            ImprovementReminderSent x => s.Timers.TryGetValue(x.TimerId, out var t)
                ? s with { Timers = s.Timers.SetItem(x.TimerId, t with { SentAt = x.At }) }
                : s,
            NotificationQueued => s with { Messages = s.Messages + 1 },
            NotificationSent or NotificationFailed => s,
            _ => throw new InvalidOperationException($"an improvement item's notices cannot fold {e.GetType().Name}"),
        };
    }
}
