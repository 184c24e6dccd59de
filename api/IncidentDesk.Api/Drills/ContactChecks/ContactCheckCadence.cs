using Hangfire;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Notifications;
using Npgsql;

namespace IncidentDesk.Api.Drills.ContactChecks;

/// <summary>The reminders sent so far (the cadence stream folded).</summary>
public sealed record CadenceState(IReadOnlyList<ContactCheckReminderSent> Reminders)
{
    public static CadenceState Evolve(CadenceState? s, object e) =>
        e is ContactCheckReminderSent r ? new CadenceState([.. s?.Reminders ?? [], r]) : s ?? new CadenceState([]);
}

/// <summary>What the admin page shows: the last completed check and whether one is due (R35).</summary>
public sealed record CadenceView(DateTimeOffset? LastCheckAt, Guid? LastCheckId, DateTimeOffset? NextDueAt, bool Due, DateTimeOffset? LastReminderAt);

/// <summary>
/// R35 (seeds 003:540: try the contact chain for real about once a year): when no contact-chain check has completed for
/// 12 months, the admins and executives are reminded, once per 12-month period. Pure.
/// </summary>
public static class CadenceRules
{
    public const int Months = 12;

    /// <summary>When the next check is due: 12 months after the last one; with none ever, now.</summary>
    public static DateTimeOffset DueAt(DateTimeOffset? lastCheckAt, DateTimeOffset now) => lastCheckAt?.AddMonths(Months) ?? now;

    public static bool IsDue(DateTimeOffset? lastCheckAt, DateTimeOffset now) => DueAt(lastCheckAt, now) <= now;

    /// <summary>
    /// The overdue period <paramref name="now"/> falls in, or null when a check is not due: periods are 12 months long and
    /// start at the due date (with no check ever: at the first reminder of that "never").
    /// </summary>
    public static DateTimeOffset? Period(DateTimeOffset? lastCheckAt, IReadOnlyList<ContactCheckReminderSent> reminders, DateTimeOffset now)
    {
        if (!IsDue(lastCheckAt, now)) return null;
        var start = lastCheckAt is { } last
            ? last.AddMonths(Months)
            : reminders.Where(r => r.LastCheckAt is null).Select(r => r.PeriodStart).DefaultIfEmpty(now).Min();
        while (start.AddMonths(Months) <= now) start = start.AddMonths(Months);
        return start;
    }

    public static ContactCheckReminderSent? Decide(
        DateTimeOffset? lastCheckAt, IReadOnlyList<ContactCheckReminderSent> reminders, int recipients, DateTimeOffset now) =>
        Period(lastCheckAt, reminders, now) is { } period && reminders.All(r => r.PeriodStart != period || r.LastCheckAt != lastCheckAt)
            ? new ContactCheckReminderSent(period, lastCheckAt, recipients, SystemActor.Id, now)
            : null;
}

/// <summary>The daily R35 check (a Hangfire recurring job) and the admin page's cadence view.</summary>
public sealed class ContactCheckCadence(CommandPath commands, NpgsqlDataSource db, IOrganisationTimeZone zone, PublicUrl publicUrl)
{
    public const string JobId = "contact-check-cadence";

    public async Task<CadenceView> ViewAsync(DateTimeOffset now, CancellationToken ct)
    {
        var (lastAt, lastId) = await LastCheckAsync(ct);
        await using var cmd = db.CreateCommand(
            "select max(timestamp) from mt_events where stream_id = $1 and type = 'contact_check_reminder_sent'");
        cmd.Parameters.AddWithValue(ContactCheckEventTypes.CadenceStreamId);
        var reminded = await cmd.ExecuteScalarAsync(ct) is DateTime t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        return new CadenceView(lastAt, lastId, lastAt?.AddMonths(CadenceRules.Months), CadenceRules.IsDue(lastAt, now), reminded);
    }

    /// <summary>Runs the check: at most one reminder per period, whichever node runs it and however often.</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var (lastAt, _) = await LastCheckAsync(ct);
        var timeZone = await zone.GetAsync(ct);
        var recipients = await RecipientsAsync(ct);
        return await commands.RunAsync(SystemActor.Id, async work =>
        {
            var state = (await work.LoadAsync<CadenceState>(ContactCheckEventTypes.CadenceStreamId, CadenceState.Evolve, ct))?.State
                        ?? new CadenceState([]);
            if (CadenceRules.Decide(lastAt, state.Reminders, recipients.Count, work.Now) is not { } reminder) return false;
            var now = work.Now;
            var messages = recipients.Select(to =>
            {
                var (subject, body) = ContactCheckMessages.RenderReminder(to.Language, lastAt, timeZone, publicUrl.Base);
                return (object)new NotificationQueued(ContactCheckEventTypes.CadenceStreamId, Guid.CreateVersion7(now), NotificationChannel.Email,
                    to.Name, to.Email, to.Language, "contact_check_reminder", subject, body, false, SystemActor.Id, now);
            });
            work.Append(ContactCheckEventTypes.CadenceStreamId, [reminder, .. messages]);
            return true;
        }, ct);
    }

    private async Task<(DateTimeOffset? At, Guid? Id)> LastCheckAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select completed_at, id from contact_checks where completed_at is not null order by completed_at desc limit 1");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetFieldValue<DateTimeOffset>(0), r.GetGuid(1)) : (null, null);
    }

    /// <summary>Every enabled Admin and Executive, once each.</summary>
    private async Task<List<Recipient>> RecipientsAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "select id, display_name, email, language from users where not disabled and roles && $1 order by created_at, id");
        cmd.Parameters.AddWithValue(new[] { Roles.Admin, Roles.Executive });
        var list = new List<Recipient>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(new Recipient(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3)));
        return list;
    }
}

/// <summary>Registers the daily R35 job with Hangfire (only where timers run: a Hangfire server is on).</summary>
internal sealed class ContactCheckCadenceSchedule(IRecurringJobManager jobs, IConfiguration config) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // 00:00 UTC is 09:00 in Tokyo: the reminder arrives at the start of the working day.
        jobs.AddOrUpdate<ContactCheckCadence>(ContactCheckCadence.JobId, j => j.RunAsync(CancellationToken.None),
            config["IncidentDesk:Drills:CadenceCron"] is { Length: > 0 } cron ? cron : "0 0 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
