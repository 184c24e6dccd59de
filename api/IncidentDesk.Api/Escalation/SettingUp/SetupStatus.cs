using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Escalation.Configuring;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Notifications;
using IncidentDesk.Api.EventStore;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentDesk.Api.Escalation.SettingUp;

public enum MailMode { Smtp, Pickup }

/// <summary>
/// What a new install still lacks, for the admin's setup checklist and the warning on every admin page.
/// </summary>
/// <param name="NewReportsReachNobody">True while a report that no saved chain matches would alert nobody at all.</param>
/// <param name="SavedChains">Contact chains an admin saved (0 on a fresh install).</param>
/// <param name="DefaultChainSaved">Whether an admin saved a default chain (else the built-in one applies).</param>
/// <param name="BuiltInChain">Who the built-in chain alerts now, in order (null when nobody could be alerted).</param>
/// <param name="SlaPolicySaved">Whether an admin saved an SLA policy (else the built-in default applies).</param>
/// <param name="MailMode">smtp: a mail server is configured; pickup: messages are written as files to a folder.</param>
/// <param name="MailTarget">The SMTP host:port, or the pickup folder.</param>
/// <param name="EnabledUsers">Enabled accounts.</param>
/// <param name="Responders">Enabled accounts with the Responder role.</param>
public sealed record SetupStatusView(
    bool NewReportsReachNobody, int SavedChains, bool DefaultChainSaved, ContactChainView? BuiltInChain, bool SlaPolicySaved,
    MailMode MailMode, string MailTarget, int EnabledUsers, int Responders);

/// <summary>Someone a report's alert went to, as the reporter may see it: the name, and where the message stands.</summary>
public sealed record AlertedPerson(string Name, DeliveryStatus Status);

/// <summary>Who has been told of a report: the chain contacts alerted so far (first contact, then escalations).</summary>
public sealed record IncidentAlerts(IReadOnlyList<AlertedPerson> People);

public static class SetupEndpoints
{
    public static IEndpointRouteBuilder MapSetup(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/setup", async Task<Ok<SetupStatusView>> (
                EscalationSettingsStore settings, UserDirectory users, IEmailSender email, IQuerySession store, CancellationToken ct) =>
            {
                settings.Invalidate();
                var chains = await settings.ChainsAsync(ct);
                var builtIn = await settings.BuiltInChainAsync(ct);
                var defaultSaved = chains.Any(c => c.Chain.IsDefault);
                var slaVersion = (await store.Events.FetchStreamStateAsync(SettingsEventTypes.SlaPolicyStreamId, ct))?.Version ?? 0;
                var accounts = (await users.AllAsync(ct)).Where(u => !u.Disabled).ToList();
                var target = email.Describe();
                return TypedResults.Ok(new SetupStatusView(
                    !defaultSaved && builtIn is null, chains.Count, defaultSaved,
                    builtIn is null ? null : new ContactChainView(builtIn.Id, builtIn.Name, builtIn.Categories, null, true, builtIn.Contacts, 0),
                    slaVersion > 0,
                    target.StartsWith("smtp", StringComparison.Ordinal) ? MailMode.Smtp : MailMode.Pickup, target[(target.IndexOf(' ') + 1)..],
                    accounts.Count, accounts.Count(u => u.Roles.Contains(Roles.Responder))));
            })
            .RequireAuthorization(Policies.Admin).WithTags("Escalation settings")
            .WithName("GetSetupStatus").WithSummary("What a new install still lacks (contact chain, SLA policy, mail, users)");

        // The reporter's confirmation says who was told, and only that: the contacts alerted so far, by name.
        app.MapGet("/api/incidents/{id:guid}/alerts", async Task<Ok<IncidentAlerts>> (
                Guid id, HttpContext http, IncidentCommandRunner runner, IDocumentStore store, CancellationToken ct) =>
            {
                await runner.LoadVisibleAsync(id, Caller.From(http.User), ct);
                var escalation = (await store.FetchAsync<EscalationState>(EscalationState.StreamIdFor(id), EscalationState.Evolve, ct))?.State
                                 ?? EscalationState.Empty(id);
                return TypedResults.Ok(new IncidentAlerts(Alerted(escalation)));
            })
            .RequireAuthorization().WithTags("Notifications")
            .WithName("GetIncidentAlerts").WithSummary("Who has been alerted of a report (names and delivery status; the reporter may see it)");
        return app;
    }

    /// <summary>Chain alerts (new report, escalation) by e-mail, one per person, in the order they were queued.</summary>
    internal static IReadOnlyList<AlertedPerson> Alerted(EscalationState s) =>
        s.Deliveries.Where(d => d.Channel == NotificationChannel.Email && d.Template is "new_report" or "escalation")
            .GroupBy(d => d.Address, StringComparer.OrdinalIgnoreCase)
            .Select(g => new AlertedPerson(g.First().RecipientName,
                g.Any(d => d.Status == DeliveryStatus.Sent) ? DeliveryStatus.Sent
                : g.All(d => d.Status == DeliveryStatus.Failed) ? DeliveryStatus.Failed
                : g.All(d => d.Status == DeliveryStatus.Simulated) ? DeliveryStatus.Simulated : DeliveryStatus.Queued))
            .ToList();
}
