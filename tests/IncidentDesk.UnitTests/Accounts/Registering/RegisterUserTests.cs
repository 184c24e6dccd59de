using IncidentDesk.Api.Accounts.Registering;
using IncidentDesk.UnitTests.Testing;

namespace IncidentDesk.UnitTests.Accounts.Registering;

public sealed class RegisterUserTests
{
    private static CreateUserRequest Request(
        string? email = "hanako@example.co.jp", string? displayName = "Hanako Sato", string[]? roles = null,
        string? password = "correct horse battery", string? language = null) =>
        new(email, displayName, roles ?? ["Responder"], password, language);

    [Fact]
    public void A_complete_request_is_valid() => Validation.Passes(() => RegisterUserHandler.Validate(Request()));

    [Fact]
    public void Every_field_is_required()
    {
        Validation.Fails(() => RegisterUserHandler.Validate(new CreateUserRequest(null, null, null, null)),
            "email", "displayName", "roles", "password");
    }

    [Theory]
    [InlineData("hanako")]
    [InlineData("hanako@")]
    [InlineData("@example.com")]
    [InlineData("hanako@@example.com")]
    [InlineData("hanako example@example.com")]
    [InlineData("   ")]
    public void An_email_must_be_an_address(string email) =>
        Validation.Fails(() => RegisterUserHandler.Validate(Request(email: email)), "email");

    [Theory]
    [InlineData("Hanako <hanako@example.com>")]
    [InlineData("\"Hanako\" <hanako@example.com>")]
    [InlineData("hanako@example.com, taro@example.com")]
    public void An_email_must_be_a_bare_address_not_a_mailbox_with_a_display_name(string email) =>
        Validation.Fails(() => RegisterUserHandler.Validate(Request(email: email)), "email");

    [Theory]
    [InlineData("hanako@example.com")]
    [InlineData("hanako.sato+incidents@example.co.jp")]
    [InlineData("  hanako@example.com  ")]
    public void Ordinary_addresses_are_valid(string email) =>
        Validation.Passes(() => RegisterUserHandler.Validate(Request(email: email)));

    [Fact]
    public void An_email_may_have_up_to_254_characters()
    {
        var local = new string('a', 64);
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 3)) + ".example.com";
        var fits = local + "@" + domain[..(254 - 65)];
        Assert.Equal(254, fits.Length);

        Validation.Passes(() => RegisterUserHandler.Validate(Request(email: fits)));
        Validation.Fails(() => RegisterUserHandler.Validate(Request(email: fits + "x")), "email");
    }

    [Fact]
    public void At_least_one_role_is_required() =>
        Validation.Fails(() => RegisterUserHandler.Validate(Request(roles: [])), "roles");

    [Theory]
    [InlineData("Auditor")]
    [InlineData("admin")]
    [InlineData("")]
    public void Unknown_roles_are_refused(string role) =>
        Validation.Fails(() => RegisterUserHandler.Validate(Request(roles: ["Responder", role])), "roles");

    [Fact]
    public void A_missing_role_entry_is_refused_naming_its_index() =>
        Validation.Fails(() => RegisterUserHandler.Validate(Request(roles: ["Responder", null!])), "roles.1");

    [Fact]
    public void All_four_roles_are_known() =>
        Validation.Passes(() => RegisterUserHandler.Validate(Request(roles: ["Reporter", "Responder", "Executive", "Admin"])));

    [Fact]
    public void A_password_needs_at_least_twelve_characters()
    {
        Validation.Fails(() => RegisterUserHandler.Validate(Request(password: "elevenchars")), "password");
        Validation.Passes(() => RegisterUserHandler.Validate(Request(password: "twelve chars")));
        Validation.Fails(() => RegisterUserHandler.Validate(Request(password: "")), "password");
    }

    [Fact]
    public void A_password_may_have_up_to_200_characters()
    {
        Validation.Passes(() => RegisterUserHandler.Validate(Request(password: new string('p', 200))));
        Validation.Fails(() => RegisterUserHandler.Validate(Request(password: new string('p', 201))), "password");
    }

    [Fact]
    public void A_display_name_may_have_up_to_100_characters()
    {
        Validation.Passes(() => RegisterUserHandler.Validate(Request(displayName: new string('n', 100))));
        Validation.Fails(() => RegisterUserHandler.Validate(Request(displayName: new string('n', 101))), "displayName");
        Validation.Fails(() => RegisterUserHandler.Validate(Request(displayName: "  ")), "displayName");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ja")]
    [InlineData("en")]
    public void The_language_is_optional_and_may_be_ja_or_en(string? language) =>
        Validation.Passes(() => RegisterUserHandler.Validate(Request(language: language)));

    [Theory]
    [InlineData("fr")]
    [InlineData("EN")]
    [InlineData("ja-JP")]
    [InlineData("")]
    public void Any_other_language_is_refused_naming_the_field(string language) =>
        Validation.Fails(() => RegisterUserHandler.Validate(Request(language: language)), "language");
}
