using System.Text;
using System.Text.Json;
using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Accounts;

/// <summary>
/// Admins edit an account's name, roles and language, disable and enable it (PUT /api/users/{id}, POST
/// /api/users/{id}/disable|enable, If-Match); everyone changes their own password (PUT /api/auth/me/password).
/// Each change is an event with its actor; a disabled account cannot sign in and the sessions it had stop working.
/// </summary>
public sealed class ManagingAccountsTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private static Task<ApiResponse> PutAsync(ApiClient client, string path, string? json, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    private static string Body(object o) => JsonSerializer.Serialize(o, Json.Web);

    private async Task<(Guid Id, long Version)> ListedAsync(Guid id)
    {
        var user = (await app.Admin.GetJsonAsync("/api/users")).Items().Single(u => u.Guid("id") == id);
        return (id, user.Long("version"));
    }

    private async Task<ApiResponse> WritesNothingAsync(Func<Task<ApiResponse>> call)
    {
        var events = await app.CountEventsAsync();
        var users = await app.Database.TextRowsAsync("select u::text from users u order by id");
        var response = await call();
        Assert.Equal(events, await app.CountEventsAsync());
        Assert.Equal(users, await app.Database.TextRowsAsync("select u::text from users u order by id"));
        return response;
    }

    private async Task<IReadOnlyList<string>> EventTypesOfAsync(Guid userId) =>
        await app.Database.TextRowsAsync($"select type from mt_events where stream_id = '{userId}' order by version");

    [Fact]
    public async Task An_admin_renames_an_account_gives_it_roles_and_a_language_and_each_change_is_an_event_by_that_admin()
    {
        var account = await app.CreateAccountAsync("Reporter", "Before Rename");
        var (id, version) = await ListedAsync(account.Id);

        var saved = (await PutAsync(app.Admin, $"/api/users/{id}",
            Body(new { displayName = "  After Rename ", roles = new[] { "Responder", "Reporter" }, language = "en" }), $"\"{version}\"")).Expect(200);

        Assert.Equal("After Rename", saved.Json.Str("displayName"));
        Assert.Equal(["Reporter", "Responder"], saved.Json["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("en", saved.Json.Str("language"));
        Assert.Equal(version + 3, saved.ETagVersion);
        Assert.Equal(["user_registered", "user_renamed", "user_roles_changed", "user_language_changed"], await EventTypesOfAsync(id));
        var actors = await app.Database.TextRowsAsync($"select data->>'actor' from mt_events where stream_id = '{id}' and version > 1");
        Assert.All(actors, a => Assert.Equal(app.Admin.Id.ToString(), a));

        // The same form sent again changes nothing and records nothing.
        (await WritesNothingAsync(() => PutAsync(app.Admin, $"/api/users/{id}",
            Body(new { displayName = "After Rename", roles = new[] { "Reporter", "Responder" }, language = "en" }), $"\"{version + 3}\""))).Expect(200);
    }

    [Fact]
    public async Task Roles_an_admin_takes_away_stop_working_in_the_sessions_the_account_already_has()
    {
        var responder = await app.SignInAsNewAsync("Responder");
        (await responder.GetAsync("/api/users/assignable")).Expect(200);
        var (id, version) = await ListedAsync(responder.Id);

        (await PutAsync(app.Admin, $"/api/users/{id}", Body(new { displayName = "Demoted", roles = new[] { "Reporter" }, language = "ja" }),
            $"\"{version}\"")).Expect(200);

        (await responder.GetAsync("/api/users/assignable")).Expect(403);
        Assert.Equal("Demoted", (await responder.GetJsonAsync("/api/auth/me")).Str("displayName"));
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_its_sessions_end_and_once_enabled_it_signs_in_again()
    {
        var account = await app.CreateAccountAsync("Responder");
        var session = await app.SignInAsync(account);
        (await session.GetAsync("/api/auth/me")).Expect(200);
        var (id, version) = await ListedAsync(account.Id);

        var disabled = (await app.Admin.PostAsync($"/api/users/{id}/disable", null, version)).Expect(200);
        Assert.True(disabled.Json["disabled"]!.GetValue<bool>());

        (await session.GetAsync("/api/auth/me")).Expect(401);
        (await session.PostAsync($"/api/incidents", Bodies.Report())).Expect(401);
        (await app.Anonymous().LoginAsync(account.Email, account.Password)).Expect(401);
        Assert.DoesNotContain(account.Id.ToString(),
            (await app.Admin.GetJsonAsync("/api/users/assignable")).Items().Select(u => u.Str("id")));

        (await app.Admin.PostAsync($"/api/users/{id}/enable", null, disabled.ETagVersion)).Expect(200);
        // The session that ended stays ended; a new sign-in works.
        (await session.GetAsync("/api/auth/me")).Expect(401);
        (await app.Anonymous().LoginAsync(account.Email, account.Password)).Expect(200);
        Assert.Equal(["user_registered", "user_disabled", "user_enabled"], await EventTypesOfAsync(id));
    }

    [Fact]
    public async Task An_admin_cannot_disable_themselves_or_demote_the_last_admin()
    {
        var (adminId, version) = await ListedAsync(app.Admin.Id);
        var self = await WritesNothingAsync(() => app.Admin.PostAsync($"/api/users/{adminId}/disable", null, version));
        Assert.Equal(["disable_self"], self.Expect(409).RuleCodes);

        // The fixture's admin is the only enabled admin unless another test made one: make sure it is the last.
        foreach (var other in (await app.Admin.GetJsonAsync("/api/users")).Items()
                     .Where(u => u.Guid("id") != adminId && !u["disabled"]!.GetValue<bool>() &&
                                 u["roles"]!.AsArray().Any(r => r!.GetValue<string>() == "Admin")))
            (await app.Admin.PostAsync($"/api/users/{other.Guid("id")}/disable", null, other.Long("version"))).Expect(200);
        var demote = await WritesNothingAsync(() => PutAsync(app.Admin, $"/api/users/{adminId}",
            Body(new { displayName = "Administrator", roles = new[] { "Responder" }, language = "ja" }), $"\"{version}\""));
        Assert.Equal(["last_admin"], demote.Expect(409).RuleCodes);
    }

    [Fact]
    public async Task A_second_admin_may_disable_the_first_admin_but_not_the_last()
    {
        var second = await app.SignInAsNewAsync("Admin");
        var third = await app.CreateAccountAsync("Admin");
        var (thirdId, v) = await ListedAsync(third.Id);
        (await second.PostAsync($"/api/users/{thirdId}/disable", null, v)).Expect(200);
        (await app.Admin.PostAsync($"/api/users/{second.Id}/disable", null, (await ListedAsync(second.Id)).Version)).Expect(200);
        (await second.GetAsync("/api/users")).Expect(401);
    }

    [Fact]
    public async Task Editing_with_a_stale_If_Match_is_a_412_and_writes_nothing()
    {
        var account = await app.CreateAccountAsync("Reporter");
        var (id, version) = await ListedAsync(account.Id);
        (await PutAsync(app.Admin, $"/api/users/{id}", Body(new { displayName = "First", roles = new[] { "Reporter" }, language = "ja" }),
            $"\"{version}\"")).Expect(200);

        (await WritesNothingAsync(() => PutAsync(app.Admin, $"/api/users/{id}",
            Body(new { displayName = "Second", roles = new[] { "Reporter" }, language = "ja" }), $"\"{version}\""))).Expect(412);
        (await WritesNothingAsync(() => app.Admin.PostAsync($"/api/users/{id}/disable", null, version))).Expect(412);
        (await WritesNothingAsync(() => app.Admin.PostAsync($"/api/users/{id}/disable", null))).ExpectFieldError("If-Match");
        (await WritesNothingAsync(() => app.Admin.PostAsync($"/api/users/{Guid.NewGuid()}/disable", null, 1))).Expect(404);
    }

    public static TheoryData<string, string> BadEdits => new()
    {
        { """{}""", "displayName,roles,language" },
        { """{"displayName":"Tab\there","roles":["Reporter"],"language":"ja"}""", "displayName" },
        { """{"displayName":"Line\nbreak","roles":["Reporter"],"language":"ja"}""", "displayName" },
        { """{"displayName":"   ","roles":["Reporter"],"language":"ja"}""", "displayName" },
        { """{"displayName":"Name","roles":[null],"language":"ja"}""", "roles.0" },
        { """{"displayName":"Name","roles":["Reporter",null],"language":"ja"}""", "roles.1" },
        { """{"displayName":"Name","roles":["Boss"],"language":"ja"}""", "roles" },
        { """{"displayName":"Name","roles":[],"language":"ja"}""", "roles" },
        { """{"displayName":"Name","roles":"Admin","language":"ja"}""", "roles" },
        { """{"displayName":"Name","roles":["Reporter"],"language":"fr"}""", "language" },
        { """{"displayName":42,"roles":["Reporter"],"language":"ja"}""", "displayName" },
        { """not json""", "body" },
        { """null""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadEdits))]
    public async Task A_bad_edit_is_a_400_naming_the_field_and_writes_nothing(string json, string fields)
    {
        var account = await app.SharedAsync("edit-target", () => app.CreateAccountAsync("Reporter", "Edit Target"));
        var (id, version) = await ListedAsync(account.Id);
        var response = await WritesNothingAsync(() => PutAsync(app.Admin, $"/api/users/{id}", json, $"\"{version}\""));
        foreach (var field in fields.Split(',')) response.ExpectFieldError(field);
    }

    [Fact]
    public async Task Changing_ones_own_password_ends_the_other_sessions_keeps_this_one_and_records_no_secret()
    {
        var account = await app.CreateAccountAsync("Reporter");
        var here = await app.SignInAsync(account);
        var elsewhere = await app.SignInAsync(account);
        const string next = "a brand new password 123";

        (await PutAsync(here, "/api/auth/me/password", Body(new { currentPassword = account.Password, newPassword = next }), null)).Expect(204);

        (await here.GetAsync("/api/auth/me")).Expect(200);
        (await elsewhere.GetAsync("/api/auth/me")).Expect(401);
        (await app.Anonymous().LoginAsync(account.Email, account.Password)).Expect(401);
        (await app.Anonymous().LoginAsync(account.Email, next)).Expect(200);
        Assert.Equal(["user_registered", "user_password_changed"], await EventTypesOfAsync(account.Id));
        var hash = (await app.Database.TextRowsAsync($"select password_hash from user_credentials where user_id = '{account.Id}'")).Single();
        Assert.Equal(0, await app.Database.ScalarAsync("select count(*) from mt_events where data::text like '%' || $1 || '%' or data::text like '%' || $2 || '%'",
            hash, next));
    }

    public static TheoryData<string, string> BadPasswordChanges => new()
    {
        { """{}""", "currentPassword,newPassword" },
        { """{"currentPassword":"wrong password here","newPassword":"a long enough password"}""", "currentPassword" },
        { """{"currentPassword":"{current}","newPassword":"short"}""", "newPassword" },
        { """{"currentPassword":"{current}","newPassword":"{current}"}""", "newPassword" },
        { """null""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadPasswordChanges))]
    public async Task A_bad_password_change_is_a_400_naming_the_field_and_writes_nothing(string json, string fields)
    {
        var account = await app.SharedAsync("password-target", () => app.CreateAccountAsync("Reporter"));
        var client = await app.SignInAsync(account);
        var response = await WritesNothingAsync(() => PutAsync(client, "/api/auth/me/password", json.Replace("{current}", account.Password), null));
        foreach (var field in fields.Split(',')) response.ExpectFieldError(field);
        (await app.Anonymous().LoginAsync(account.Email, account.Password)).Expect(200);
    }
}
