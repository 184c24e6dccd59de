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

public static class UserEventTypes
{
    public const string StreamType = "user";

    public static EventTypeMap RegisterUserEvents(this EventTypeMap map) => map
        .Register<UserRegistered>("user_registered")
        .Register<UserLanguageChanged>("user_language_changed");
}
