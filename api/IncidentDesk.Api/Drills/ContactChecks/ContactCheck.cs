using System.Collections.Immutable;
using System.Text.Json.Serialization;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Notifications;

namespace IncidentDesk.Api.Drills.ContactChecks;

/// <summary>A member's result as the table shows it.</summary>
public enum ContactOutcome
{
    /// <summary>Not reached yet: the check has not come to them, or their step is running.</summary>
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("acknowledged")] Acknowledged,
    /// <summary>Acknowledged, but after their step had timed out (the check had already escalated past them).</summary>
    [JsonStringEnumMemberName("late")] Late,
    [JsonStringEnumMemberName("no_response")] NoResponse,
    [JsonStringEnumMemberName("bounced")] Bounced,
}

/// <summary>One member of a check as its events left them.</summary>
public sealed record MemberState(
    CheckMember Member, Guid? NotificationId = null, DateTimeOffset? SentAt = null, DateTimeOffset? StepDueAt = null, Guid? StepId = null,
    DateTimeOffset? DeliveredAt = null, int Attempts = 0, DateTimeOffset? BouncedAt = null, string? BounceError = null,
    DateTimeOffset? AcknowledgedAt = null, DateTimeOffset? MissedAt = null, bool EscalatedPast = false,
    bool? PhoneReached = null, string? PhoneNote = null, DateTimeOffset? PhoneMarkedAt = null, Guid? PhoneMarkedBy = null);

/// <summary>A contact-chain check folded from its stream.</summary>
public sealed record ContactCheck(
    Guid Id, Guid RunId, Category Category, Guid ChainId, string ChainName, bool Announced, string? Language,
    ImmutableList<MemberState> Members, int? Current, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, Guid StartedBy)
{
    public bool Completed => CompletedAt is not null;

    public MemberState? ByNotification(Guid notificationId) => Members.FirstOrDefault(m => m.NotificationId == notificationId);

    /// <summary>Folds one event; the first must be <see cref="ContactCheckStarted"/> (any other stream is not a check).</summary>
    public static ContactCheck Evolve(ContactCheck? s, object e)
    {
        if (s is null)
            return e is ContactCheckStarted st
                ? new ContactCheck(st.CheckId, st.RunId, st.Category, st.ChainId, st.ChainName, st.Announced, st.Language,
                    st.Members.Select(m => new MemberState(m)).ToImmutableList(), null, st.At, null, st.Actor)
                : throw new NotFoundError("contact-chain check");
        return e switch
        {
            ContactAttemptSent x => With(s, x.Member, m => m with
            {
                NotificationId = x.NotificationId, SentAt = x.At, StepDueAt = x.StepDueAt, StepId = x.StepId,
            }) with { Current = x.Member },
            ContactAttemptDelivered x => With(s, x.Member, m => m with { DeliveredAt = x.At, Attempts = x.Attempts }),
            ContactAttemptBounced x => With(s, x.Member, m => m with { BouncedAt = x.At, BounceError = x.Error, Attempts = x.Attempts }),
            ContactAcknowledged x => With(s, x.Member, m => m with { AcknowledgedAt = m.AcknowledgedAt ?? x.At }),
            ContactResponseMissed x => With(s, x.Member, m => m with { MissedAt = x.At }),
            ContactEscalated x => With(s, x.FromMember, m => m with { EscalatedPast = true }),
            ContactMarked x => With(s, x.Member, m => m with
            {
                PhoneReached = x.Reached, PhoneNote = x.Note, PhoneMarkedAt = x.At, PhoneMarkedBy = x.Actor,
            }),
            ContactCheckCompleted x => s with { CompletedAt = x.At, Current = null },
            _ => s,
        };
    }

    private static ContactCheck With(ContactCheck s, int index, Func<MemberState, MemberState> change) =>
        index >= 0 && index < s.Members.Count ? s with { Members = s.Members.SetItem(index, change(s.Members[index])) } : s;
}
