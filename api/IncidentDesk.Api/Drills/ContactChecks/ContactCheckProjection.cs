using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;

namespace IncidentDesk.Api.Drills.ContactChecks;

/// <summary>
/// contact_checks (the list by run, the date of the last completed check), and the chain members under test in
/// drill_allow_list (reason 'chain'), in the transaction that starts the check, so the dispatcher's drill gate lets their
/// mail through from the first one.
/// </summary>
public sealed class ContactCheckProjection : IInlineProjection
{
    public string Name => "contact_checks";

    public IReadOnlyList<string> Tables { get; } = ["contact_checks"];

    /// <summary>The run's projection owns drill_allow_list; rebuilding it replays this one after it, for the chain rows.</summary>
    public IReadOnlyList<string> AlsoWrites { get; } = ["drill_allow_list"];

    public void Project(RecordedEvent @event, ISqlBatch batch)
    {
        switch (@event.Data)
        {
            case ContactCheckStarted e:
                batch.Add("insert into contact_checks (id, run_id, category, chain_id, chain_name, announced, status, members, started_at, version, updated_at) " +
                          "values ($1, $2, $3, $4, $5, $6, 'running', $7, $8, $9, $8)",
                    e.CheckId, e.RunId, EnumNames.Name(e.Category), e.ChainId, e.ChainName, e.Announced, e.Members.Length, e.At, @event.Version);
                foreach (var address in e.Members.Select(m => m.Email.ToLowerInvariant()).Distinct())
                    batch.Add("insert into drill_allow_list (run_id, address, reason) values ($1, $2, 'chain') on conflict do nothing", e.RunId, address);
                break;
            case ContactAcknowledged e:
                batch.Add("update contact_checks set acknowledged = acknowledged + 1, version = $2, updated_at = $3 where id = $1",
                    e.CheckId, @event.Version, e.At);
                break;
            case ContactCheckCompleted e:
                batch.Add("update contact_checks set status = 'completed', completed_at = $2, version = $3, updated_at = $2 where id = $1",
                    e.CheckId, e.At, @event.Version);
                break;
            case IContactCheckEvent e:
                batch.Add("update contact_checks set version = $2, updated_at = $3 where id = $1", e.CheckId, @event.Version, e.At);
                break;
        }
    }
}
