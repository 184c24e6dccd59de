namespace IncidentDesk.Api.Accounts;

/// <summary>The languages IncidentDesk speaks, in its UI and in the messages it sends.</summary>
public static class Languages
{
    public const string Default = "ja";
    public const string English = "en";
    public static readonly string[] All = [Default, English];

    public static bool IsKnown(string? language) => language is Default or English;
}

/// <summary>A user stream folded: what account commands decide on.</summary>
public sealed record User(Guid Id, string Language)
{
    public static User Evolve(User? state, object e) => e switch
    {
        UserRegistered r => new User(r.UserId, r.Language),
        UserLanguageChanged c when state is not null => state with { Language = c.Language },
        _ => state ?? throw new InvalidOperationException($"user stream does not start with user_registered but {e.GetType().Name}"),
    };
}
