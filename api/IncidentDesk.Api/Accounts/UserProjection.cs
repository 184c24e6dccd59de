using IncidentDesk.Api.EventStore;
using Npgsql;

namespace IncidentDesk.Api.Accounts;

public sealed class UserProjection : IInlineProjection
{
    public IReadOnlyList<string> Tables { get; } = ["users"];

    public void Project(RecordedEvent @event, NpgsqlBatch batch)
    {
        if (@event.Data is UserRegistered e)
            batch.Add("insert into users (id, email, display_name, roles, password_hash, created_at, version) " +
                      "values ($1, $2, $3, $4, $5, $6, $7)",
                e.UserId, e.Email, e.DisplayName, e.Roles, e.PasswordHash, e.At, @event.Version);
    }
}
