using System.Security.Claims;

namespace IncidentDesk.Api.Common;

public static class Roles
{
    public const string Reporter = "Reporter";
    public const string Responder = "Responder";
    public const string Executive = "Executive";
    public const string Admin = "Admin";
    public static readonly string[] All = [Reporter, Responder, Executive, Admin];
}

/// <summary>The individual account behind a request (no shared accounts: seeds 001:914-924).</summary>
public sealed record Caller(Guid Id, IReadOnlySet<string> Roles, string? Name = null)
{
    public bool Is(string role) => Roles.Contains(role);

    /// <summary>Responders, executives and admins see every incident; reporters only their own.</summary>
    public bool SeesAllIncidents => Is(Common.Roles.Responder) || Is(Common.Roles.Executive) || Is(Common.Roles.Admin);

    /// <summary>The one incident an acknowledge link was sent for: its holder may act on that incident only.</summary>
    public Guid? LinkedIncident { get; init; }

    /// <summary>Whether this caller may see the incident (reporters: their own; link holders: the linked one).</summary>
    public bool MaySee(Guid incidentId, Guid reporterId) => SeesAllIncidents || reporterId == Id || LinkedIncident == incidentId;

    /// <summary>Someone acting through an acknowledge link: the person it was sent to (or the system, naming them).</summary>
    public static Caller ForLink(Guid actor, Guid incidentId) => new(actor, new HashSet<string>()) { LinkedIncident = incidentId };

    public bool WorksIncidents => Is(Common.Roles.Responder) || Is(Common.Roles.Admin);

    public static Caller From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier)
                 ?? throw new InvalidOperationException("endpoint requires an authenticated caller");
        return new Caller(Guid.Parse(id), user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(),
            user.FindFirstValue(ClaimTypes.Name));
    }
}
