using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace IncidentDesk.Api.Notifications;

public sealed record DeliveryView(
    Guid NotificationId, Guid IncidentId, string? Reference, NotificationChannel Channel, string RecipientName, string Address,
    string Subject, string Status, int Attempts, string? LastError, DateTimeOffset QueuedAt, DateTimeOffset? SentAt,
    DateTimeOffset NextAttemptAt, NotificationTransport? Transport);

public sealed record DeliveryList(IReadOnlyList<DeliveryView> Items);

public sealed record MailSettingsView(string Mode, string Target, bool WebhooksSigned);

public static class NotificationEndpoints
{
    private const string DeliverySelect =
        "select o.notification_id, o.incident_id, b.reference, o.channel, o.recipient_name, o.address, o.subject, o.status, " +
        "o.attempts, o.last_error, o.created_at, o.sent_at, o.next_attempt_at, o.transport from notification_outbox o " +
        "left join incident_board b on b.id = o.incident_id ";

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Notifications").RequireAuthorization(Policies.Admin);
        admin.MapGet("/deliveries", async Task<Ok<DeliveryList>> (string? status, NpgsqlDataSource db, CancellationToken ct) =>
            {
                if (status is not (null or "pending" or "sent" or "failed" or "simulated"))
                    throw ValidationFailed.For("status", "must be pending, sent, failed or simulated");
                var where = status is null ? "where $1::text is null" : "where o.status = $1";
                return TypedResults.Ok(new DeliveryList(await DeliveriesAsync(db, $"{where} order by o.created_at desc limit 500", status, ct)));
            })
            .WithName("ListDeliveries").WithSummary("The delivery queue: pending, sent and failed messages");
        admin.MapGet("/mail", (IEmailSender email, IConfiguration config) =>
            {
                var target = email.Describe();
                return TypedResults.Ok(new MailSettingsView(target.StartsWith("smtp", StringComparison.Ordinal) ? "smtp" : "pickup", target[(target.IndexOf(' ') + 1)..],
                    !string.IsNullOrEmpty(config["Webhooks:Secret"])));
            })
            .WithName("GetMailSettings").WithSummary("Where mail goes: an SMTP server, or .eml files in a pickup folder");
        return app;
    }

    /// <summary>Messages from the outbox with their delivery state (<paramref name="where"/> filters on o.*, with $1).</summary>
    public static async Task<IReadOnlyList<DeliveryView>> DeliveriesAsync(NpgsqlDataSource db, string where, object? arg, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(DeliverySelect + where);
        cmd.Parameters.Add(new NpgsqlParameter { Value = arg ?? DBNull.Value, NpgsqlDbType = arg is Guid ? NpgsqlTypes.NpgsqlDbType.Uuid : NpgsqlTypes.NpgsqlDbType.Text });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<DeliveryView>();
        while (await r.ReadAsync(ct))
            list.Add(new DeliveryView(r.GetGuid(0), r.GetGuid(1), r.IsDBNull(2) ? null : r.GetString(2), EnumNames.Parse<NotificationChannel>(r.GetString(3)),
                r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetInt32(8), r.IsDBNull(9) ? null : r.GetString(9),
                r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11), r.GetFieldValue<DateTimeOffset>(12),
                r.IsDBNull(13) ? null : EnumNames.Parse<NotificationTransport>(r.GetString(13))));
        return list;
    }
}
