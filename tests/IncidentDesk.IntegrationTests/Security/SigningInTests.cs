using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Security;

/// <summary>Individual accounts, the cookie session and the antiforgery token the SPA echoes.</summary>
public sealed class SigningInTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    [Fact]
    public async Task Signing_in_sets_an_HttpOnly_session_cookie_and_a_readable_XSRF_TOKEN_cookie()
    {
        var account = await app.CreateAccountAsync("Reporter", "Cookie Monster");
        var client = app.Anonymous();
        var response = (await client.LoginAsync(account.Email, account.Password)).Expect(200);

        Assert.Equal(account.Id, response.Json.Guid("id"));
        Assert.Equal(account.Email, response.Json.Str("email"));
        Assert.Equal("Cookie Monster", response.Json.Str("displayName"));
        Assert.Equal(["Reporter"], response.Json["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        var cookies = response.Message.Headers.GetValues("Set-Cookie").ToList();
        var session = Assert.Single(cookies, c => c.StartsWith("incidentdesk.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        var xsrf = Assert.Single(cookies, c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal));
        Assert.DoesNotContain("httponly", xsrf, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(client.XsrfToken));
        Assert.DoesNotContain(account.Password, response.Body);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_e_mail_get_the_same_401_and_no_session()
    {
        var account = await app.CreateAccountAsync("Reporter");
        var client = app.Anonymous();
        var wrong = (await client.LoginAsync(account.Email, "not-the-password")).Expect(401);
        var unknown = (await client.LoginAsync("nobody@incidentdesk.test", "not-the-password")).Expect(401);
        Assert.Equal(wrong.Json.Str("detail"), unknown.Json.Str("detail"));
        Assert.False(wrong.Message.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("incidentdesk.session=", StringComparison.Ordinal)));
        (await client.GetAsync("/api/auth/me")).Expect(401);
    }

    [Fact]
    public async Task Me_returns_the_signed_in_account_and_a_fresh_XSRF_TOKEN()
    {
        var client = await app.SignInAsNewAsync("Executive", "Exec Utive");
        var me = (await client.GetAsync("/api/auth/me")).Expect(200);
        Assert.Equal(client.Id, me.Json.Guid("id"));
        Assert.Equal(["Executive"], me.Json["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        var token = ApiClient.XsrfCookieIn(me.Message);
        Assert.False(string.IsNullOrEmpty(token));

        // The token handed out by /me works for writes too (the SPA reads it after a page reload).
        client.XsrfToken = token;
        (await client.PostAsync("/api/incidents", Bodies.Report())).Expect(201);
    }

    [Fact]
    public async Task A_POST_without_the_XSRF_header_is_403_and_writes_nothing()
    {
        var client = await app.SignInAsNewAsync("Reporter");
        var before = await app.CountEventsAsync();
        var refused = (await client.PostRawAsync("/api/incidents",
            System.Text.Json.JsonSerializer.Serialize(Bodies.Report(), Json.Web),
            sendXsrf: false)).Expect(403);
        Assert.Contains("X-XSRF-TOKEN", refused.Json.Str("detail"));
        Assert.Equal(before, await app.CountEventsAsync());
    }

    [Fact]
    public async Task A_POST_carrying_another_sessions_XSRF_token_is_403()
    {
        var mallory = await app.SignInAsNewAsync("Reporter");
        var victim = await app.SignInAsNewAsync("Responder");
        var incident = await mallory.FileAsync();
        var before = await app.CountEventsAsync();

        victim.XsrfToken = mallory.XsrfToken;
        (await victim.PostAsync($"{incident.Path}/acknowledge", new { }, incident.Version)).Expect(403);
        victim.XsrfToken = "garbage";
        (await victim.PostAsync($"{incident.Path}/acknowledge", new { }, incident.Version)).Expect(403);
        Assert.Equal(before, await app.CountEventsAsync());
    }

    [Fact]
    public async Task After_logging_out_the_client_is_anonymous_again()
    {
        var client = await app.SignInAsNewAsync("Responder");
        (await client.PostAsync("/api/auth/logout", null)).Expect(204);
        (await client.GetAsync("/api/auth/me")).Expect(401);
        (await client.GetAsync("/api/incidents")).Expect(401);
    }

    [Fact]
    public async Task An_admin_creates_individual_accounts_of_every_role_and_each_signs_in_with_its_role()
    {
        foreach (var role in new[] { "Reporter", "Responder", "Executive", "Admin" })
        {
            var account = await app.CreateAccountAsync(role, $"Person {role}");
            var me = await (await app.SignInAsync(account)).GetJsonAsync("/api/auth/me");
            Assert.Equal([role], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        }
        var list = (await app.Admin.GetJsonAsync("/api/users")).Items();
        foreach (var role in new[] { "Reporter", "Responder", "Executive", "Admin" })
            Assert.Contains(list, u => u.Str("displayName") == $"Person {role}" && u["createdAt"] is not null);

        // Only responders and admins can own an incident.
        var assignable = (await app.Admin.GetJsonAsync("/api/users/assignable")).Items().Select(u => u.Str("displayName")).ToList();
        Assert.Contains("Person Responder", assignable);
        Assert.Contains("Person Admin", assignable);
        Assert.DoesNotContain("Person Reporter", assignable);
        Assert.DoesNotContain("Person Executive", assignable);
    }

    [Fact]
    public async Task An_account_can_hold_several_roles()
    {
        var email = $"both-{Guid.NewGuid():N}@incidentdesk.test";
        (await app.Admin.PostAsync("/api/users", new { email, displayName = "Both", roles = new[] { "Responder", "Reporter" }, password = "long-enough-password" })).Expect(201);
        var client = app.Anonymous();
        var login = (await client.LoginAsync(email, "long-enough-password")).Expect(200);
        Assert.Equal(["Reporter", "Responder"], login.Json["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Order());
        var incident = await client.FileAsync();
        await client.RunAsync(incident, "acknowledge", new { });
    }

    [Fact]
    public async Task Passwords_are_stored_only_as_hashes_and_never_returned()
    {
        var account = await app.CreateAccountAsync("Reporter");
        var users = await app.Admin.GetAsync("/api/users");
        Assert.DoesNotContain(account.Password, users.Body);
        Assert.DoesNotContain("password", users.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await app.Database.ScalarAsync("select count(*) from mt_events where data::text like '%' || $1 || '%'", account.Password));
        Assert.Equal(0, await app.Database.ScalarAsync("select count(*) from user_credentials where password_hash like '%' || $1 || '%'", account.Password));
        Assert.Equal(1, await app.Database.ScalarAsync("select count(*) from user_credentials where user_id = $1 and length(password_hash) > 40", account.Id));
        // Nor is the hash in any event: events are kept forever, a hash must be replaceable.
        var hash = (await app.Database.TextRowsAsync($"select password_hash from user_credentials where user_id = '{account.Id}'")).Single();
        Assert.Equal(0, await app.Database.ScalarAsync("select count(*) from mt_events where position($1 in data::text) > 0", hash));
        Assert.Equal(0, await app.Database.ScalarAsync("select count(*) from mt_events where data::text ilike '%passwordHash%'"));
    }
}
