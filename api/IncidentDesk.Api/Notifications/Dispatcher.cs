using System.Threading.Channels;
using IncidentDesk.Api.EventStore;
using Npgsql;

namespace IncidentDesk.Api.Notifications;

/// <summary>
/// Delivers notification_outbox rows: e-mail (SMTP or pickup folder) and signed webhooks, with exponential
/// backoff. Every node may run it; a row is leased with FOR UPDATE SKIP LOCKED so one node sends it. The
/// outcome is an event on the incident's escalation stream: "who was told what, and when".
/// <para>
/// One claimer leases rows as fast as Notifications:Workers workers free up (never more than two per worker waiting,
/// so no lease runs out in the queue); each worker keeps one mail connection (<see cref="IEmailSender.Open"/>) for
/// its life, so a burst of mails rides on a few SMTP sessions instead of one connection (and TLS and AUTH) per mail.
/// </para>
/// </summary>
public sealed class Dispatcher(
    NpgsqlDataSource db, IEmailSender email, WebhookSender webhooks, AckLinks links, CommandPath commands,
    PublicUrl publicUrl, IConfiguration config, TimeProvider clock, ILogger<Dispatcher> log) : BackgroundService
{
    private int MaxAttempts => config.GetValue("Notifications:MaxAttempts", 8);
    private TimeSpan BaseDelay => TimeSpan.FromSeconds(config.GetValue("Notifications:BaseDelaySeconds", 5.0));
    private int Workers => Math.Max(1, config.GetValue("Notifications:Workers", 8));
    private TimeSpan IdleClose => TimeSpan.FromSeconds(config.GetValue("Smtp:IdleCloseSeconds", 60.0));
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(10);
    private const int ClaimBatch = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Notifications:Dispatch", true)) return;
        var workers = Workers;
        var queue = Channel.CreateUnbounded<Row>(new UnboundedChannelOptions { SingleWriter = true });
        // A slot is a row claimed and not yet settled: the claimer takes slots before it leases, a worker frees one per row.
        using var slots = new SemaphoreSlim(workers * 2, workers * 2);
        var running = Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(queue.Reader, slots, stoppingToken), CancellationToken.None)).ToList();
        try
        {
            await ClaimLoopAsync(queue.Writer, slots, stoppingToken);
        }
        finally
        {
            queue.Writer.TryComplete();
            await Task.WhenAll(running);
            await ReleaseUnstartedAsync(queue.Reader);
        }
    }

    /// <summary>Shutting down: rows claimed but not started go back at once (not after their lease), their attempt not counted.</summary>
    private async Task ReleaseUnstartedAsync(ChannelReader<Row> queue)
    {
        var ids = new List<Guid>();
        while (queue.TryRead(out var row)) ids.Add(row.Id);
        if (ids.Count == 0) return;
        try
        {
            await using var release = db.CreateCommand(
                "update notification_outbox set lease_until = null, attempts = greatest(attempts - 1, 0) " +
                "where notification_id = any($1) and status = 'pending'");
            release.Parameters.AddWithValue(ids.ToArray());
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await release.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not release {Count} claimed notifications on shutdown; their leases run out in 60 s", ids.Count);
        }
    }

    private async Task ClaimLoopAsync(ChannelWriter<Row> queue, SemaphoreSlim slots, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stop);
                var room = 1;
                while (room < ClaimBatch && slots.Wait(0, CancellationToken.None)) room++;
                List<Row> rows;
                try
                {
                    rows = await ClaimAsync(room, stop);
                }
                catch
                {
                    slots.Release(room);
                    throw;
                }
                if (room > rows.Count) slots.Release(room - rows.Count);
                foreach (var row in rows) queue.TryWrite(row);
                if (rows.Count == 0) await Task.Delay(TimeSpan.FromMilliseconds(250), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Dispatcher claim failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(2), stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One worker: its own mail connection, rows one after the other, the connection let go after a quiet spell.</summary>
    private async Task WorkAsync(ChannelReader<Row> queue, SemaphoreSlim slots, CancellationToken stop)
    {
        await using var connection = email.Open();
        try
        {
            while (true)
            {
                if (!queue.TryRead(out var row))
                {
                    using var quiet = CancellationTokenSource.CreateLinkedTokenSource(stop);
                    quiet.CancelAfter(IdleClose);
                    try
                    {
                        if (!await queue.WaitToReadAsync(quiet.Token)) return;
                    }
                    catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                    {
                        await connection.IdleAsync(stop);
                        if (!await queue.WaitToReadAsync(stop)) return;
                    }
                    continue;
                }
                try
                {
                    await DeliverAsync(row, connection, stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return; // the lease runs out and another pass (or node) sends it
                }
                catch (Exception e)
                {
                    log.LogError(e, "Delivering notification {Id} failed; its lease runs out and it is tried again", row.Id);
                }
                finally
                {
                    slots.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <param name="MessageRunId">The run the message was queued for (notification_outbox.drill_run_id).</param>
    /// <param name="IncidentRunId">The run of the row's incident (incident_board.drill_run_id), the gate's safety net.</param>
    /// <param name="Listed">The address is in drill_allow_list for the message's run (or its incident's).</param>
    /// <param name="DrillInProgress">Some drill run is running, paused or stopped at the claim.</param>
    private sealed record Row(Guid Id, Guid IncidentId, Guid StreamId, string Channel, string Address, string Name, string Language,
        string Subject, string Body, bool AckLink, int Attempts, string? Reference, string? AckRoute,
        Guid? MessageRunId, Guid? IncidentRunId, bool Listed, bool DrillInProgress);

    private async Task<List<Row>> ClaimAsync(int limit, CancellationToken ct)
    {
        var rows = new List<Row>();
        await using var claim = db.CreateCommand(
            "update notification_outbox o set lease_until = now() + interval '60 seconds', attempts = attempts + 1 " +
            "where notification_id in (select notification_id from notification_outbox where status = 'pending' " +
            "and next_attempt_at <= now() and (lease_until is null or lease_until < now()) " +
            "order by next_attempt_at limit $1 for update skip locked) " +
            "returning notification_id, incident_id, stream_id, channel, address, recipient_name, language, subject, body, ack_link, attempts, " +
            "(select b.reference from incident_board b where b.id = o.incident_id), ack_route, " +
            // The drill gate's facts (DrillRouting), read as the row is claimed: its run, its incident's run, whether the
            // address is allowed for that run, and whether any drill is in progress (the REAL line).
            "o.drill_run_id, (select b.drill_run_id from incident_board b where b.id = o.incident_id), " +
            "exists (select 1 from drill_allow_list a where a.run_id = coalesce(o.drill_run_id, " +
            "(select b.drill_run_id from incident_board b where b.id = o.incident_id)) and a.address = lower(btrim(o.address))), " +
            "exists (select 1 from drill_runs d where d.status in ('running', 'paused', 'stopped'))");
        claim.Parameters.AddWithValue(limit);
        await using var r = await claim.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new Row(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
                r.GetString(7), r.GetString(8), r.GetBoolean(9), r.GetInt32(10), r.IsDBNull(11) ? null : r.GetString(11),
                r.IsDBNull(12) ? null : r.GetString(12),
                r.IsDBNull(13) ? null : r.GetGuid(13), r.IsDBNull(14) ? null : r.GetGuid(14), r.GetBoolean(15), r.GetBoolean(16)));
        return rows;
    }

    private async Task DeliverAsync(Row row, IMailConnection mail, CancellationToken ct)
    {
        var channel = row.Channel == "webhook" ? NotificationChannel.Webhook : NotificationChannel.Email;
        // The drill gate decides before anything can leave (issue 11 §2): a drill message outside its run is recorded as
        // "would have been sent" and settled; one inside is marked again (idempotent), so an unmarked drill message
        // never leaves; a real message during a drill says it is real.
        var route = DrillRouting.Decide(new DrillRoutingInput(row.MessageRunId, row.IncidentRunId, channel, row.Address, row.Listed, row.DrillInProgress));
        if (route.Kind == DrillRouteKind.Simulate)
        {
            log.LogInformation("Drill notification {Id} to {Address} simulated ({Reason}); it never leaves", row.Id, row.Address, route.Reason);
            await RecordAsync(row.StreamId, new NotificationSimulated(row.IncidentId, row.Id, channel, row.Address, route.Reason!, route.RunId!.Value,
                SystemActor.Id, clock.GetUtcNow()), ct);
            return;
        }
        var (subject, body) = route.Kind switch
        {
            DrillRouteKind.DeliverDrill => DrillMarking.Mark(row.Subject, row.Body, row.Language),
            DrillRouteKind.DeliverReal => (row.Subject, DrillMarking.MarkReal(row.Body, row.Language)),
            _ => (row.Subject, row.Body),
        };
        // A contact-chain check's link lands on its own page (/drill-ack/{checkId}), with a token only that page accepts.
        var ackUrl = row.AckLink
            ? $"{publicUrl.Base}/{row.AckRoute ?? AckLinks.IncidentRoute}/{row.IncidentId}?token={Uri.EscapeDataString(links.Issue(row.Id, row.IncidentId, row.AckRoute))}"
            : null;
        var message = new OutgoingMessage(row.Id, row.IncidentId, row.Name, row.Address, row.Language, subject, body, ackUrl);
        var result = row.Channel == "webhook"
            ? await webhooks.SendAsync(message, row.Reference, ct)
            : await mail.SendAsync(message, ct);

        var now = clock.GetUtcNow();
        if (result.Delivered)
        {
            await RecordAsync(row.StreamId, new NotificationSent(row.IncidentId, row.Id, channel, row.Address, row.Attempts, SystemActor.Id, now,
                result.Transport), ct);
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
