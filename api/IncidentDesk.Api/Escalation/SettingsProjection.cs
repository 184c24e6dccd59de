using System.Text.Json;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;

namespace IncidentDesk.Api.Escalation;

/// <summary>Keeps contact_chains and sla_policy in step with the settings streams.</summary>
public sealed class SettingsProjection : IInlineProjection
{
    public string Name => "settings";

    public IReadOnlyList<string> Tables { get; } = ["contact_chains", "sla_policy"];

    public void Project(RecordedEvent @event, ISqlBatch batch)
    {
        switch (@event.Data)
        {
            case ContactChainSaved e:
                batch.Add("insert into contact_chains (id, name, categories, department, is_default, contacts, version, updated_at) " +
                          "values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) on conflict (id) do update set name = excluded.name, " +
                          "categories = excluded.categories, department = excluded.department, is_default = excluded.is_default, " +
                          "contacts = excluded.contacts, version = excluded.version, updated_at = excluded.updated_at",
                    e.ChainId, e.Name, e.Categories.Select(c => EnumNames.Name(c)).ToArray(), e.Department, e.IsDefault,
                    Json(e.Contacts), @event.Version, e.At);
                break;
            case ContactChainRemoved e:
                batch.Add("delete from contact_chains where id = $1", e.ChainId);
                break;
            case SlaPolicySaved e:
                batch.Add("insert into sla_policy (id, policy, version, updated_at) values (1, $1::jsonb, $2, $3) " +
                          "on conflict (id) do update set policy = excluded.policy, version = excluded.version, updated_at = excluded.updated_at",
                    Json(new SlaPolicy(e.Rows, e.TimeZone, e.BusinessDayStartHour)), @event.Version, e.At);
                break;
        }
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, JsonDefaults.Options);
}
