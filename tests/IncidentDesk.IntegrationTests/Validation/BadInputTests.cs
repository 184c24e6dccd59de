using System.Text;
using System.Text.RegularExpressions;
using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Validation;

/// <summary>
/// Bad requests on every endpoint: each answers 400/404/412 with the offending field named, and — the point —
/// nothing is half-written: no event is appended and no stream moves.
/// </summary>
public sealed partial class BadInputTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    /// <summary>
    /// Bodies use short macros so the table stays readable: {x*N} is N letters, {items*N} N array items,
    /// {past}/{future} a time an hour ago / a day ahead, {random} an unknown id, {reporter} a reporter's id.
    /// </summary>
    public static TheoryData<string, string, string> FieldErrors => new()
    {
        // endpoint                                body                                                                   fields named in errors
        { "POST /api/incidents", """{}""", "category,summary,noticedAt" },
        { "POST /api/incidents", """{"category":"C99","summary":"s","noticedAt":"{past}"}""", "category" },
        { "POST /api/incidents", """{"category":2,"summary":"s","noticedAt":"{past}"}""", "category" },
        { "POST /api/incidents", """{"category":null,"summary":"s","noticedAt":"{past}"}""", "category" },
        { "POST /api/incidents", """{"category":"C2","summary":"{x*4001}","noticedAt":"{past}"}""", "summary" },
        { "POST /api/incidents", """{"category":"C2","summary":"   ","noticedAt":"{past}"}""", "summary" },
        { "POST /api/incidents", """{"category":"C2","summary":42,"noticedAt":"{past}"}""", "summary" },
        { "POST /api/incidents", """{"category":"C2","summary":"s","noticedAt":"{future}"}""", "noticedAt" },
        { "POST /api/incidents", """{"category":"C2","summary":"s","noticedAt":"last tuesday"}""", "noticedAt" },
        { "POST /api/incidents", """{"category":"C2","summary":"s","noticedAt":"2001-01-01T00:00:00Z"}""", "noticedAt" },
        { "POST /api/incidents", """{"category":"C2","summary":"s","noticedAt":"{past}","contact":"{x*201}"}""", "contact" },
        { "POST /api/incidents", """{"category":"C2","summary":"s","noticedAt":"{past}","deviceId":"{x*101}"}""", "deviceId" },
        { "POST /api/incidents", """{"category":"C2","summary":"s","noticedAt":"{past}","personalDataMayBeInvolved":"yes"}""", "personalDataMayBeInvolved" },
        { "POST /api/incidents/{id}/triage", """{}""", "infoClass,impact,personalDataInvolved,usersMayBeHarmed,dataMayBeLeaking" },
        { "POST /api/incidents/{id}/triage", """{"infoClass":"secret","impact":"minor","personalDataInvolved":false,"usersMayBeHarmed":false,"dataMayBeLeaking":false}""", "infoClass" },
        { "POST /api/incidents/{id}/triage", """{"infoClass":3,"impact":"minor","personalDataInvolved":false,"usersMayBeHarmed":false,"dataMayBeLeaking":false}""", "infoClass" },
        { "POST /api/incidents/{id}/triage", """{"infoClass":"public","impact":"catastrophic","personalDataInvolved":false,"usersMayBeHarmed":false,"dataMayBeLeaking":false}""", "impact" },
        { "POST /api/incidents/{id}/triage", """{"infoClass":"public","impact":"minor","personalDataInvolved":false,"usersMayBeHarmed":false,"dataMayBeLeaking":false,"containmentActions":[{items*21}]}""", "containmentActions" },
        { "POST /api/incidents/{id}/triage", """{"infoClass":"public","impact":"minor","personalDataInvolved":false,"usersMayBeHarmed":false,"dataMayBeLeaking":false,"containmentActions":["{x*501}"]}""", "containmentActions.0" },
        { "POST /api/incidents/{id}/triage", """{"infoClass":"public","impact":"minor","personalDataInvolved":false,"usersMayBeHarmed":false,"dataMayBeLeaking":false,"containmentActions":["ok"," "]}""", "containmentActions.1" },
        { "POST /api/incidents/{id}/triage", """{"infoClass":"public","impact":"minor","personalDataInvolved":false,"usersMayBeHarmed":false,"dataMayBeLeaking":false,"ownerId":"{random}"}""", "ownerId" },
        { "POST /api/incidents/{id}/triage", """{"infoClass":"public","impact":"minor","personalDataInvolved":false,"usersMayBeHarmed":false,"dataMayBeLeaking":false,"ownerId":"{reporter}"}""", "ownerId" },
        { "POST /api/incidents/{id}/triage", """{"infoClass":"public","impact":"minor","personalDataInvolved":false,"usersMayBeHarmed":false,"dataMayBeLeaking":false,"ownerId":"not-a-guid"}""", "ownerId" },
        { "POST /api/incidents/{id}/severity", """{}""", "infoClass,impact,personalDataInvolved,reason" },
        { "POST /api/incidents/{id}/severity", """{"infoClass":"public","impact":"extremely serious","personalDataInvolved":false,"reason":"r"}""", "impact" },
        { "POST /api/incidents/{id}/severity", """{"infoClass":"public","impact":"minor","personalDataInvolved":false,"reason":"{x*2001}"}""", "reason" },
        { "POST /api/incidents/{id}/analysis", """{"who":{"value":"x","unknown":true}}""", "who.unknown" },
        { "POST /api/incidents/{id}/analysis", """{"how":{"value":"{x*4001}","unknown":false}}""", "how.value" },
        { "POST /api/incidents/{id}/analysis", """{"damage":"{x*4001}","countermeasures":"{x*4001}"}""", "damage,countermeasures" },
        { "POST /api/incidents/{id}/analysis", """{"who":"someone"}""", "who" },
        { "POST /api/incidents/{id}/recovery", """{}""", "normalOperationVerified" },
        { "POST /api/incidents/{id}/recovery", """{"normalOperationVerified":"yes"}""", "normalOperationVerified" },
        { "POST /api/incidents/{id}/recovery", """{"normalOperationVerified":true,"notifiedParties":[{}]}""", "notifiedParties.0.party,notifiedParties.0.notifiedAt" },
        { "POST /api/incidents/{id}/recovery", """{"normalOperationVerified":true,"notifiedParties":[{"party":"IPA","notifiedAt":"{future}"}]}""", "notifiedParties.0.notifiedAt" },
        { "POST /api/incidents/{id}/recovery", """{"normalOperationVerified":true,"actionsTaken":"{x*4001}"}""", "actionsTaken" },
        { "POST /api/incidents/{id}/prevention", """{"measures":[{}]}""", "measures.0.description,measures.0.decision" },
        { "POST /api/incidents/{id}/prevention", """{"measures":[null]}""", "measures.0" },
        { "POST /api/incidents/{id}/prevention", """{"measures":[{"description":"d","decision":"maybe"}]}""", "measures.0.decision" },
        { "POST /api/incidents/{id}/prevention", """{"measures":[{"description":"d","decision":"will_do"}]}""", "measures.0.deadline" },
        { "POST /api/incidents/{id}/prevention", """{"measures":[{"description":"d","decision":"will_do","deadline":"next week"}]}""", "measures.0.deadline" },
        { "POST /api/incidents/{id}/prevention", """{"rootCause":"{x*4001}"}""", "rootCause" },
        { "POST /api/incidents/{id}/stage", """{}""", "to" },
        { "POST /api/incidents/{id}/stage", """{"to":"done"}""", "to" },
        { "POST /api/incidents/{id}/stage", """{"to":2}""", "to" },
        { "POST /api/incidents/{id}/notes", """{}""", "text" },
        { "POST /api/incidents/{id}/notes", """{"text":""}""", "text" },
        { "POST /api/incidents/{id}/notes", """{"text":"{x*4001}"}""", "text" },
        { "POST /api/incidents/{id}/reclassify", """{}""", "category,reason" },
        { "POST /api/incidents/{id}/reclassify", """{"category":"C0","reason":"r"}""", "category" },
        { "POST /api/incidents/{id}/reclassify", """{"category":"C1","reason":"{x*2001}"}""", "reason" },
        { "POST /api/incidents/{id}/assign", """{}""", "ownerId" },
        { "POST /api/incidents/{id}/assign", """{"ownerId":"{random}"}""", "ownerId" },
        { "POST /api/incidents/{id}/assign", """{"ownerId":"{reporter}"}""", "ownerId" },
        { "POST /api/incidents/{id}/briefings", """{}""", "whatHappened,impact,response,unknowns,nextDecision" },
        { "POST /api/incidents/{id}/briefings", """{"whatHappened":null,"impact":" ","response":"r","unknowns":"u","nextDecision":"n"}""", "whatHappened,impact" },
        { "POST /api/incidents/{id}/briefings", """{"whatHappened":"{x*2001}","impact":"i","response":"r","unknowns":"u","nextDecision":"n"}""", "whatHappened" },
        { "POST /api/incidents/{id}/briefings", """{"whatHappened":"w","impact":"i","response":"r\u0000","unknowns":"u\u0007","nextDecision":"n\u001b[31m"}""", "response,unknowns,nextDecision" },
        { "POST /api/incidents/{id}/briefings", """{"whatHappened":["w"],"impact":"i","response":"r","unknowns":"u","nextDecision":"n"}""", "whatHappened" },
        { "POST /api/incidents/{id}/briefings", """{"whatHappened":"w","impact":42,"response":"r","unknowns":"u","nextDecision":"n"}""", "impact" },
        { "POST /api/users", """{}""", "email,displayName,roles,password" },
        { "POST /api/users", """{"email":"not-an-email","displayName":"n","roles":["Reporter"],"password":"long-enough-password"}""", "email" },
        { "POST /api/users", """{"email":"Bob <bob@b.test>","displayName":"n","roles":["Reporter"],"password":"long-enough-password"}""", "email" },
        { "POST /api/users", """{"email":"a@b.test","displayName":"n","roles":["Boss"],"password":"long-enough-password"}""", "roles" },
        { "POST /api/users", """{"email":"a@b.test","displayName":"n","roles":[],"password":"long-enough-password"}""", "roles" },
        { "POST /api/users", """{"email":"a@b.test","displayName":"n","roles":"Admin","password":"long-enough-password"}""", "roles" },
        { "POST /api/users", """{"email":"a@b.test","displayName":"n","roles":["Reporter"],"password":"short"}""", "password" },
        { "POST /api/users", """{"email":"a@b.test","displayName":"{x*101}","roles":["Reporter"],"password":"long-enough-password"}""", "displayName" },
        { "POST /api/auth/login", """{}""", "email,password" },
    };

    /// <summary>Every POST of the contract, for the checks that apply to all of them.</summary>
    private static readonly string[] AllPosts =
    [
        "POST /api/incidents", "POST /api/incidents/{id}/acknowledge", "POST /api/incidents/{id}/triage",
        "POST /api/incidents/{id}/severity", "POST /api/incidents/{id}/analysis", "POST /api/incidents/{id}/recovery",
        "POST /api/incidents/{id}/prevention", "POST /api/incidents/{id}/stage", "POST /api/incidents/{id}/notes",
        "POST /api/incidents/{id}/reclassify", "POST /api/incidents/{id}/assign", "POST /api/incidents/{id}/briefings",
        "POST /api/users", "POST /api/auth/login",
    ];

    public static TheoryData<string> Posts => new(AllPosts);

    public static TheoryData<string> Commands => new(AllPosts.Where(p => p.Contains("{id}")));

    private sealed record World(ApiClient Responder, ApiClient Reporter, IReadOnlyDictionary<string, IncidentRef> ByStage);

    /// <summary>One incident per situation a command needs. Bad requests leave them untouched (that is checked).</summary>
    private Task<World> WorldAsync() => app.SharedAsync("world", async () =>
    {
        var responder = await app.SignInAsNewAsync("Responder");
        var reporter = await app.SignInAsNewAsync("Reporter");
        var detection = await reporter.FileAsync();
        detection = await reporter.RunAsync(detection, "notes", new { text = "so that version 1 is stale" });
        var triage = await responder.DriveToAsync(await reporter.FileAsync(), "triage");
        var triaged = await responder.RunAsync(await responder.DriveToAsync(await reporter.FileAsync(), "triage"), "triage",
            Bodies.Triage(ownerId: responder.Id));
        var critical = await responder.RunAsync(await responder.DriveToAsync(await reporter.FileAsync(), "triage"), "triage",
            Bodies.Triage(infoClass: "confidential", personalDataInvolved: true, ownerId: responder.Id));
        var stages = new Dictionary<string, IncidentRef>
        {
            ["detection"] = detection, ["triage"] = triage, ["triaged"] = triaged, ["critical"] = critical,
        };
        foreach (var stage in new[] { "analysis", "recovery", "prevention" })
            stages[stage] = await responder.DriveToAsync(await reporter.FileAsync(), stage);
        return new World(responder, reporter, stages);
    });

    private static string StageFor(string command) => command switch
    {
        "acknowledge" or "notes" or "reclassify" or "assign" => "detection",
        "triage" => "triage",
        "severity" or "stage" => "triaged",
        "briefings" => "critical",
        _ => command,
    };

    /// <summary>A body each command accepts and that would change the incident (so a 412 cannot be skipped).</summary>
    private static object ValidBody(string endpoint, World w) => Command(endpoint) switch
    {
        null when endpoint == "POST /api/incidents" => Bodies.Report(),
        null when endpoint == "POST /api/users" => new { email = $"valid-{Guid.NewGuid():N}@incidentdesk.test", displayName = "Valid", roles = new[] { "Reporter" }, password = "long-enough-password" },
        null => new { email = "nobody@incidentdesk.test", password = "long-enough-password" },
        "acknowledge" => new { },
        "triage" => Bodies.Triage(),
        "severity" => new { infoClass = "confidential", impact = "serious", personalDataInvolved = true, reason = "Customer data found" },
        "analysis" => Bodies.CompleteAnalysis(),
        "recovery" => Bodies.CompleteRecovery(),
        "prevention" => Bodies.CompletePrevention(),
        "stage" => new { to = "analysis" },
        "notes" => new { text = "a note" },
        "reclassify" => new { category = "C1", reason = "EDR found a trojan" },
        "assign" => new { ownerId = w.Responder.Id },
        "briefings" => new { whatHappened = "PC encrypted", impact = "One PC", response = "Restoring", unknowns = "Spread", nextDecision = "None" },
        var c => throw new InvalidOperationException(c),
    };

    private static string? Command(string endpoint) => endpoint.Contains("{id}") ? endpoint.Split('/')[^1] : null;

    /// <summary>The client that may call the endpoint (so a refusal is about the input, not the role).</summary>
    private ApiClient CallerFor(string endpoint, World w) => endpoint switch
    {
        "POST /api/users" => app.Admin,
        "POST /api/auth/login" => app.Anonymous(),
        _ => w.Responder,
    };

    /// <summary>Resolves {id} to the incident for that command, re-read so that its version is current.</summary>
    private static async Task<(string Path, IncidentRef? Incident)> TargetAsync(string endpoint, World w, Guid? id = null)
    {
        var path = endpoint[(endpoint.IndexOf(' ') + 1)..];
        if (Command(endpoint) is not { } command) return (path, null);
        var incident = await w.Responder.ReloadAsync(w.ByStage[StageFor(command)]);
        return (path.Replace("{id}", (id ?? incident.Id).ToString()), incident);
    }

    private async Task<T> WritesNothingAsync<T>(Func<Task<T>> act)
    {
        var before = await MarkAsync();
        var result = await act();
        Assert.Equal(before, await MarkAsync());
        return result;
    }

    /// <summary>How much has been written: events, and the sum of every stream's version.</summary>
    private async Task<(long Events, long Versions, long Users)> MarkAsync() => (
        await app.CountEventsAsync(),
        await app.Database.ScalarAsync("select coalesce(sum(version), 0) from mt_streams"),
        await app.Database.ScalarAsync("select count(*) from users"));

    [Theory]
    [MemberData(nameof(FieldErrors))]
    public async Task A_bad_field_is_a_400_naming_it_and_writes_nothing(string endpoint, string body, string fields)
    {
        var w = await WorldAsync();
        var (path, incident) = await TargetAsync(endpoint, w);
        var json = Expand(body, w);
        var response = await WritesNothingAsync(() => CallerFor(endpoint, w).PostRawAsync(path, json, incident is null ? null : $"\"{incident.Version}\""));
        foreach (var field in fields.Split(',')) response.ExpectFieldError(field);
        Assert.Equal("Invalid request", response.Json.Str("title"));
        Assert.Equal(400, response.Json.Long("status"));
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Malformed_JSON_is_a_400_and_writes_nothing(string endpoint)
    {
        var w = await WorldAsync();
        var (path, incident) = await TargetAsync(endpoint, w);
        var ifMatch = incident is null ? null : $"\"{incident.Version}\"";
        foreach (var broken in new[] { """{"summary": "unterminated""", """{"a":1,}""", "not json at all", """{"text":"x"}}""" })
        {
            var response = await WritesNothingAsync(() => CallerFor(endpoint, w).PostRawAsync(path, broken, ifMatch));
            response.Expect(400);
            Assert.NotEmpty(response.ErrorFields);
        }
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task A_body_over_64_KiB_is_a_400_naming_the_body_and_writes_nothing(string endpoint)
    {
        var w = await WorldAsync();
        var (path, incident) = await TargetAsync(endpoint, w);
        var json = "{\"text\":\"" + new string('x', 64 * 1024) + "\"}";
        var response = await WritesNothingAsync(() => CallerFor(endpoint, w).PostRawAsync(path, json, incident is null ? null : $"\"{incident.Version}\""));
        response.ExpectFieldError("body");
    }

    [Fact]
    public async Task A_body_of_exactly_64_KiB_is_read_and_judged_on_its_fields()
    {
        var w = await WorldAsync();
        var (path, incident) = await TargetAsync("POST /api/incidents/{id}/notes", w);
        var prefix = "{\"text\":\"";
        var json = prefix + new string('x', 64 * 1024 - prefix.Length - 2) + "\"}";
        Assert.Equal(64 * 1024, Encoding.UTF8.GetByteCount(json));
        var response = await WritesNothingAsync(() => w.Responder.PostRawAsync(path, json, $"\"{incident!.Version}\""));
        response.ExpectFieldError("text");
        Assert.DoesNotContain("body", response.ErrorFields);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_command_without_a_body_is_a_400_unless_it_needs_none(string endpoint)
    {
        var w = await WorldAsync();
        var (path, incident) = await TargetAsync(endpoint, w);
        if (Command(endpoint) == "acknowledge")
        {
            // Acknowledge takes no input: an empty POST is a normal call (here: already acknowledged → no-op).
            var triage = await w.Responder.ReloadAsync(w.ByStage["triage"]);
            var ok = await WritesNothingAsync(() => w.Responder.PostRawAsync($"{triage.Path}/acknowledge", null, $"\"{triage.Version}\""));
            ok.Expect(200);
            return;
        }
        foreach (var nothing in new string?[] { null, "null" })
            (await WritesNothingAsync(() => w.Responder.PostRawAsync(path, nothing, $"\"{incident!.Version}\""))).ExpectFieldError("body");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_command_without_If_Match_is_a_400_naming_the_header(string endpoint)
    {
        var w = await WorldAsync();
        var (path, _) = await TargetAsync(endpoint, w);
        var response = await WritesNothingAsync(() => w.Responder.PostAsync(path, ValidBody(endpoint, w)));
        response.ExpectFieldError("If-Match");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("\"abc\"")]
    [InlineData("\"0\"")]
    [InlineData("\"-3\"")]
    [InlineData("\"1.5\"")]
    [InlineData("*")]
    [InlineData("\"\"")]
    public async Task A_garbage_If_Match_is_a_400_naming_the_header(string ifMatch)
    {
        var w = await WorldAsync();
        foreach (var endpoint in new[] { "POST /api/incidents/{id}/notes", "POST /api/incidents/{id}/triage" })
        {
            var (path, _) = await TargetAsync(endpoint, w);
            var body = System.Text.Json.JsonSerializer.Serialize(ValidBody(endpoint, w), ValidBody(endpoint, w).GetType(), Json.Web);
            (await WritesNothingAsync(() => w.Responder.PostRawAsync(path, body, ifMatch))).ExpectFieldError("If-Match");
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_command_with_a_stale_If_Match_is_a_412_carrying_the_current_version(string endpoint)
    {
        var w = await WorldAsync();
        var (path, incident) = await TargetAsync(endpoint, w);
        var response = await WritesNothingAsync(() => w.Responder.PostAsync(path, ValidBody(endpoint, w), incident!.Version - 1));
        response.Expect(412);
        Assert.Equal("Stale version", response.Json.Str("title"));
        Assert.Equal(incident!.Version, response.Json.Long("currentVersion"));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_command_on_an_unknown_incident_is_a_404(string endpoint)
    {
        var w = await WorldAsync();
        var (path, _) = await TargetAsync(endpoint, w, Guid.NewGuid());
        (await WritesNothingAsync(() => w.Responder.PostAsync(path, ValidBody(endpoint, w), 1))).Expect(404);
    }

    [Theory]
    [InlineData("/api/incidents/{random}")]
    [InlineData("/api/incidents/{random}/timeline")]
    [InlineData("/api/incidents/not-a-guid")]
    [InlineData("/api/incidents/not-a-guid/timeline")]
    [InlineData("/api/incidents/{random}/briefings")]
    public async Task Reading_an_unknown_incident_is_a_404(string path)
    {
        var w = await WorldAsync();
        (await w.Responder.GetAsync(Expand(path, w))).Expect(404);
    }

    /// <summary>Accounts live in the same event store; their ids must not reach incident code (or leak their events).</summary>
    [Theory]
    [InlineData("Responder")]
    [InlineData("Reporter")]
    public async Task An_account_id_used_as_an_incident_id_is_a_404(string role)
    {
        var w = await WorldAsync();
        var caller = role == "Reporter" ? w.Reporter : w.Responder;
        var user = $"/api/incidents/{w.Reporter.Id}";
        (await caller.GetAsync(user)).Expect(404);
        var timeline = (await caller.GetAsync($"{user}/timeline")).Expect(404);
        Assert.DoesNotContain("passwordHash", timeline.Body);
        (await WritesNothingAsync(() => caller.PostAsync($"{user}/notes", new { text = "hello" }, 1))).Expect(404);
    }

    [Fact]
    public async Task A_search_text_over_200_characters_is_a_400_naming_q()
    {
        var w = await WorldAsync();
        (await w.Responder.GetAsync("/api/incidents?q=" + new string('x', 201))).ExpectFieldError("q");
    }

    [Fact]
    public async Task An_e_mail_address_can_hold_only_one_account_whatever_its_case()
    {
        var w = await WorldAsync();
        var taken = w.Reporter.Account!.Email;
        foreach (var twin in new[] { taken.ToUpperInvariant(), $"  {taken} " })
        {
            var response = await WritesNothingAsync(() => app.Admin.PostAsync("/api/users",
                new { email = twin, displayName = "Twin", roles = new[] { "Reporter" }, password = "long-enough-password" }));
            response.Expect(409);
            Assert.Equal(["email_taken"], response.RuleCodes);
        }
    }

    [Fact]
    public async Task A_rule_violation_writes_nothing_either()
    {
        var w = await WorldAsync();
        var analysis = await w.Responder.ReloadAsync(w.ByStage["analysis"]);
        var response = await WritesNothingAsync(() => w.Responder.PostAsync($"{analysis.Path}/triage", Bodies.Triage(), analysis.Version));
        Assert.Equal(["wrong_stage"], response.Expect(409).RuleCodes);
    }

    private static string Expand(string template, World w) => Macro().Replace(template, m => m.Groups["name"].Value switch
    {
        "x" => new string('x', int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture)),
        "items" => string.Join(",", Enumerable.Repeat("\"a\"", int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture))),
        "past" => DateTimeOffset.UtcNow.AddHours(-1).ToString("O"),
        "future" => DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
        "random" => Guid.NewGuid().ToString(),
        "reporter" => w.Reporter.Id.ToString(),
        var other => throw new InvalidOperationException($"unknown macro {other}"),
    });

    [GeneratedRegex(@"\{(?<name>[a-z]+)(\*(?<n>\d+))?\}")]
    private static partial Regex Macro();
}
