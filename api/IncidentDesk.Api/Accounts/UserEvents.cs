using IncidentDesk.Api.EventStore;

namespace IncidentDesk.Api.Accounts;

/// <summary>
/// An individual account was created (no shared accounts, seeds 001:914-924). The password is not in the event:
/// events are kept forever, so its hash (ASP.NET Core's PasswordHasher) lives in user_credentials, written in the
/// same transaction, where a new password overwrites it. <paramref name="Language"/> came later: events stored
/// without it read back as Japanese, the default.
/// </summary>
public sealed record UserRegistered(
    Guid UserId, string Email, string DisplayName, string[] Roles, Guid Actor, DateTimeOffset At,
    string Language = Languages.Default);

/// <summary>The language the account's messages (e-mail) are written in changed.</summary>
public sealed record UserLanguageChanged(Guid UserId, string Language, Guid Actor, DateTimeOffset At);

/// <summary>An admin changed the name the account is shown by.</summary>
public sealed record UserRenamed(Guid UserId, string DisplayName, Guid Actor, DateTimeOffset At);

/// <summary>An admin changed what the account may do (the whole set of roles, as it is now).</summary>
public sealed record UserRolesChanged(Guid UserId, string[] Roles, Guid Actor, DateTimeOffset At);

/// <summary>An admin disabled the account: it cannot sign in, and its sessions end.</summary>
public sealed record UserDisabled(Guid UserId, Guid Actor, DateTimeOffset At);

/// <summary>An admin enabled a disabled account again (its old sessions stay ended).</summary>
public sealed record UserEnabled(Guid UserId, Guid Actor, DateTimeOffset At);

/// <summary>
/// The account's password changed (the new hash is in user_credentials, never here). The account's other
/// sessions end.
/// </summary>
public sealed record UserPasswordChanged(Guid UserId, Guid Actor, DateTimeOffset At);

public static class UserEventTypes
{
    public const string StreamType = "user";

    /// <summary>Stored names of the account events.</summary>
    public static readonly string[] Names =
    [
        "user_registered", "user_language_changed", "user_renamed", "user_roles_changed", "user_disabled", "user_enabled",
        "user_password_changed",
    ];

    public static EventTypeMap RegisterUserEvents(this EventTypeMap map) => map
        .Register<UserRegistered>(Names[0])
        .Register<UserLanguageChanged>(Names[1])
        .Register<UserRenamed>(Names[2])
        .Register<UserRolesChanged>(Names[3])
        .Register<UserDisabled>(Names[4])
        .Register<UserEnabled>(Names[5])
        .Register<UserPasswordChanged>(Names[6]);
}
