namespace IncidentDesk.Api.Accounts;

/// <summary>The languages IncidentDesk speaks, in its UI and in the messages it sends.</summary>
public static class Languages
{
    public const string Default = "ja";
    public const string English = "en";
    public static readonly string[] All = [Default, English];

    public static bool IsKnown(string? language) => language is Default or English;
}

/// <summary>
/// A user stream folded: what account commands decide on. <paramref name="SessionEpoch"/> counts the events that
/// end the account's sessions (disabled, password changed); a session cookie carries the epoch it was issued in.
/// </summary>
public sealed record User(Guid Id, string Language, string DisplayName = "", string[]? Roles = null, bool Disabled = false,
    int SessionEpoch = 0)
{
    public IReadOnlyList<string> RoleList => Roles ?? [];

    public static User Evolve(User? state, object e) => e switch
    {
        UserRegistered r => new User(r.UserId, r.Language, r.DisplayName, r.Roles),
        UserLanguageChanged c when state is not null => state with { Language = c.Language },
        UserRenamed n when state is not null => state with { DisplayName = n.DisplayName },
        UserRolesChanged r when state is not null => state with { Roles = r.Roles },
        UserDisabled when state is not null => state with { Disabled = true, SessionEpoch = state.SessionEpoch + 1 },
        UserEnabled when state is not null => state with { Disabled = false },
        UserPasswordChanged when state is not null => state with { SessionEpoch = state.SessionEpoch + 1 },
        _ => state ?? throw new InvalidOperationException($"user stream does not start with user_registered but {e.GetType().Name}"),
    };
}
