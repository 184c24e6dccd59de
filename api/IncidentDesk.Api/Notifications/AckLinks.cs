using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace IncidentDesk.Api.Notifications;

public enum AckLinkProblem { None, Tampered, Expired, OtherIncident }

/// <summary>
/// One-click acknowledge links: a token signed and encrypted with the shared data-protection key ring, that
/// names one notification and one incident and expires. It allows acknowledging that incident, nothing else;
/// each link works once (ack_link_uses).
/// </summary>
public sealed class AckLinks(IDataProtectionProvider protection, IConfiguration config, TimeProvider clock)
{
    /// <summary>The landing route of an incident's acknowledge link.</summary>
    public const string IncidentRoute = "ack";

    // Each landing route has its own protector purpose, so a token of one (a drill check's) is refused by another (an incident's).
    private ITimeLimitedDataProtector Protector(string? route) =>
        (route is null or IncidentRoute
            ? protection.CreateProtector("IncidentDesk.AckLink.v1")
            : protection.CreateProtector("IncidentDesk.AckLink.v1", route)).ToTimeLimitedDataProtector();

    public TimeSpan Lifetime => TimeSpan.FromHours(config.GetValue("Notifications:AckLinkHours", 24.0));

    /// <param name="route">The landing route (<see cref="IncidentRoute"/> when null); <paramref name="incidentId"/> is the id in the route.</param>
    public string Issue(Guid notificationId, Guid incidentId, string? route = null) =>
        Protector(route).Protect($"{notificationId:N}:{incidentId:N}", clock.GetUtcNow().Add(Lifetime));

    public (AckLinkProblem Problem, Guid NotificationId) Read(string token, Guid incidentId, string? route = null)
    {
        string payload;
        try
        {
            payload = Protector(route).Unprotect(token, out var expires);
            if (expires < clock.GetUtcNow()) return (AckLinkProblem.Expired, Guid.Empty);
        }
        catch (CryptographicException e) when (e.Message.Contains("expired", StringComparison.OrdinalIgnoreCase))
        {
            return (AckLinkProblem.Expired, Guid.Empty);
        }
        catch (CryptographicException)
        {
            return (AckLinkProblem.Tampered, Guid.Empty);
        }
        var parts = payload.Split(':');
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out var notification) || !Guid.TryParse(parts[1], out var incident))
            return (AckLinkProblem.Tampered, Guid.Empty);
        return incident == incidentId ? (AckLinkProblem.None, notification) : (AckLinkProblem.OtherIncident, Guid.Empty);
    }
}
