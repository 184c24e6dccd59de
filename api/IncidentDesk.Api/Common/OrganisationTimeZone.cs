namespace IncidentDesk.Api.Common;

/// <summary>
/// The organisation's time zone (an IANA id such as Asia/Tokyo, set with the SLA policy): every time people read,
/// on screen and in mail, is written in it, whatever the zone of the browser or the server.
/// </summary>
public interface IOrganisationTimeZone
{
    Task<string> GetAsync(CancellationToken ct);
}
