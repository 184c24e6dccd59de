using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Accounts.ChangingLanguage;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;

namespace IncidentDesk.UnitTests.Accounts.ChangingLanguage;

public sealed class ChangeLanguageTests
{
    private static readonly User Japanese = new(Reporter, "ja");

    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    public void Ja_and_en_are_the_languages(string language) =>
        Assert.Equal(language, ChangeLanguageHandler.Validate(new LanguageRequest(language)));

    [Theory]
    [InlineData("fr")]
    [InlineData("EN")]
    [InlineData("english")]
    [InlineData("ja-JP")]
    [InlineData("")]
    [InlineData(" ")]
    public void Any_other_language_is_a_400_naming_language(string language) =>
        Validation.Fails(() => ChangeLanguageHandler.Validate(new LanguageRequest(language)), "language");

    [Fact]
    public void A_missing_language_or_an_unreadable_body_is_a_400_naming_language()
    {
        Validation.Fails(() => ChangeLanguageHandler.Validate(new LanguageRequest(null)), "language");
        Validation.Fails(() => ChangeLanguageHandler.Validate(null), "language");
    }

    [Fact]
    public void Choosing_another_language_records_who_chose_it_and_when()
    {
        var events = ChangeLanguageHandler.Decide(Japanese, "en", Reporter, Now);

        Assert.Equal([new UserLanguageChanged(Reporter, "en", Reporter, Now)], events);
    }

    [Fact]
    public void Choosing_the_language_the_account_already_has_records_nothing()
    {
        Assert.Empty(ChangeLanguageHandler.Decide(Japanese, "ja", Reporter, Now));
        Assert.Empty(ChangeLanguageHandler.Decide(Japanese with { Language = "en" }, "en", Reporter, Now));
    }

    [Fact]
    public void The_stream_folds_to_the_latest_language()
    {
        var user = new object[]
        {
            new UserRegistered(Reporter, "hanako@example.co.jp", "Hanako Sato", ["Reporter"], Reporter, T(0)),
            new UserLanguageChanged(Reporter, "en", Reporter, T(1)),
            new UserLanguageChanged(Reporter, "ja", Reporter, T(2)),
            new UserLanguageChanged(Reporter, "en", Reporter, T(3)),
        }.Aggregate((User?)null, User.Evolve);

        Assert.Equal((Reporter, "en", "Hanako Sato"), (user!.Id, user.Language, user.DisplayName));
    }

    [Fact]
    public void An_account_registered_in_English_starts_in_English()
    {
        var user = User.Evolve(null, new UserRegistered(Reporter, "john@example.com", "John", ["Reporter"], Reporter, T(0), "en"));

        Assert.Equal("en", user.Language);
    }

    /// <summary>Stored history is forever: accounts registered before the language existed read back as Japanese.</summary>
    [Fact]
    public void A_user_registered_event_stored_without_a_language_reads_back_as_Japanese()
    {
        const string stored =
            "{\"userId\":\"01930000-0000-7000-8000-0000000000a1\",\"email\":\"hanako@example.co.jp\",\"displayName\":\"Hanako Sato\"," +
            "\"roles\":[\"Reporter\"],\"passwordHash\":\"hash\",\"actor\":\"01930000-0000-7000-8000-0000000000a1\"," +
            "\"at\":\"2026-11-20T09:00:00+00:00\"}";

        var e = Assert.IsType<UserRegistered>(EventJson.Map.Deserialize("user_registered", stored));

        Assert.Equal("ja", e.Language);
        Assert.Equal("ja", User.Evolve(null, e).Language);
    }
}
