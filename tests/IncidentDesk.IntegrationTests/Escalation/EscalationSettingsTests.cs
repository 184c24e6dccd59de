using System.Text;
using System.Text.Json;
using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Escalation;

/// <summary>
/// The admin settings of escalation (contact chains, SLA policy) refuse bad input naming the field and write
/// nothing; a department's own chain receives its reports. Timers are off here: the first-contact message is
/// planned in the filing transaction, so the incident's notification log shows who it went to without delivering.
/// </summary>
public sealed class EscalationSettingsTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private const string Chains = "/api/admin/contact-chains";
    private const string Sla = "/api/admin/sla-policy";

    private static object Contact(string email, string? webhookUrl = null, string language = "ja") =>
        new { name = "Hanako Sato", email, phone = "03-1234-5678", role = "IT manager", webhookUrl, language };

    private static object Chain(string[] categories, string? department = null, bool isDefault = false, params string[] emails) => new
    {
        name = $"Chain {Guid.NewGuid():N}"[..22],
        categories,
        department,
        isDefault,
        contacts = emails.Select(e => Contact(e)).ToArray(),
    };

    private async Task<ApiResponse> WritesNothingAsync(Func<Task<ApiResponse>> call)
    {
        var before = await app.CountEventsAsync();
        var response = await call();
        Assert.Equal(before, await app.CountEventsAsync());
        return response;
    }

    private Task<ApiResponse> SendJsonAsync(HttpMethod method, string path, string json, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return app.Admin.SendAsync(request);
    }

    public static TheoryData<string, string> BadChains => new()
    {
        { """{"categories":["C1"],"contacts":[{"name":"A","email":"a@example.jp"}]}""", "name" },
        { """{"name":"No one","categories":["C1"],"contacts":[]}""", "contacts" },
        { """{"name":"Bad mail","categories":["C1"],"contacts":[{"name":"A","email":"not an address"}]}""", "contacts.0.email" },
        { """{"name":"Bad hook","categories":["C1"],"contacts":[{"name":"A","email":"a@example.jp","webhookUrl":"ftp://x"}]}""", "contacts.0.webhookUrl" },
        { """{"name":"Bad lang","categories":["C1"],"contacts":[{"name":"A","email":"a@example.jp","language":"fr"}]}""", "contacts.0.language" },
        { """{"name":"Nameless","categories":["C1"],"contacts":[{"email":"a@example.jp"}]}""", "contacts.0.name" },
        { """{"name":"Nowhere","contacts":[{"name":"A","email":"a@example.jp"}]}""", "categories" },
        { """{"name":"Long dept","categories":["C1"],"department":"{x*101}","contacts":[{"name":"A","email":"a@example.jp"}]}""", "department" },
    };

    [Theory]
    [MemberData(nameof(BadChains))]
    public async Task A_bad_contact_chain_is_a_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        var json = body.Replace("{x*101}", new string('x', 101));
        (await WritesNothingAsync(() => SendJsonAsync(HttpMethod.Post, Chains, json, null))).ExpectFieldError(field);
    }

    [Fact]
    public async Task An_unknown_category_or_malformed_JSON_is_a_400_and_writes_nothing()
    {
        var unknown = await WritesNothingAsync(() => SendJsonAsync(HttpMethod.Post, Chains,
            """{"name":"X","categories":["C99"],"contacts":[{"name":"A","email":"a@example.jp"}]}""", null));
        unknown.Expect(400);
        Assert.Contains(unknown.ErrorFields, f => f.StartsWith("categories", StringComparison.Ordinal));
        foreach (var broken in new[] { """{"name": "unterminated""", "not json", """{"a":1,}""" })
            Assert.NotEmpty((await WritesNothingAsync(() => SendJsonAsync(HttpMethod.Post, Chains, broken, null))).Expect(400).ErrorFields);
    }

    [Fact]
    public async Task A_second_default_chain_is_a_409_naming_the_rule_and_changes_are_versioned()
    {
        var created = (await app.Admin.PostAsync(Chains, Chain([], null, true, "desk@example.jp"))).Expect(201);
        var path = $"{Chains}/{created.Json.Str("id")}";
        Assert.Equal(["default_chain_exists"],
            (await WritesNothingAsync(() => app.Admin.PostAsync(Chains, Chain([], null, true, "other@example.jp")))).Expect(409).RuleCodes);

        var change = JsonSerializer.Serialize(Chain([], null, true, "desk@example.jp", "boss@example.jp"), Json.Web);
        (await WritesNothingAsync(() => SendJsonAsync(HttpMethod.Put, path, change, null))).ExpectFieldError("If-Match");
        (await WritesNothingAsync(() => SendJsonAsync(HttpMethod.Put, path, change, $"\"{created.ETagVersion + 5}\""))).Expect(412);
        var updated = (await SendJsonAsync(HttpMethod.Put, path, change, $"\"{created.ETagVersion}\"")).Expect(200);
        Assert.Equal(2, updated.Json["contacts"]!.AsArray().Count);

        var stale = new HttpRequestMessage(HttpMethod.Delete, path);
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{created.ETagVersion}\"");
        (await WritesNothingAsync(() => app.Admin.SendAsync(stale))).Expect(412);
        var unknown = new HttpRequestMessage(HttpMethod.Delete, $"{Chains}/{Guid.NewGuid()}");
        unknown.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        (await WritesNothingAsync(() => app.Admin.SendAsync(unknown))).Expect(404);
        var remove = new HttpRequestMessage(HttpMethod.Delete, path);
        remove.Headers.TryAddWithoutValidation("If-Match", $"\"{updated.ETagVersion}\"");
        (await app.Admin.SendAsync(remove)).Expect(204);

        var history = (await app.Admin.GetJsonAsync("/api/admin/settings/timeline")).Items()
            .Where(c => c["data"]?["chainId"]?.GetValue<string>() == created.Json.Str("id")).Select(c => c.Str("type")).ToList();
        Assert.Equal(["contact_chain_removed", "contact_chain_saved", "contact_chain_saved"], history);
    }

    public static TheoryData<string, string> BadPolicies => new()
    {
        { """{"rows":[ROWS],"timeZone":"Mars/Olympus","businessDayStartHour":9}""", "timeZone" },
        { """{"rows":[ROWS],"timeZone":"Asia/Tokyo","businessDayStartHour":24}""", "businessDayStartHour" },
        { """{"rows":[],"timeZone":"Asia/Tokyo","businessDayStartHour":9}""", "rows" },
        { """{"rows":[ROWS,ROW(critical)],"timeZone":"Asia/Tokyo","businessDayStartHour":9}""", "rows" },
        { """{"rows":[ROWS_BUT_LOW],"timeZone":"Asia/Tokyo","businessDayStartHour":9}""", "rows" },
        { """{"rows":[BOTH],"timeZone":"Asia/Tokyo","businessDayStartHour":9}""", "rows.0.acknowledge" },
        { """{"rows":[ZERO],"timeZone":"Asia/Tokyo","businessDayStartHour":9}""", "rows.0.triage" },
        { """{"rows":[UNKNOWN,ROWS],"timeZone":"Asia/Tokyo","businessDayStartHour":9}""", "rows.0.severity" },
    };

    private static string Row(string severity, string ack = """{"minutes":15}""", string triage = """{"minutes":60}""") =>
        $$$"""{"severity":"{{{severity}}}","acknowledge":{{{ack}}},"triage":{{{triage}}},"reminder":{"minutes":60}}""";

    private static readonly string[] Severities = ["unrated", "critical", "high", "medium", "low"];

    private static string ExpandPolicy(string template) => template
        .Replace("ROWS_BUT_LOW", string.Join(",", Severities.Where(s => s != "low").Select(s => Row(s))))
        .Replace("ROWS", string.Join(",", Severities.Select(s => Row(s))))
        .Replace("ROW(critical)", Row("critical"))
        .Replace("BOTH", Row("unrated", """{"minutes":15,"seconds":30}"""))
        .Replace("ZERO", Row("unrated", triage: """{"minutes":0}"""))
        .Replace("UNKNOWN", Row("urgent"));

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public async Task A_bad_SLA_policy_is_a_400_naming_the_field_and_writes_nothing(string template, string field)
    {
        var current = (await app.Admin.GetAsync(Sla)).Expect(200);
        var ifMatch = current.Json["isDefault"]!.GetValue<bool>() ? "\"0\"" : $"\"{current.ETagVersion}\"";
        (await WritesNothingAsync(() => SendJsonAsync(HttpMethod.Put, Sla, ExpandPolicy(template), ifMatch))).ExpectFieldError(field);
    }

    [Fact]
    public async Task The_SLA_policy_replaces_the_default_once_and_then_needs_the_current_version()
    {
        var valid = ExpandPolicy("""{"rows":[ROWS],"timeZone":"Asia/Tokyo","businessDayStartHour":9}""");
        var current = (await app.Admin.GetAsync(Sla)).Expect(200);
        var saved = current.Json["isDefault"]!.GetValue<bool>()
            ? (await SendJsonAsync(HttpMethod.Put, Sla, valid, "\"0\"")).Expect(200)
            : (await SendJsonAsync(HttpMethod.Put, Sla, valid, $"\"{current.ETagVersion}\"")).Expect(200);
        Assert.False(saved.Json["isDefault"]!.GetValue<bool>());
        // "0" means "replace the built-in default": once a policy is saved, it is a stale version.
        (await WritesNothingAsync(() => SendJsonAsync(HttpMethod.Put, Sla, valid, "\"0\""))).Expect(412);
        (await WritesNothingAsync(() => SendJsonAsync(HttpMethod.Put, Sla, valid, null))).ExpectFieldError("If-Match");
        var again = (await app.Admin.GetAsync(Sla)).Expect(200);
        Assert.Equal(saved.ETagVersion, again.ETagVersion);
        Assert.Equal(15, again.Json["policy"]!["rows"]!.AsArray().First(r => r!["severity"]!.GetValue<string>() == "critical")!["acknowledge"]!["minutes"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_report_from_a_department_with_its_own_chain_goes_to_that_chain_and_reporters_can_pick_the_department()
    {
        var accounting = $"経理部-{Guid.NewGuid():N}"[..12];
        var deptDesk = $"dept-{Guid.NewGuid():N}"[..20] + "@example.jp";
        var categoryDesk = $"cat-{Guid.NewGuid():N}"[..20] + "@example.jp";
        (await app.Admin.PostAsync(Chains, Chain(["C4"], accounting, false, deptDesk))).Expect(201);
        (await app.Admin.PostAsync(Chains, Chain(["C4"], null, false, categoryDesk))).Expect(201);
        await Task.Delay(TimeSpan.FromSeconds(3.2)); // the settings cache (EscalationSettingsStore.CacheFor)

        var reporter = await app.SignInAsNewAsync("Reporter");
        var departments = (await reporter.GetJsonAsync("/api/departments")).Items().Select(d => d!.GetValue<string>()).ToList();
        Assert.Contains(accounting, departments);
        Assert.Equal(departments.Distinct().Order(StringComparer.Ordinal), departments);

        async Task<IReadOnlyList<string>> FirstContactsAsync(string? department)
        {
            var created = (await reporter.PostAsync("/api/incidents", new
            {
                category = "C4", summary = "Sent the invoice list to the wrong customer.", noticedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
                personalDataMayBeInvolved = true, department,
            })).Expect(201);
            return (await app.Admin.GetJsonAsync($"/api/incidents/{created.Json.Str("id")}/escalation")).Items("deliveries")
                .Select(d => d.Str("address")).ToList();
        }

        Assert.Equal([deptDesk], await FirstContactsAsync(accounting));
        Assert.Equal([categoryDesk], await FirstContactsAsync(null));
        Assert.Equal([categoryDesk], await FirstContactsAsync("総務部"));
        (await reporter.PostAsync("/api/incidents", new
        {
            category = "C4", summary = "x", noticedAt = DateTimeOffset.UtcNow.AddMinutes(-5), department = new string('部', 101),
        })).ExpectFieldError("department");
    }
}
