using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Notifications;
using IncidentDesk.Api.Timers;

namespace IncidentDesk.Api.Drills.ContactChecks;

/// <summary>
/// A person of the chain under test, in chain order (<see cref="Index"/> 0 is the first contact). <see cref="Channel"/> is how
/// the check reaches them (e-mail, as the real escalation does).
/// </summary>
public sealed record CheckMember(int Index, string Name, string Email, string? Phone, string? Role, NotificationChannel Channel, string Language);

/// <summary>Why the check moved past a contact without an acknowledgement: the step timed out, or the mail bounced.</summary>
public enum EscalationReason
{
    [JsonStringEnumMemberName("no_response")] NoResponse,
    [JsonStringEnumMemberName("bounced")] Bounced,
}

/// <summary>How an acknowledgement arrived: the button on the personal link's landing page.</summary>
public enum AckVia
{
    [JsonStringEnumMemberName("link")] Link,
}

/// <summary>Events of a contact-chain check's stream (stream id = check id). Each names its check.</summary>
public interface IContactCheckEvent : IDomainEvent
{
    Guid CheckId { get; }
}

/// <summary>
/// A contact-chain check began (issue 11 §3; seeds 003:529-540, R35): the chain of <see cref="Category"/> (or the chain an
/// admin chose) as it stood, announced to the participants in advance or not, its members in order. Every member's
/// address may receive the drill's mail (drill_allow_list, reason "chain").
/// </summary>
public sealed record ContactCheckStarted(
    Guid CheckId, Guid RunId, Category Category, Guid ChainId, string ChainName, bool Announced, string? Language,
    CheckMember[] Members, Guid Actor, DateTimeOffset At) : IContactCheckEvent;

/// <summary>
/// The check's drill mail to member <see cref="Member"/> was queued (notification <see cref="NotificationId"/>, on the check's
/// notice stream); the member has until <see cref="StepDueAt"/> (the SLA policy's acknowledge time, as in a real incident)
/// before the check escalates to the next contact. The step is a timer of purpose <c>contact-check-step</c>.
/// </summary>
public sealed record ContactAttemptSent(
    Guid CheckId, int Member, Guid NotificationId, NotificationChannel Channel, Guid StepId, DateTimeOffset StepDueAt,
    Guid Actor, DateTimeOffset At) : IContactCheckEvent, ISetsTimer
{
    public TimerDue Timer() => new(ContactCheckStepTimer.Purpose, StepId, CheckId, CheckId, StepDueAt);
}

/// <summary>The mail reached the recipient's server (the dispatcher's notification_sent), after <see cref="Attempts"/> tries.</summary>
public sealed record ContactAttemptDelivered(
    Guid CheckId, int Member, Guid NotificationId, int Attempts, Guid Actor, DateTimeOffset At) : IContactCheckEvent;

/// <summary>The mail could not be delivered (the dispatcher's notification_failed): a dead contact, an improvement item.</summary>
public sealed record ContactAttemptBounced(
    Guid CheckId, int Member, Guid NotificationId, int Attempts, string Error, bool Permanent, Guid Actor, DateTimeOffset At)
    : IContactCheckEvent;

/// <summary>
/// The member pressed the button on their personal link's landing page (a POST: opening the link counts nothing). The
/// token is never stored: <see cref="NotificationId"/> names the message whose link was used.
/// </summary>
public sealed record ContactAcknowledged(
    Guid CheckId, int Member, Guid NotificationId, AckVia Via, Guid Actor, DateTimeOffset At) : IContactCheckEvent;

/// <summary>The member's step timed out without an acknowledgement (step <see cref="StepId"/>, fired by its timer).</summary>
public sealed record ContactResponseMissed(Guid CheckId, int Member, Guid StepId, Guid Actor, DateTimeOffset At) : IContactCheckEvent;

/// <summary>The check moved on from <see cref="FromMember"/> to <see cref="ToMember"/> without an acknowledgement, as a real escalation does.</summary>
public sealed record ContactEscalated(
    Guid CheckId, int FromMember, int ToMember, EscalationReason Reason, Guid Actor, DateTimeOffset At) : IContactCheckEvent;

/// <summary>
/// The facilitator marks a member reached by phone, or not reached (R36: the variant that assumes e-mail is down).
/// A later mark of the same member replaces the earlier one; both stay on record.
/// </summary>
public sealed record ContactMarked(
    Guid CheckId, int Member, bool Reached, string? Note, Guid Actor, DateTimeOffset At) : IContactCheckEvent;

/// <summary>Every member has an outcome: the chain was walked to its end.</summary>
public sealed record ContactCheckCompleted(Guid CheckId, Guid RunId, Guid Actor, DateTimeOffset At) : IContactCheckEvent;

/// <summary>
/// R35 (seeds 003:540): no contact-chain check has completed for 12 months (since <see cref="LastCheckAt"/>, or never); the
/// admins and executives were reminded once for the period that began at <see cref="PeriodStart"/>.
/// </summary>
public sealed record ContactCheckReminderSent(
    DateTimeOffset PeriodStart, DateTimeOffset? LastCheckAt, int Recipients, Guid Actor, DateTimeOffset At) : IDomainEvent;

public static class ContactCheckEventTypes
{
    public const string StreamType = "contact_check";

    /// <summary>The R35 cadence reminders are one stream with a fixed id.</summary>
    public static readonly Guid CadenceStreamId = new("c4ec0000-0000-4000-8000-0000000000c1");

    /// <summary>
    /// The check's messages and their delivery live on a stream beside the check (as an incident's escalation stream beside
    /// the incident), so the dispatcher recording a delivery never races an acknowledgement for the check's version.
    /// </summary>
    public static Guid NoticeStreamIdFor(Guid checkId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("incidentdesk/contact-check-notices/" + checkId.ToString("N")));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public static EventTypeMap RegisterContactCheckEvents(this EventTypeMap map) => map
        .Register<ContactCheckStarted>("contact_check_started")
        .Register<ContactAttemptSent>("contact_attempt_sent")
        .Register<ContactAttemptDelivered>("contact_attempt_delivered")
        .Register<ContactAttemptBounced>("contact_attempt_bounced")
        .Register<ContactAcknowledged>("contact_acknowledged")
        .Register<ContactResponseMissed>("contact_response_missed")
        .Register<ContactEscalated>("contact_escalated")
        .Register<ContactMarked>("contact_marked")
        .Register<ContactCheckCompleted>("contact_check_completed")
        .Register<ContactCheckReminderSent>("contact_check_reminder_sent");
}
