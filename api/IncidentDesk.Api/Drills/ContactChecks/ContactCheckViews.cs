using System.Text.Json.Serialization;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using Marten;
using Npgsql;

namespace IncidentDesk.Api.Drills.ContactChecks;

public enum ContactCheckStatus
{
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("completed")] Completed,
}

/// <summary>How the person was reached in the end: the check's mail, or the facilitator's phone call (R36).</summary>
public enum ResultChannel
{
    [JsonStringEnumMemberName("email")] Email,
    [JsonStringEnumMemberName("webhook")] Webhook,
    [JsonStringEnumMemberName("phone")] Phone,
}

public sealed record PhoneMarkView(bool Reached, string? Note, DateTimeOffset At, Guid By);

/// <summary>
/// One person's row of the contact-chain table. <see cref="Attempts"/> counts delivery attempts of the mail;
/// <see cref="SecondsToAcknowledge"/> runs from the mail's sending to the button's POST; <see cref="SuspectedAutomated"/>
/// flags an acknowledgement within seconds of delivery (a scanner or an auto-responder rather than a person).
/// </summary>
public sealed record ContactCheckMemberResult(
    int Index, string Name, string Email, string? Phone, string? Role, ResultChannel Channel, DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt, DateTimeOffset? AcknowledgedAt, double? SecondsToAcknowledge, DateTimeOffset? StepDueAt, int Attempts,
    ContactOutcome Outcome, bool SuspectedAutomated, bool Escalated, string? BounceError, PhoneMarkView? PhoneMark);

public sealed record ContactCheckSummary(int Members, int Acknowledged, int Late, int NoResponse, int Bounced, int Pending,
    double? MedianSecondsToAcknowledge);

public sealed record ContactCheckView(
    Guid Id, Guid RunId, Category Category, Guid ChainId, string ChainName, bool Announced, ContactCheckStatus Status,
    DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, int? CurrentMember, IReadOnlyList<ContactCheckMemberResult> Members,
    ContactCheckSummary Summary, long Version);

public sealed record ContactCheckList(IReadOnlyList<ContactCheckView> Items);

/// <summary>Results of contact-chain checks, folded from their streams (the table per person is a pure function of the events).</summary>
public sealed class ContactCheckViews(IDocumentStore store, NpgsqlDataSource db)
{
    public static ContactCheckView View(ContactCheck s, long version)
    {
        var rows = s.Members.Select(m => new ContactCheckMemberResult(
            m.Member.Index, m.Member.Name, m.Member.Email, m.Member.Phone, m.Member.Role,
            m.AcknowledgedAt is null && m.PhoneReached is not null ? ResultChannel.Phone
                : m.Member.Channel == Notifications.NotificationChannel.Webhook ? ResultChannel.Webhook : ResultChannel.Email,
            m.SentAt, m.DeliveredAt, m.AcknowledgedAt, ContactCheckRules.TimeToAcknowledge(m)?.TotalSeconds, m.StepDueAt,
            m.SentAt is null ? 0 : Math.Max(1, m.Attempts), ContactCheckRules.Outcome(m), ContactCheckRules.SuspectedAutomated(m),
            m.EscalatedPast, m.BounceError,
            m is { PhoneReached: { } reached, PhoneMarkedAt: { } at } ? new PhoneMarkView(reached, m.PhoneNote, at, m.PhoneMarkedBy ?? Guid.Empty) : null))
            .ToList();
        var times = rows.Select(r => r.SecondsToAcknowledge).OfType<double>().Order().ToList();
        double? median = times.Count == 0 ? null
            : times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
        var summary = new ContactCheckSummary(rows.Count, rows.Count(r => r.Outcome == ContactOutcome.Acknowledged),
            rows.Count(r => r.Outcome == ContactOutcome.Late), rows.Count(r => r.Outcome == ContactOutcome.NoResponse),
            rows.Count(r => r.Outcome == ContactOutcome.Bounced), rows.Count(r => r.Outcome == ContactOutcome.Pending), median);
        return new ContactCheckView(s.Id, s.RunId, s.Category, s.ChainId, s.ChainName, s.Announced,
            s.Completed ? ContactCheckStatus.Completed : ContactCheckStatus.Running, s.StartedAt, s.CompletedAt, s.Current, rows, summary, version);
    }

    public async Task<ContactCheckView> GetAsync(Guid checkId, CancellationToken ct)
    {
        var check = await store.FetchAsync<ContactCheck>(checkId, ContactCheck.Evolve, ct) ?? throw new NotFoundError($"contact-chain check {checkId}");
        return View(check.State, check.Version);
    }

    /// <summary>The checks of a run (oldest first), or without a run the 50 latest.</summary>
    public async Task<ContactCheckList> ListAsync(Guid? runId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(runId is null
            ? "select id from contact_checks order by started_at desc limit 50"
            : "select id from contact_checks where run_id = $1 order by started_at");
        if (runId is { } run) cmd.Parameters.AddWithValue(run);
        var ids = new List<Guid>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) ids.Add(r.GetGuid(0));
        var items = new List<ContactCheckView>();
        await using var session = store.QuerySession();
        foreach (var id in ids)
            if (await session.FetchAsync<ContactCheck>(id, ContactCheck.Evolve, ct) is { } check) items.Add(View(check.State, check.Version));
        return new ContactCheckList(items);
    }
}
