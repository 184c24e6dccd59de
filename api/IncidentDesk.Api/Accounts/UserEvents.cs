using IncidentDesk.Api.EventStore;

namespace IncidentDesk.Api.Accounts;

/// <summary>
/// An individual account was created (no shared accounts, seeds 001:914-924). The password is stored only as
/// ASP.NET Core's PasswordHasher hash.
/// </summary>
public sealed record UserRegistered(
    Guid UserId, string Email, string DisplayName, string[] Roles, string PasswordHash, Guid Actor, DateTimeOffset At);

public static class UserEventTypes
{
    public const string StreamType = "user";

    public static EventTypeMap RegisterUserEvents(this EventTypeMap map) => map
        .Register<UserRegistered>("user_registered");
}
