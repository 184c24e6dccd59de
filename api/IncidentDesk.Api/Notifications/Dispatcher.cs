using IncidentDesk.Api.EventStore;
using Npgsql;

namespace IncidentDesk.Api.Notifications;

/// <summary>
/// Delivers notification_outbox rows: e-mail (SMTP or pickup folder) and signed webhooks, with exponential
/// backoff. Every node may run it; a row is leased with FOR UPDATE SKIP LOCKED so one node sends it. The
/// outcome is an event on the incident's escalation stream: "who was told what, and when".
/// </summary>
public sealed class Dispatcher(
    NpgsqlDataSource db, IEmailSender email, WebhookSender webhooks, AckLinks links, CommandPath commands,
    PublicUrl publicUrl, IConfiguration config, TimeProvider clock, ILogger<Dispatcher> log) : BackgroundService
{
    private int MaxAttempts => config.GetValue("Notifications:MaxAttempts", 8);
    private TimeSpan BaseDelay => TimeSpan.FromSeconds(config.GetValue("Notifications:BaseDelaySeconds", 5.0));
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(10);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        config.GetValue("Notifications:Dispatch", true)
            ? PollingLoop.RunAsync(DispatchOnceAsync, TimeSpan.FromMilliseconds(250), log, "Dispatcher pass", stoppingToken)
            : Task.CompletedTask;

    private sealed record Row(Guid Id, Guid IncidentId, Guid StreamId, string Channel, string Address, string Name, string Language,
        string Subject, string Body, bool AckLink, int Attempts);

    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        var rows = new List<Row>();
        await using (var claim = db.CreateCommand(
                         "update notification_outbox set lease_until = now() + interval '60 seconds', attempts = attempts + 1 " +
                         "where notification_id in (select notification_id from notification_outbox where status = 'pending' " +
                         "and next_attempt_at <= now() and (lease_until is null or lease_until < now()) " +
                         "order by next_attempt_at limit 20 for update skip locked) " +
                         "returning notification_id, incident_id, stream_id, channel, address, recipient_name, language, subject, body, ack_link, attempts"))
        await using (var r = await claim.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                rows.Add(new Row(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                    r.GetString(7), r.GetString(8), r.GetBoolean(9), r.GetInt32(10)));

        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (row, token) => await DeliverAsync(row, token));
        return rows.Count;
    }

    private async Task DeliverAsync(Row row, CancellationToken ct)
    {
        var body = row.Body;
        if (row.AckLink)
        {
            var url = $"{publicUrl.Base}/ack/{row.IncidentId}?token={Uri.EscapeDataString(links.Issue(row.Id, row.IncidentId))}";
            body += row.Language == "en"
                ? $"\nAcknowledge with one click (no sign-in needed): {url}\n"
                : $"\nワンクリックで受付確認（ログイン不要）: {url}\n";
        }
        var message = new OutgoingMessage(row.Id, row.IncidentId, row.Name, row.Address, row.Language, row.Subject, body);
        var result = row.Channel == "webhook"
            ? await webhooks.SendAsync(message, row.Subject, ct)
            : await email.SendAsync(message, ct);

        var now = clock.GetUtcNow();
        var channel = row.Channel == "webhook" ? NotificationChannel.Webhook : NotificationChannel.Email;
        if (result.Delivered)
        {
            await RecordAsync(row.StreamId, new NotificationSent(row.IncidentId, row.Id, channel, row.Address, row.Attempts, SystemActor.Id, now), ct);
        }
        else if (result.Permanent || row.Attempts >= MaxAttempts)
        {
            log.LogWarning("Giving up on notification {Id} to {Address}: {Error}", row.Id, row.Address, result.Error);
            await RecordAsync(row.StreamId, new NotificationFailed(row.IncidentId, row.Id, channel, row.Address, row.Attempts, result.Error ?? "failed",
                result.Permanent, SystemActor.Id, now), ct);
        }
        else
        {
            var delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * (1L << Math.Min(row.Attempts - 1, 16))));
            await using var retry = db.CreateCommand(
                "update notification_outbox set next_attempt_at = now() + $2, lease_until = null, last_error = $3 where notification_id = $1");
            retry.Parameters.AddWithValue(row.Id);
            retry.Parameters.AddWithValue(delay);
            retry.Parameters.AddWithValue(result.Error ?? "failed");
            await retry.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Appends the outcome beside the message (the stream its row names) on the command path (which decides again when a concurrent
    /// append moved the stream); the outbox writer settles the row in the same transaction
    /// (<see cref="NotificationOutboxWriter"/>). A process that dies between the server's acceptance and this append
    /// sends that message again once the lease runs out: at least once, never lost.
    /// </summary>
    private Task RecordAsync(Guid streamId, INotificationEvent outcome, CancellationToken ct) =>
        commands.RunAsync(SystemActor.Id, async work =>
        {
            await work.ReadVersionAsync(streamId, ct);
            work.Append(streamId, [outcome]);
        }, ct);
}
