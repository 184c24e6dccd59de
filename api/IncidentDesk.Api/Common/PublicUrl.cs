namespace IncidentDesk.Api.Common;

/// <summary>The address people reach IncidentDesk at (IncidentDesk:PublicUrl): the base of every link in a message.</summary>
public sealed class PublicUrl(IConfiguration config)
{
    public string Base => (config["IncidentDesk:PublicUrl"] is { Length: > 0 } url ? url : "http://127.0.0.1:8080").TrimEnd('/');
}
