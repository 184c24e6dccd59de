using IncidentDesk.Api.Common;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.Notifications;

namespace IncidentDesk.Api.Drills.ContactChecks;

/// <summary>
/// The pure rules of a contact-chain check (no I/O, clock or ids of their own: <c>now</c>, <c>newId</c> and the step
/// clock are inputs). The check walks the chain in order, one contact at a time, as a real escalation does: the contact
/// alerted has one step (the SLA policy's acknowledge time) to acknowledge; a contact who does not is escalated past,
/// and a mail that bounces moves on at once. Unlike a real incident the walk does not stop at the first acknowledgement:
/// a check measures every person of the chain (seeds 003:540: the chain is tried for real), so an acknowledgement hands
/// on to the next contact at once.
/// </summary>
public static class ContactCheckRules
{
    /// <summary>An acknowledgement this soon after delivery is more likely a link scanner or an auto-responder than a person.</summary>
    public static readonly TimeSpan AutomatedWithin = TimeSpan.FromSeconds(5);

    public static IReadOnlyList<IContactCheckEvent> Start(
        Guid checkId, Guid runId, Category category, ContactChain chain, bool announced, string? language, Guid actor,
        DateTimeOffset now, Func<DateTimeOffset, DateTimeOffset> stepDue, Func<Guid> newId)
    {
        if (chain.Contacts.Count == 0) throw new RuleViolated("chain_empty", "the contact chain has no contacts to check");
        var members = chain.Contacts.Select((c, i) => new CheckMember(i, c.Name, c.Email, c.Phone, c.Role, NotificationChannel.Email,
            language ?? c.Language)).ToArray();
        var started = new ContactCheckStarted(checkId, runId, category, chain.Id, chain.Name, announced, language, members, actor, now);
        return [started, Send(checkId, 0, now, stepDue, newId)];
    }

    /// <summary>A POST from the landing page: counts once; the second and later say "already acknowledged" by deciding nothing.</summary>
    public static IReadOnlyList<IContactCheckEvent> Acknowledge(
        ContactCheck s, Guid notificationId, Guid actor, DateTimeOffset now, Func<DateTimeOffset, DateTimeOffset> stepDue, Func<Guid> newId)
    {
        var m = s.ByNotification(notificationId) ?? throw new Forbidden("this link is not valid for this check");
        if (m.AcknowledgedAt is not null) return [];
        var ack = new ContactAcknowledged(s.Id, m.Member.Index, notificationId, AckVia.Link, actor, now);
        return IsWaitingOn(s, m) ? [ack, .. MoveOn(s, m.Member.Index, null, now, stepDue, newId)] : [ack];
    }

    /// <summary>The step timer of <paramref name="stepId"/> fired (maybe twice, maybe late): only the running step of an unanswered member counts.</summary>
    public static IReadOnlyList<IContactCheckEvent> FireStep(
        ContactCheck s, Guid stepId, DateTimeOffset now, Func<DateTimeOffset, DateTimeOffset> stepDue, Func<Guid> newId)
    {
        if (s.Current is not { } current || s.Members[current] is not { } m || m.StepId != stepId || !IsWaitingOn(s, m)) return [];
        return [new ContactResponseMissed(s.Id, current, stepId, SystemActor.Id, now), .. MoveOn(s, current, EscalationReason.NoResponse, now, stepDue, newId)];
    }

    public static IReadOnlyList<IContactCheckEvent> Delivered(ContactCheck s, Guid notificationId, int attempts, DateTimeOffset now)
    {
        var m = s.ByNotification(notificationId);
        return m is null || m.DeliveredAt is not null || m.BouncedAt is not null
            ? []
            : [new ContactAttemptDelivered(s.Id, m.Member.Index, notificationId, attempts, SystemActor.Id, now)];
    }

