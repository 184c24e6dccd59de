using System.Text;
using System.Text.Json;
using IncidentDesk.Api.EventStore;
using IncidentDesk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentDesk.IntegrationTests.Accounts;

/// <summary>
/// Every account has a language (ja by default, or en) that its messages are written in: set when an admin
/// creates it, changed by its owner through PUT /api/auth/me/language, and used for the mail the account is sent.
/// Timers and delivery are off here: a reporter's stage-change message is planned in the command's own
/// transaction, so the incident's notification log shows its subject without anything being delivered.
/// </summary>
public sealed class AccountLanguageTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private const string MyLanguage = "/api/auth/me/language";

    private static Task<ApiResponse> PutRawAsync(ApiClient client, string? body, string contentType = "application/json", bool sendXsrf = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, MyLanguage);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        if (!sendXsrf) request.Options.Set(new HttpRequestOptionsKey<bool>("skip-xsrf"), true);
        return client.SendAsync(request);
    }

    private static Task<ApiResponse> PutLanguageAsync(ApiClient client, string language) =>
        PutRawAsync(client, JsonSerializer.Serialize(new { language }));

    private async Task<ApiResponse> WritesNothingAsync(Func<Task<ApiResponse>> call)
    {
        var events = await app.CountEventsAsync();
        var users = await app.Database.TextRowsAsync("select u::text from users u order by id");
        var response = await call();
        Assert.Equal(events, await app.CountEventsAsync());
        Assert.Equal(users, await app.Database.TextRowsAsync("select u::text from users u order by id"));
        return response;
    }

    private async Task<ApiResponse> CreateAsync(object body) => await app.Admin.PostAsync("/api/users", body);

    private static object NewAccount(string? language, string role = "Reporter") => new
    {
        email = $"lang-{Guid.NewGuid():N}"[..20] + "@incidentdesk.test", displayName = $"Language {language ?? "default"}",
        roles = new[] { role }, password = "long-enough-password", language,
    };

    [Fact]
    public async Task An_account_is_Japanese_unless_the_admin_creates_it_in_English()
    {
        var plain = (await CreateAsync(new { email = $"plain-{Guid.NewGuid():N}"[..20] + "@incidentdesk.test", displayName = "Plain",
            roles = new[] { "Reporter" }, password = "long-enough-password" })).Expect(201);
        var english = (await CreateAsync(NewAccount("en"))).Expect(201);
        var japanese = (await CreateAsync(NewAccount("ja"))).Expect(201);

        Assert.Equal("ja", plain.Json.Str("language"));
        Assert.Equal("en", english.Json.Str("language"));
        Assert.Equal("ja", japanese.Json.Str("language"));
        var listed = (await app.Admin.GetJsonAsync("/api/users")).Items().ToDictionary(u => u.Str("id"), u => u.Str("language"));
        Assert.Equal("ja", listed[plain.Json.Str("id")]);
        Assert.Equal("en", listed[english.Json.Str("id")]);
        Assert.Equal("ja", listed[japanese.Json.Str("id")]);

        // The account itself sees its language on sign-in and in /me.
        var client = app.Anonymous();
        var login = (await client.LoginAsync(english.Json.Str("email"), "long-enough-password")).Expect(200);
        Assert.Equal("en", login.Json.Str("language"));
        Assert.Equal("en", (await client.GetJsonAsync("/api/auth/me")).Str("language"));
    }

    [Theory]
    [InlineData("\"fr\"")]
    [InlineData("\"EN\"")]
    [InlineData("\"\"")]
    [InlineData("5")]
    public async Task Creating_an_account_in_another_language_is_a_400_naming_language_and_writes_nothing(string language)
    {
        var json = $$"""{"email":"x-{{Guid.NewGuid():N}}@incidentdesk.test","displayName":"X","roles":["Reporter"],"password":"long-enough-password","language":{{language}}}""";
        (await WritesNothingAsync(() => app.Admin.PostRawAsync("/api/users", json))).ExpectFieldError("language");
    }

    [Fact]
    public async Task A_signed_in_user_changes_their_own_language_as_an_event_with_the_actor_and_the_time()
    {
        var client = await app.SignInAsNewAsync("Reporter", "Changes Language");
        Assert.Equal("ja", (await client.GetJsonAsync("/api/auth/me")).Str("language"));
        var before = await app.CountEventsAsync();
        var start = DateTimeOffset.UtcNow;

        var changed = (await PutLanguageAsync(client, "en")).Expect(200);

        Assert.Equal("en", changed.Json.Str("language"));
        Assert.Equal(client.Id, changed.Json.Guid("id"));
        Assert.Equal("en", (await client.GetJsonAsync("/api/auth/me")).Str("language"));
        Assert.Equal(before + 1, await app.CountEventsAsync());
        var stored = JsonDocument.Parse((await app.Database.TextRowsAsync(
            $"select data::text from mt_events where stream_id = '{client.Id}' and type = 'user_language_changed'")).Single()).RootElement;
        Assert.Equal(client.Id, stored.GetProperty("userId").GetGuid());
        Assert.Equal("en", stored.GetProperty("language").GetString());
        Assert.Equal(client.Id, stored.GetProperty("actor").GetGuid());
        var at = stored.GetProperty("at").GetDateTimeOffset();
        Assert.Equal(TimeSpan.Zero, at.Offset);
        Assert.InRange(at, start.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(client.Id.ToString(), (await app.Database.TextRowsAsync(
            $"select user_name from mt_events where stream_id = '{client.Id}' and type = 'user_language_changed'")).Single());

        // The same choice again (a double click, a second tab) records nothing; going back does.
        Assert.Equal("en", (await WritesNothingAsync(() => PutLanguageAsync(client, "en"))).Expect(200).Json.Str("language"));
        Assert.Equal("ja", (await PutLanguageAsync(client, "ja")).Expect(200).Json.Str("language"));
        Assert.Equal(before + 2, await app.CountEventsAsync());
        Assert.Equal(["en", "ja"], await app.Database.TextRowsAsync(
            $"select data->>'language' from mt_events where stream_id = '{client.Id}' and type = 'user_language_changed' order by version"));

        // Only the caller's own account moved.
        Assert.Equal("ja", (await app.Admin.GetJsonAsync("/api/auth/me")).Str("language"));
    }

    public static TheoryData<string?, string> BadBodies => new()
    {
        { """{"language":"fr"}""", "application/json" },
        { """{"language":"EN"}""", "application/json" },
        { """{"language":"ja-JP"}""", "application/json" },
        { """{"language":""}""", "application/json" },
        { """{"language":null}""", "application/json" },
        { """{"language":5}""", "application/json" },
        { """{"language":["en"]}""", "application/json" },
        { """{}""", "application/json" },
        { """{"lang":"en"}""", "application/json" },
        { "null", "application/json" },
        { "[]", "application/json" },
        { "\"en\"", "application/json" },
        { """{"language":"en" """, "application/json" },
        { """{"language":"en",}""", "application/json" },
        { "not json at all", "application/json" },
        { "", "application/json" },
        { null, "application/json" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Anything_but_ja_or_en_is_a_400_naming_language_and_writes_nothing(string? body, string contentType)
    {
        var client = await app.SharedAsync("bad-input", () => app.SignInAsNewAsync("Responder", "Bad Input"));

        var response = (await WritesNothingAsync(() => PutRawAsync(client, body, contentType))).ExpectFieldError("language");

        Assert.Equal(["language"], response.ErrorFields);
        Assert.Equal("ja", (await client.GetJsonAsync("/api/auth/me")).Str("language"));
    }

    [Fact]
    public async Task A_form_post_instead_of_JSON_is_a_415_and_writes_nothing()
    {
        var client = await app.SharedAsync("bad-input", () => app.SignInAsNewAsync("Responder", "Bad Input"));
        (await WritesNothingAsync(() => PutRawAsync(client, "language=en", "application/x-www-form-urlencoded"))).Expect(415);
    }

    [Fact]
    public async Task Without_a_session_it_is_a_401_and_without_the_XSRF_header_a_403_and_neither_writes()
    {
        (await WritesNothingAsync(() => PutRawAsync(app.Anonymous(), """{"language":"en"}"""))).Expect(401);

        var client = await app.SignInAsNewAsync("Reporter");
        (await WritesNothingAsync(() => PutRawAsync(client, """{"language":"en"}""", sendXsrf: false))).Expect(403);
        Assert.Equal("ja", (await client.GetJsonAsync("/api/auth/me")).Str("language"));
    }

    [Fact]
    public async Task Rebuilding_the_users_read_model_from_the_log_keeps_each_accounts_language()
    {
        var switched = await app.SignInAsNewAsync("Responder", "Rebuild Switched");
        await PutLanguageAsync(switched, "en");
        var created = (await CreateAsync(NewAccount("en", "Executive"))).Expect(201);
        var back = await app.SignInAsNewAsync("Reporter", "Rebuild Back");
        await PutLanguageAsync(back, "en");
        await PutLanguageAsync(back, "ja");
        const string users = "select id || ' ' || language || ' ' || version from users order by id";
        var before = await app.Database.TextRowsAsync(users);
        Assert.Contains($"{switched.Id} en 2", before);
        Assert.Contains($"{created.Json.Str("id")} en 1", before);
        Assert.Contains($"{back.Id} ja 3", before);

        await using (var cmd = app.Database.DataSource.CreateCommand("update users set language = case language when 'en' then 'ja' else 'en' end"))
            await cmd.ExecuteNonQueryAsync();
        await app.Factory.Services.GetRequiredService<ProjectionRebuilder>().RebuildAsync(CancellationToken.None);

        Assert.Equal(before, await app.Database.TextRowsAsync(users));
    }

    /// <summary>Issue #4: "messages in the recipient's language". Reporters hear back when their report moves on.</summary>
    [Theory]
    [InlineData("en", "[Update] ")]
    [InlineData("ja", "【状況のお知らせ】")]
    public async Task A_reporter_hears_about_a_stage_change_in_their_own_language(string language, string subjectStart)
    {
        var reporter = await app.SignInAsNewAsync("Reporter", $"Reporter in {language}");
        // Chosen by the reporter, not by the admin who created the account (Japanese by default).
        if (language == "en") (await PutLanguageAsync(reporter, "en")).Expect(200);
        var responder = await app.SharedAsync("responder", () => app.SignInAsNewAsync("Responder", "Language Responder"));

        var incident = await responder.DriveToAsync(await reporter.FileAsync(), "triage");

        var deliveries = (await responder.GetJsonAsync($"{incident.Path}/escalation")).Items("deliveries")
            .Where(d => d.Str("address") == reporter.Account!.Email).ToList();
        var update = Assert.Single(deliveries);
        Assert.Equal("email", update.Str("channel"));
        Assert.Equal("pending", update.Str("status"));
        Assert.StartsWith(subjectStart + incident.Reference, update.Str("subject"));
        Assert.Equal([language], await app.Database.TextRowsAsync(
            $"select data->>'language' from mt_events where type = 'notification_queued' and data->>'incidentId' = '{incident.Id}' " +
            $"and data->>'address' = '{reporter.Account!.Email}'"));
    }
}
