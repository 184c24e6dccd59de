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
    private ITimeLimitedDataProtector Protector =>
        protection.CreateProtector("IncidentDesk.AckLink.v1").ToTimeLimitedDataProtector();

    public TimeSpan Lifetime => TimeSpan.FromHours(config.GetValue("Notifications:AckLinkHours", 24.0));

    public string Issue(Guid notificationId, Guid incidentId) =>
        Protector.Protect($"{notificationId:N}:{incidentId:N}", clock.GetUtcNow().Add(Lifetime));

    public (AckLinkProblem Problem, Guid NotificationId) Read(string token, Guid incidentId)
    {
        string payload;
        try
        {
            payload = Protector.Unprotect(token, out var expires);
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
