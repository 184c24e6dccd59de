using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace IncidentDesk.Api.Hosting;

/// <summary>
/// Data-protection keys in PostgreSQL, so N stateless API nodes share one key ring (the framework's EF Core
/// store would pull in EF for one table). Keys are only ever added; the framework expires them itself.
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var cmd = db.CreateCommand("select xml from data_protection_keys order by created_at");
        using var r = cmd.ExecuteReader();
        var list = new List<XElement>();
        while (r.Read()) list.Add(XElement.Parse(r.GetString(0)));
        return list;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var cmd = db.CreateCommand(
            "insert into data_protection_keys (friendly_name, xml) values ($1, $2) on conflict (friendly_name) do nothing");
        cmd.Parameters.AddWithValue(friendlyName);
        cmd.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        cmd.ExecuteNonQuery();
    }
}