    /// <summary>A failed delivery (a permanent refusal, or retries exhausted) is a dead contact: the check moves on at once.</summary>
    public static IReadOnlyList<IContactCheckEvent> Bounced(
        ContactCheck s, Guid notificationId, int attempts, string error, bool permanent, DateTimeOffset now,
        Func<DateTimeOffset, DateTimeOffset> stepDue, Func<Guid> newId)
    {
        var m = s.ByNotification(notificationId);
        if (m is null || m.BouncedAt is not null) return [];
        var bounced = new ContactAttemptBounced(s.Id, m.Member.Index, notificationId, attempts, error, permanent, SystemActor.Id, now);
        return IsWaitingOn(s, m) ? [bounced, .. MoveOn(s, m.Member.Index, EscalationReason.Bounced, now, stepDue, newId)] : [bounced];
    }

    /// <summary>
    /// The facilitator's phone mark (R36). Marking the contact the check is waiting on moves it on (reached: as an
    /// acknowledgement; not reached: escalated). The same mark again decides nothing.
    /// </summary>
    public static IReadOnlyList<IContactCheckEvent> Mark(
        ContactCheck s, int member, bool reached, string? note, Guid actor, DateTimeOffset now,
        Func<DateTimeOffset, DateTimeOffset> stepDue, Func<Guid> newId)
    {
        if (member < 0 || member >= s.Members.Count) throw ValidationFailed.For("member", $"must be a member of this check (0 to {s.Members.Count - 1})");
        var m = s.Members[member];
        if (m.PhoneReached == reached && m.PhoneNote == note) return [];
        var mark = new ContactMarked(s.Id, member, reached, note, actor, now);
        return IsWaitingOn(s, m)
            ? [mark, .. MoveOn(s, member, reached ? null : EscalationReason.NoResponse, now, stepDue, newId)]
            : [mark];
    }

    /// <summary>The member's result (the table's "outcome").</summary>
    public static ContactOutcome Outcome(MemberState m)
    {
        if (m.AcknowledgedAt is { } ack) return m.StepDueAt is { } due && ack > due ? ContactOutcome.Late : ContactOutcome.Acknowledged;
        if (m.PhoneReached == true) return ContactOutcome.Acknowledged;
        if (m.BouncedAt is not null) return ContactOutcome.Bounced;
        if (m.PhoneReached == false || m.MissedAt is not null || m.EscalatedPast) return ContactOutcome.NoResponse;
        return ContactOutcome.Pending;
    }

    /// <summary>From the moment the check's mail was sent to them to their acknowledgement.</summary>
    public static TimeSpan? TimeToAcknowledge(MemberState m) =>
        m is { AcknowledgedAt: { } ack, SentAt: { } sent } ? ack - sent : null;

    /// <summary>Acknowledged within <see cref="AutomatedWithin"/> of delivery (or before the delivery was even recorded).</summary>
    public static bool SuspectedAutomated(MemberState m) =>
        m is { AcknowledgedAt: { } ack } && (m.DeliveredAt ?? m.SentAt) is { } from && ack - from < AutomatedWithin;

    private static bool IsWaitingOn(ContactCheck s, MemberState m) =>
        !s.Completed && s.Current == m.Member.Index && m.AcknowledgedAt is null && m.BouncedAt is null && m.PhoneReached is null
        && m.MissedAt is null;

    /// <summary>To the next contact in chain order, or, past the last, the check is complete.</summary>
    private static IReadOnlyList<IContactCheckEvent> MoveOn(
        ContactCheck s, int from, EscalationReason? reason, DateTimeOffset now, Func<DateTimeOffset, DateTimeOffset> stepDue, Func<Guid> newId)
    {
        var next = from + 1;
        if (next >= s.Members.Count) return [new ContactCheckCompleted(s.Id, s.RunId, SystemActor.Id, now)];
        var send = Send(s.Id, next, now, stepDue, newId);
        return reason is { } why ? [new ContactEscalated(s.Id, from, next, why, SystemActor.Id, now), send] : [send];
    }

    private static ContactAttemptSent Send(Guid checkId, int member, DateTimeOffset now, Func<DateTimeOffset, DateTimeOffset> stepDue, Func<Guid> newId) =>
        new(checkId, member, newId(), NotificationChannel.Email, newId(), stepDue(now), SystemActor.Id, now);
}
