using IncidentDesk.Api.EventStore;

namespace IncidentDesk.Api.Accounts;

public sealed class UserProjection : IInlineProjection
{
    public string Name => "users";

    public IReadOnlyList<string> Tables { get; } = ["users"];

    public void Project(RecordedEvent @event, ISqlBatch batch)
    {
        switch (@event.Data)
        {
            case UserRegistered e:
                batch.Add("insert into users (id, email, display_name, roles, created_at, language, version) " +
                          "values ($1, $2, $3, $4, $5, $6, $7)",
                    e.UserId, e.Email, e.DisplayName, e.Roles, e.At, e.Language, @event.Version);
                break;
            case UserLanguageChanged e:
                batch.Add("update users set language = $2, version = $3 where id = $1", e.UserId, e.Language, @event.Version);
                break;
            case UserRenamed e:
                batch.Add("update users set display_name = $2, version = $3 where id = $1", e.UserId, e.DisplayName, @event.Version);
                break;
            case UserRolesChanged e:
                batch.Add("update users set roles = $2, version = $3 where id = $1", e.UserId, e.Roles, @event.Version);
                break;
            case UserDisabled e:
                batch.Add("update users set disabled = true, session_epoch = session_epoch + 1, version = $2 where id = $1",
                    e.UserId, @event.Version);
                break;
            case UserEnabled e:
                batch.Add("update users set disabled = false, version = $2 where id = $1", e.UserId, @event.Version);
                break;
            case UserPasswordChanged e:
                batch.Add("update users set session_epoch = session_epoch + 1, version = $2 where id = $1", e.UserId, @event.Version);
                break;
        }
    }
}
