using System.Net.Http.Json;
using IncidentDesk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentDesk.IntegrationTests.Security;

/// <summary>
/// Who may call what: every endpoint of the contract, called by each role, answers the documented status, and a
/// refused call writes nothing. "{id}" is someone else's report; "{own}" one the caller filed themselves.
/// </summary>
public sealed class AuthorizationMatrixTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private const string Anonymous = "anonymous";
    private static readonly string[] Roles = [Anonymous, "Reporter", "Responder", "Executive", "Admin"];

    private static readonly (string Endpoint, int[] Status)[] Table =
    [
        // endpoint                                             anon Rep  Resp Exec Admin
        ("POST /api/auth/login",                               [200, 200, 200, 200, 200]),
        ("POST /api/auth/logout",                              [401, 204, 204, 204, 204]),
        ("GET /api/auth/me",                                   [401, 200, 200, 200, 200]),
        ("PUT /api/auth/me/language",                          [401, 200, 200, 200, 200]),
        ("PUT /api/auth/me/password",                          [401, 204, 204, 204, 204]),
        ("POST /api/users",                                    [401, 403, 403, 403, 201]),
        ("GET /api/users",                                     [401, 403, 403, 403, 200]),
        ("GET /api/users/assignable",                          [401, 403, 200, 200, 200]),
        ("GET /api/users/executives",                          [401, 403, 200, 200, 200]),
        ("PUT /api/users/{id}",                                [401, 403, 403, 403, 200]),
        ("POST /api/users/{id}/disable",                       [401, 403, 403, 403, 200]),
        ("POST /api/users/{id}/enable",                        [401, 403, 403, 403, 200]),
        ("GET /api/admin/setup",                               [401, 403, 403, 403, 200]),
        ("GET /api/incidents/{id}/alerts",                     [401, 404, 200, 200, 200]),
        ("GET /api/incidents/{own}/alerts",                    [401, 200, 200, 200, 200]),
        ("POST /api/incidents",                                [401, 201, 201, 201, 201]),
        ("GET /api/incidents",                                 [401, 200, 200, 200, 200]),
        ("GET /api/incidents/{id}",                            [401, 404, 200, 200, 200]),
        ("GET /api/incidents/{own}",                           [401, 200, 200, 200, 200]),
        ("GET /api/incidents/{id}/timeline",                   [401, 404, 200, 200, 200]),
        ("GET /api/incidents/{own}/timeline",                  [401, 200, 200, 200, 200]),
        ("POST /api/incidents/{id}/acknowledge",               [401, 403, 200, 403, 200]),
        ("POST /api/incidents/{own}/acknowledge",              [401, 403, 200, 403, 200]),
        ("POST /api/incidents/{id}/triage",                    [401, 403, 200, 403, 200]),
        ("POST /api/incidents/{id}/severity",                  [401, 403, 200, 403, 200]),
        ("POST /api/incidents/{id}/analysis",                  [401, 403, 200, 403, 200]),
        ("POST /api/incidents/{id}/recovery",                  [401, 403, 200, 403, 200]),
        ("POST /api/incidents/{id}/prevention",                [401, 403, 200, 403, 200]),
        ("POST /api/incidents/{id}/stage",                     [401, 403, 200, 403, 200]),
        ("POST /api/incidents/{id}/reclassify",                [401, 403, 200, 403, 200]),
        ("POST /api/incidents/{own}/reclassify",               [401, 403, 200, 403, 200]),
        ("POST /api/incidents/{id}/assign",                    [401, 403, 200, 403, 200]),
        ("POST /api/incidents/{id}/notes",                     [401, 404, 200, 200, 200]),
        ("POST /api/incidents/{own}/notes",                    [401, 200, 200, 200, 200]),
        ("POST /api/incidents/{id}/steps/{task}/complete",     [401, 404, 200, 403, 200]),
        ("POST /api/incidents/{id}/steps/{task}/skip",         [401, 404, 200, 403, 200]),
        ("POST /api/incidents/{id}/steps/{task}/reopen",       [401, 404, 200, 403, 200]),
        ("POST /api/incidents/{id}/steps/{decision}/complete", [401, 404, 403, 200, 403]),
        ("GET /api/playbooks",                                 [401, 200, 200, 200, 200]),
        ("GET /api/playbooks/{id}",                            [401, 200, 200, 200, 200]),
        ("GET /api/departments",                               [401, 200, 200, 200, 200]),
        ("GET /api/admin/contact-chains",                      [401, 403, 403, 403, 200]),
        ("POST /api/admin/contact-chains",                     [401, 403, 403, 403, 201]),
        ("PUT /api/admin/contact-chains/{id}",                 [401, 403, 403, 403, 200]),
        ("DELETE /api/admin/contact-chains/{id}",              [401, 403, 403, 403, 204]),
        ("GET /api/admin/sla-policy",                          [401, 403, 403, 403, 200]),
        ("PUT /api/admin/sla-policy",                          [401, 403, 403, 403, 200]),
        ("GET /api/admin/settings/timeline",                   [401, 403, 403, 403, 200]),
        ("GET /api/admin/deliveries",                          [401, 403, 403, 403, 200]),
        ("GET /api/admin/mail",                                [401, 403, 403, 403, 200]),
        ("GET /api/incidents/{id}/escalation",                 [401, 403, 200, 200, 200]),
        // Decision requests: staff read them, responders and admins ask, answer and withdraw, the approver decides.
        ("POST /api/incidents/{id}/decisions",                 [401, 403, 201, 403, 201]),
        ("GET /api/decisions",                                 [401, 403, 200, 200, 200]),
        ("GET /api/decisions/kinds",                           [401, 403, 200, 200, 200]),
        ("GET /api/decisions/{decision}",                      [401, 403, 200, 200, 200]),
        ("POST /api/decisions/{decision}/decide",              [401, 403, 403, 200, 403]),
        ("POST /api/decisions/{decision}/ask-info",            [401, 403, 403, 200, 403]),
        ("POST /api/decisions/{decision}/answer-info",         [401, 403, 200, 403, 200]),
        ("POST /api/decisions/{decision}/withdraw",            [401, 403, 200, 403, 200]),
        ("POST /api/decisions/{decision}/supersede",           [401, 403, 403, 200, 403]),
        // Executive briefings: responders and admins post, executives read, reporters never see them (not even on their own report).
        ("POST /api/incidents/{id}/briefings",                 [401, 403, 200, 403, 200]),
        ("POST /api/incidents/{own}/briefings",                [401, 403, 200, 403, 200]),
        ("GET /api/incidents/{id}/briefings",                  [401, 403, 200, 200, 200]),
        ("GET /api/incidents/{own}/briefings",                 [401, 403, 200, 200, 200]),
        ("GET /api/briefings",                                 [401, 403, 200, 200, 200]),
        // Drill runs (issue 11 §4): responders and admins schedule; the run's facilitator (or any admin) controls it and a
        // responder who is not its facilitator breaks only_facilitator (409); participants of any role see and act in
        // their own runs ({mine}); Executives not in a run watch it read-only (403); a reporter not in it finds nothing (404).
        ("POST /api/drills/runs",                              [401, 403, 201, 403, 201]),
        ("GET /api/drills/runs",                               [401, 200, 200, 200, 200]),
        ("GET /api/drills/runs/{run}",                         [401, 404, 200, 200, 200]),
        ("GET /api/drills/runs/{mine}",                        [401, 200, 200, 200, 200]),
        ("POST /api/drills/runs/{run}/start",                  [401, 404, 409, 403, 200]),
        ("POST /api/drills/runs/{run}/pause",                  [401, 404, 409, 403, 200]),
        ("POST /api/drills/runs/{run}/resume",                 [401, 404, 409, 403, 200]),
        ("POST /api/drills/runs/{run}/stop",                   [401, 404, 409, 403, 200]),
        ("POST /api/drills/runs/{run}/end",                    [401, 404, 409, 403, 200]),
        ("POST /api/drills/runs/{run}/cancel",                 [401, 404, 409, 403, 200]),
        ("POST /api/drills/runs/{run}/injects/next",           [401, 404, 409, 403, 200]),
        ("POST /api/drills/runs/{run}/reveal",                 [401, 404, 409, 403, 200]),
        ("PUT /api/drills/runs/{run}/kyt",                     [401, 404, 409, 403, 200]),
        ("POST /api/drills/runs/{mine}/predictions",           [401, 200, 200, 200, 200]),
        ("POST /api/drills/runs/{run}/predictions",            [401, 404, 409, 403, 409]),
        ("POST /api/drills/runs/{run}/predictions/{prediction}/match", [401, 404, 409, 403, 200]),
        ("POST /api/drills/runs/{run}/observations",           [401, 404, 409, 403, 200]),
        ("POST /api/drills/runs/{run}/actions/{action}/judge", [401, 404, 409, 403, 200]),
        // Contact-chain checks of drills: staff read the results, responders and admins mark phone results.
        ("GET /api/drills/contact-checks",                     [401, 403, 200, 200, 200]),
        ("GET /api/drills/contact-checks/cadence",             [401, 403, 200, 200, 200]),
        ("GET /api/drills/contact-checks/{check}",             [401, 403, 200, 200, 200]),
        ("POST /api/drills/contact-checks/{check}/marks",      [401, 403, 200, 403, 200]),
    ];

    public static TheoryData<string, string, int> Matrix
    {
        get
        {
            var data = new TheoryData<string, string, int>();
            foreach (var (endpoint, status) in Table)
                for (var i = 0; i < Roles.Length; i++)
                    data.Add(endpoint, Roles[i], status[i]);
            return data;
        }
    }

    private sealed record Cast(IReadOnlyDictionary<string, ApiClient> Clients, ApiClient Worker, ApiClient Bystander);

    private Task<Cast> CastAsync() => app.SharedAsync("cast", async () =>
    {
        var clients = new Dictionary<string, ApiClient>();
        foreach (var role in Roles.Skip(1)) clients[role] = await app.SignInAsNewAsync(role, $"Matrix {role}");
        return new Cast(clients, await app.SignInAsNewAsync("Responder", "Matrix worker"), await app.SignInAsNewAsync("Reporter", "Bystander"));
    });

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_gets_the_documented_status_from_each_endpoint(string endpoint, string role, int expected)
    {
        var cast = await CastAsync();
        var caller = role == Anonymous ? app.Anonymous() : cast.Clients[role];
        var method = endpoint[..endpoint.IndexOf(' ')];
        var path = endpoint[(endpoint.IndexOf(' ') + 1)..];

        // Arrange first (it writes events of its own), then count what the call under test writes.
        Func<Task<ApiResponse>> call;
        if (path.StartsWith("/api/incidents/{", StringComparison.Ordinal))
        {
            var filer = path.Contains("{own}") && role != Anonymous ? caller : cast.Bystander;
            var (incident, body, target) = await ArrangeAsync(cast, await filer.FileAsync(), path);
            call = method == "GET" ? () => caller.GetAsync(target) : () => caller.PostAsync(target, body, incident.Version);
        }
        else
        {
            call = await OtherCallAsync(endpoint, role, caller, cast);
        }

        var before = await app.CountEventsAsync();
        var response = (await call()).Expect(expected);
        var written = await app.CountEventsAsync() - before;

        if (expected >= 400) Assert.True(written == 0, $"{endpoint} as {role} was refused but wrote {written} event(s)");
        else if (method == "POST" && !path.StartsWith("/api/auth/", StringComparison.Ordinal))
            Assert.True(written > 0, $"{endpoint} as {role} succeeded but wrote no event");
        if (expected == 200 && method == "GET" && path.StartsWith("/api/incidents/", StringComparison.Ordinal) && !path.EndsWith("/timeline", StringComparison.Ordinal) && !path.EndsWith("/escalation", StringComparison.Ordinal) && !path.EndsWith("/alerts", StringComparison.Ordinal) && !path.EndsWith("/briefings", StringComparison.Ordinal))
            Assert.NotNull(response.ETagVersion);
    }

    /// <summary>An incident in the state where the call succeeds for a permitted role, a valid body, and the concrete path.</summary>
    private static async Task<(IncidentRef, object?, string)> ArrangeAsync(Cast cast, IncidentRef incident, string template)
    {
        var worker = cast.Worker;
        var path = template.Replace("{id}", incident.Id.ToString()).Replace("{own}", incident.Id.ToString());
        var segments = template.Split('/');
        var command = segments.Length > 4 ? segments[4] : null;
        if (command == "steps")
        {
            // Playbook steps: a responder's task (free-text evidence) or an executive's decision, from the checklist.
            var kind = segments[5] == "{decision}" ? "decision" : "task";
            var step = incident.Detail["checklist"]!.Items("steps").First(s =>
                s.Str("kind") == kind && s.Bool("applies") && !s.Bool("obligation") && s["evidenceField"] is null);
            var stepPath = path.Replace(segments[5], step.Str("stepId"));
            return segments[6] switch
            {
                "complete" => (incident, new { evidence = "Checked for the matrix" }, stepPath),
                "skip" => (incident, new { reason = "Does not apply here" }, stepPath),
                "reopen" => (await worker.RunAsync(incident, $"steps/{step.Str("stepId")}/complete", new { evidence = "Done" }),
                    new { reason = "Found more" }, stepPath),
                var other => throw new InvalidOperationException($"no arrangement for steps/{other}"),
            };
        }
        var (arranged, body) = command switch
        {
            null or "timeline" or "escalation" or "alerts" => (incident, (object?)null),
            "decisions" => (incident, DecisionCalls.RansomBody(cast.Clients["Executive"].Id)),
            "acknowledge" => (incident, new { }),
            "reclassify" => (incident, new { category = "C1", reason = "EDR says trojan" }),
            "assign" => (incident, new { ownerId = worker.Id }),
            "notes" => (incident, new { text = "A note" }),
            "triage" => (await worker.DriveToAsync(incident, "triage"), Bodies.Triage()),
            "severity" => (await worker.RunAsync(await worker.DriveToAsync(incident, "triage"), "triage", Bodies.Triage()),
                new { infoClass = "confidential", impact = "serious", personalDataInvolved = true, reason = "Customer data found" }),
            "stage" => (await worker.SettleStepsAsync(
                    await worker.RunAsync(await worker.DriveToAsync(incident, "triage"), "triage", Bodies.Triage(ownerId: worker.Id))),
                new { to = "analysis" }),
            "analysis" => (await worker.DriveToAsync(incident, "analysis"), Bodies.CompleteAnalysis()),
            "recovery" => (await worker.DriveToAsync(incident, "recovery"), Bodies.CompleteRecovery()),
            "prevention" => (await worker.DriveToAsync(incident, "prevention"), Bodies.CompletePrevention()),
            // Briefings are for high and critical incidents: triaged critical (confidential, personal data).
            "briefings" => (await worker.RunAsync(await worker.DriveToAsync(incident, "triage"), "triage",
                    Bodies.Triage(infoClass: "confidential", personalDataInvolved: true)),
                new { whatHappened = "PC encrypted", impact = "One PC", response = "Restoring", unknowns = "Spread", nextDecision = "None" }),
            _ => throw new InvalidOperationException($"no arrangement for {command}"),
        };
        return (arranged, body, path);
    }

    private async Task<Func<Task<ApiResponse>>> OtherCallAsync(string endpoint, string role, ApiClient caller, Cast cast)
    {
        switch (endpoint)
        {
            case "POST /api/auth/login":
            {
                // Anonymous: an ordinary sign-in. Signed in: signing in again (e.g. as someone else) is allowed.
                var account = role == Anonymous ? cast.Bystander.Account! : cast.Clients[role].Account!;
                var client = role == Anonymous ? app.Anonymous() : await app.SignInAsync(account);
                return () => client.LoginAsync(account.Email, account.Password);
            }
            case "POST /api/auth/logout":
            {
                // A session of its own, so that the shared clients stay signed in.
                var client = role == Anonymous ? caller : await app.SignInAsync(cast.Clients[role].Account!);
                return () => client.PostAsync("/api/auth/logout", null);
            }
            case "PUT /api/auth/me/language":
                // Everyone signed in chooses the language of their own messages (and only their own).
                return () => caller.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/auth/me/language")
                {
                    Content = JsonContent.Create(new { language = "en" }),
                });
            case "PUT /api/auth/me/password":
            {
                // A session of its own account: the change ends the account's other sessions.
                if (role == Anonymous)
                    return () => PutJsonAsync(caller, "/api/auth/me/password", new { currentPassword = "whatever it is", newPassword = "a new long password" });
                var account = await app.CreateAccountAsync(role);
                var client = await app.SignInAsync(account);
                return () => PutJsonAsync(client, "/api/auth/me/password", new { currentPassword = account.Password, newPassword = "a new long password" });
            }
            case "PUT /api/users/{id}" or "POST /api/users/{id}/disable" or "POST /api/users/{id}/enable":
            {
                var target = await app.CreateAccountAsync("Reporter");
                var version = 1L;
                if (endpoint.EndsWith("/enable", StringComparison.Ordinal))
                    version = (await app.Admin.PostAsync($"/api/users/{target.Id}/disable", null, version)).Expect(200).ETagVersion!.Value;
                if (endpoint.StartsWith("PUT", StringComparison.Ordinal))
                    return () =>
                    {
                        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/users/{target.Id}")
                        {
                            Content = JsonContent.Create(new { displayName = "Renamed by the matrix", roles = new[] { "Reporter" }, language = "ja" }),
                        };
                        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
                        return caller.SendAsync(request);
                    };
                var action = endpoint[(endpoint.LastIndexOf('/') + 1)..];
                return () => caller.PostAsync($"/api/users/{target.Id}/{action}", null, version);
            }
            case "POST /api/users":
                return () => caller.PostAsync("/api/users", new
                {
                    email = $"matrix-{Guid.NewGuid():N}@incidentdesk.test", displayName = "Made by the matrix",
                    roles = new[] { "Reporter" }, password = "long-enough-password",
                });
            case "POST /api/incidents":
                return () => caller.PostAsync("/api/incidents", Bodies.Report());
            case "GET /api/auth/me" or "GET /api/users" or "GET /api/users/assignable" or "GET /api/users/executives" or "GET /api/incidents" or "GET /api/playbooks"
                or "GET /api/departments" or "GET /api/briefings":
                return () => caller.GetAsync(endpoint[4..]);
            case "GET /api/playbooks/{id}":
            {
                var id = (await cast.Worker.GetJsonAsync("/api/playbooks")).Items()[0].Str("id");
                return () => caller.GetAsync($"/api/playbooks/{id}");
            }
            case "GET /api/admin/contact-chains" or "GET /api/admin/sla-policy" or "GET /api/admin/settings/timeline"
                or "GET /api/admin/deliveries" or "GET /api/admin/mail" or "GET /api/admin/setup":
                return () => caller.GetAsync(endpoint[4..]);
            case "POST /api/admin/contact-chains":
                return () => caller.PostAsync("/api/admin/contact-chains", Chain());
            case "PUT /api/admin/contact-chains/{id}" or "DELETE /api/admin/contact-chains/{id}":
            {
                var created = (await app.Admin.PostAsync("/api/admin/contact-chains", Chain())).Expect(201);
                var path = $"/api/admin/contact-chains/{created.Json.Str("id")}";
                return () =>
                {
                    var request = new HttpRequestMessage(endpoint.StartsWith("PUT", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Delete, path);
                    if (endpoint.StartsWith("PUT", StringComparison.Ordinal))
                        request.Content = JsonContent.Create(Chain(), options: new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
                    request.Headers.TryAddWithoutValidation("If-Match", $"\"{created.ETagVersion}\"");
                    return caller.SendAsync(request);
                };
            }
            case "PUT /api/admin/sla-policy":
            {
                var current = (await app.Admin.GetAsync("/api/admin/sla-policy")).Expect(200);
                return () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Put, "/api/admin/sla-policy")
                    {
                        Content = new StringContent(current.Json["policy"]!.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
                    };
                    request.Headers.TryAddWithoutValidation("If-Match", $"\"{current.ETagVersion}\"");
                    return caller.SendAsync(request);
                };
            }
            case "GET /api/drills/contact-checks" or "GET /api/drills/contact-checks/cadence":
                return () => caller.GetAsync(endpoint[4..]);
            case "GET /api/drills/contact-checks/{check}" or "POST /api/drills/contact-checks/{check}/marks":
            {
                // A check of its own (the built-in chain: the first admin, then the responders), member 0 marked reached by phone.
                var check = await app.Factory.Services.GetRequiredService<Api.Drills.ContactChecks.ContactCheckStarter>().StartAsync(
                    Guid.NewGuid(), Guid.NewGuid(), Api.Common.Category.C1, Api.Escalation.ContactChain.BuiltInId.ToString(), true, null,
                    app.Admin.Id, CancellationToken.None);
                var path = $"/api/drills/contact-checks/{check.Id}";
                if (endpoint.StartsWith("GET", StringComparison.Ordinal)) return () => caller.GetAsync(path);
                return () => caller.PostAsync($"{path}/marks", new { marks = new[] { new { member = 0, reached = true } } });
            }
            case "GET /api/decisions" or "GET /api/decisions/kinds":
                return () => caller.GetAsync(endpoint[4..]);
            case var d when d.Contains("/api/decisions/{decision}", StringComparison.Ordinal):
            {
                // A request of its own whose approver is the matrix's Executive, in the state the command needs.
                var command = d.Split('/').Last();
                var executive = cast.Clients["Executive"];
                var decision = await cast.Worker.RequestDecisionAsync(await cast.Worker.FileAsync(Bodies.Report("C2")),
                    DecisionCalls.RansomBody(executive.Id));
                object? body = command switch
                {
                    "decide" => new { optionId = "do_not_pay", rationale = "Backups are intact" },
                    "ask-info" => new { question = "Are the backups tested?" },
                    "withdraw" => new { reason = "No longer needed" },
                    _ => null,
                };
                if (command == "answer-info")
                {
                    decision = await executive.RunAsync(decision, "ask-info", new { question = "Are the backups tested?" });
                    body = new { questionId = decision.Detail["info"]![0]!.Guid("questionId"), answer = "Yes, last month" };
                }
                else if (command == "supersede")
                {
                    decision = await executive.DecideAsync(decision);
                    body = new { optionId = "do_not_pay", rationale = "Restored already; still no payment", reason = "The conditions changed" };
                }
                if (d.StartsWith("GET ", StringComparison.Ordinal)) return () => caller.GetAsync(decision.Path);
                return () => caller.PostAsync($"{decision.Path}/{command}", body, decision.Version);
            }
            case var d when d.Contains("/api/drills/runs", StringComparison.Ordinal):
                return await DrillCallAsync(d, role, caller, cast);
            default:
                throw new InvalidOperationException($"the matrix does not know how to call {endpoint}");
        }
    }

    /// <summary>
    /// A KYT drill facilitated by the matrix's worker (a responder), in the state the command needs. "{mine}": the caller
    /// is one of its players; "{run}": the caller has no part in it (the bystander, a reporter, plays).
    /// </summary>
    private static async Task<Func<Task<ApiResponse>>> DrillCallAsync(string endpoint, string role, ApiClient caller, Cast cast)
    {
        var method = endpoint[..endpoint.IndexOf(' ')];
        var path = endpoint[(endpoint.IndexOf(' ') + 1)..];
        if (path == "/api/drills/runs")
            return method == "GET" ? () => caller.GetAsync(path) : () => caller.PostAsync(path, DrillBody(cast.Worker.Id, cast.Bystander.Id));
        var mine = path.Contains("{mine}") && role != Anonymous;
        var worker = cast.Worker;
        var run = (await worker.PostAsync("/api/drills/runs", DrillBody(worker.Id, mine ? caller.Id : cast.Bystander.Id))).Expect(201);
        var id = run.Json.Guid("id");
        var version = run.ETagVersion!.Value;
        var command = path.Split('/')[5..];
        async Task Do(string what, object? body = null) =>
            version = (await worker.PostAsync($"/api/drills/runs/{id}/{what}", body, version)).Expect(200).ETagVersion!.Value;
        var first = string.Join('/', command);
        if (first is not ("" or "start" or "cancel")) await Do("start");
        object? payload = null;
        var target = $"/api/drills/runs/{id}" + (command.Length > 0 ? "/" + first : "");
        switch (first)
        {
            case "resume":
                await Do("pause");
                break;
            case "stop":
                payload = new { reason = "The matrix stops it" };
                break;
            case "kyt":
                await Do("reveal");
                payload = new { keyPoints = new[] { "Unclassified files" }, countermeasures = new[] { "Label every file" }, teamGoal = "Label before sharing" };
                break;
            case "predictions":
                payload = new { text = "A risk the matrix foresees" };
                break;
            case "predictions/{prediction}/match":
            {
                var player = cast.Bystander;
                var predicted = (await player.PostAsync($"/api/drills/runs/{id}/predictions", new { text = "Files left unclassified" })).Expect(200);
                await Do("reveal");
                target = $"/api/drills/runs/{id}/predictions/{predicted.Json["predictions"]![0]!.Guid("predictionId")}/match";
                payload = new { matched = true };
                break;
            }
            case "observations":
                payload = new { kind = "strength", text = "Everyone spoke up" };
                break;
            case "actions/{action}/judge":
            {
                var released = (await worker.PostAsync($"/api/drills/runs/{id}/injects/next", null, version)).Expect(200);
                var delivered = released.Json["injects"]!.AsArray().First(i => i!.Str("status") != "pending")!.Str("injectId");
                var action = released.Json["expectedActions"]!.AsArray().First(a => a!.Str("injectId") == delivered)!.Str("actionId");
                target = $"/api/drills/runs/{id}/actions/{action}/judge";
                payload = new { result = "met", note = "Seen by the matrix" };
                break;
            }
        }
        if (method == "GET") return () => caller.GetAsync(target);
        if (method == "PUT")
            return () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, target) { Content = JsonContent.Create(payload) };
                request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
                return caller.SendAsync(request);
            };
        var pinned = first is "predictions" or "predictions/{prediction}/match" or "observations" or "actions/{action}/judge" ? (long?)null : version;
        return () => caller.PostAsync(target, payload, pinned);
    }

    private static object DrillBody(Guid facilitator, Guid player) => new
    {
        scenarioId = "kyt-01", facilitatorId = facilitator,
        participants = new[] { new { userId = player, role = "player", team = "staff" } },
        plannedStart = DateTimeOffset.UtcNow.AddDays(1), timeScale = 10, announced = true,
    };

    private static Task<ApiResponse> PutJsonAsync(ApiClient client, string path, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) });

    private static object Chain() => new
    {
        name = $"Chain {Guid.NewGuid():N}"[..20], categories = new[] { "C1" },
        contacts = new[] { new { name = "Desk", email = "desk@incidentdesk.test" } },
    };

    /// <summary>
    /// A guard for later work: an endpoint added without a row here (and so without a decision on who may call
    /// it; the fallback policy lets unmarked endpoints through) fails this test.
    /// </summary>
    [Fact]
    public async Task The_matrix_covers_every_API_endpoint_the_server_publishes()
    {
        var document = await app.Anonymous().GetJsonAsync("/swagger/v1/swagger.json");
        var served = document["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal))
            // Acknowledge links need no account at all (the signed, single-use token is the credential);
            // Escalation/AcknowledgeLinkTests covers them.
            .Where(p => !p.Key.StartsWith("/api/ack/", StringComparison.Ordinal) && !p.Key.StartsWith("/api/drill-ack/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(op => $"{op.Key.ToUpperInvariant()} {p.Key.TrimEnd('/')}"))
            .Order().ToList();
        var inMatrix = Table.Select(t => t.Endpoint.Replace("{own}", "{id}").Replace("{task}", "{stepId}").Replace("/steps/{decision}", "/steps/{stepId}").Replace("{decision}", "{id}")
                .Replace("{run}", "{id}").Replace("{mine}", "{id}").Replace("{prediction}", "{predictionId}").Replace("{action}", "{actionId}").Replace("{check}", "{id}"))
            .Distinct().Order().ToList();
        Assert.True(inMatrix.SequenceEqual(served),
            "Add a row to AuthorizationMatrixTests.Table for every endpoint: " +
            $"served but not in the matrix: [{string.Join(", ", served.Except(inMatrix))}]; " +
            $"in the matrix but not served: [{string.Join(", ", inMatrix.Except(served))}]");
    }
}
