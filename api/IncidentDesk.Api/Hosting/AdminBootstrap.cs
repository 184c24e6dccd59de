using System.Security.Cryptography;
using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Accounts.Registering;
using IncidentDesk.Api.Common;
using MediatR;

namespace IncidentDesk.Api.Hosting;

/// <summary>
/// On an empty database, creates the first admin so that someone can sign in at all. The password comes from
/// INCIDENTDESK_ADMIN_PASSWORD, or is generated and printed once (it is never stored in clear).
/// </summary>
public sealed class AdminBootstrap(UserDirectory users, IMediator mediator, IConfiguration config, ILogger<AdminBootstrap> log)
{
    public const string DefaultEmail = "admin@incidentdesk.local";

    public async Task EnsureAdminAsync(CancellationToken ct)
    {
        if (await users.AnyAsync(ct)) return;
        var email = config["INCIDENTDESK_ADMIN_EMAIL"] is { Length: > 0 } e ? e : DefaultEmail;
        var given = config["INCIDENTDESK_ADMIN_PASSWORD"];
        var password = string.IsNullOrEmpty(given) ? GeneratePassword() : given;
        try
        {
            // Guid.Empty actor: the bootstrap account is recorded as created by itself.
            await mediator.Send(new RegisterUser(new CreateUserRequest(email, "Administrator", [Roles.Admin], password), Guid.Empty), ct);
        }
        catch (RuleViolated)
        {
            return; // another node created it first
        }
        if (string.IsNullOrEmpty(given))
            Console.WriteLine($"""

                ==============================================================
                 First admin account created (shown only this once):
                   e-mail:   {email}
                   password: {password}
                ==============================================================

                """);
        else
            log.LogInformation("Created the first admin account {Email} with the configured password", email);
    }

    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(20, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }
}
