using IncidentDesk.IntegrationTests.Infrastructure;
using IncidentDesk.IntegrationTests.Playbooks;

namespace IncidentDesk.IntegrationTests.Decisions;

/// <summary>Decision requests over HTTP on a real database: their life, the playbook step they complete, and bad input.</summary>
public sealed class DecisionRequestTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private sealed record Cast(ApiClient Reporter, ApiClient Responder, ApiClient Ceo, ApiClient Cfo, ApiClient Deputy, ApiClient Outsider);

    private Task<Cast> CastAsync() => app.SharedAsync("cast", async () => new Cast(
        await app.SignInAsNewAsync("Reporter"), await app.SignInAsNewAsync("Responder", "Rin Responder"),
        await app.SignInAsNewAsync("Executive", "Kenji CEO"), await app.SignInAsNewAsync("Executive", "Mika CFO"),
        await app.SignInAsNewAsync("Executive", "Deputy Dai"), await app.SignInAsNewAsync("Executive", "Other Exec")));

    private static async Task<IncidentRef> RansomwareAsync(Cast c) => await c.Responder.DriveToAsync(await c.Reporter.FileAsync(Bodies.Report("C2")), "triage");

    [Fact]
    public async Task A_responder_asks_an_executive_who_decides_and_the_named_playbook_step_completes_with_the_decision_as_evidence()
    {
        var c = await CastAsync();
        var incident = await RansomwareAsync(c);
        var asked = await c.Responder.RequestDecisionAsync(incident, DecisionCalls.RansomBody(c.Ceo.Id, c.Deputy.Id, stepId: "decide-ransom"));

        Assert.Equal("requested", asked.Status);
        Assert.Equal(incident.Reference, asked.Detail.Str("incidentReference"));
        Assert.Equal(incident.Reference, asked.Detail["snapshot"]!.Str("reference"));
        Assert.Equal("triage", asked.Detail["snapshot"]!.Str("stage"));
        Assert.True(asked.Detail["options"]!.AsArray().Single(o => o!.Str("id") == "do_not_pay")!.Bool("safe"));
        Assert.False(asked.Detail["options"]!.AsArray().Single(o => o!.Str("id") == "pay")!.Bool("safe"));
        Assert.Equal("pay", asked.Detail["guidance"]!.Str("acknowledgeBefore"));
        Assert.False(asked.Detail.Bool("mayDecide"));
        Assert.True((await c.Ceo.DecisionAsync(asked.Id)).Detail.Bool("mayDecide"));
        Assert.False((await c.Deputy.DecisionAsync(asked.Id)).Detail.Bool("mayDecide"));

        // The CEO's desk lists it; the deputy's does not (not escalated), the incident's log does.
        Assert.Contains((await c.Ceo.GetJsonAsync("/api/decisions?awaitingMe=true")).Items(), d => d.Guid("id") == asked.Id);
        Assert.DoesNotContain((await c.Deputy.GetJsonAsync("/api/decisions?awaitingMe=true")).Items(), d => d.Guid("id") == asked.Id);
        var log = (await c.Responder.GetJsonAsync($"/api/decisions?incident={incident.Id}")).Items();
        Assert.Equal("requested", Assert.Single(log).Str("status"));

        var decided = await c.Ceo.DecideAsync(asked);
        Assert.Equal("decided", decided.Status);
        Assert.Equal("do_not_pay", decided.Detail["outcome"]!.Str("optionId"));
        Assert.Equal("Kenji CEO", decided.Detail["outcome"]!.Str("decidedByName"));
        Assert.Equal(incident.Reference, decided.Detail["votes"]![0]!["factsAtDecision"]!.Str("reference"));

        var step = (await c.Responder.ReloadAsync(incident)).Step("decide-ransom");
        Assert.Equal("completed", step.Str("status"));
        Assert.Equal(c.Ceo.Id, step.Guid("by"));
        Assert.Contains(asked.Id.ToString(), step.Str("evidence"), StringComparison.Ordinal);
        Assert.Contains("Do not pay", step.Str("evidence"), StringComparison.Ordinal);

        var timeline = (await c.Responder.GetJsonAsync($"{incident.Path}/timeline")).Items().Select(e => (e.Str("type"), e.Str("stream"))).ToList();
        Assert.Contains(("decision_requested", "decision"), timeline);
        Assert.Contains(("decision_reached", "decision"), timeline);
        Assert.Contains(("step_completed", "incident"), timeline);
        Assert.Contains(("notification_queued", "decision"), timeline);
        // The reporter's own timeline shows nothing of it.
        Assert.DoesNotContain((await c.Reporter.GetJsonAsync($"{incident.Path}/timeline")).Items(), e => e.Str("type").StartsWith("decision", StringComparison.Ordinal));
        Assert.Equal("decided", (await c.Responder.GetJsonAsync($"/api/decisions?incident={incident.Id}&status=decided")).Items().Single().Str("status"));
    }

    [Fact]
    public async Task A_second_request_for_a_step_with_one_pending_and_the_stage_gate_waiting_on_it_are_409s_naming_the_pending_request()
    {
        var c = await CastAsync();
        var incident = await RansomwareAsync(c);
        var asked = await c.Responder.RequestDecisionAsync(incident, DecisionCalls.RansomBody(c.Ceo.Id, stepId: "decide-ransom"));
        var again = await app.RefusedAsync(409, () => c.Responder.PostAsync($"{incident.Path}/decisions", DecisionCalls.RansomBody(c.Ceo.Id, stepId: "decide-ransom")));
        Assert.Equal(["decision_already_pending"], again.RuleCodes);
        Assert.Contains(asked.Id.ToString(), again.Json.Str("detail"), StringComparison.Ordinal);

        // decide-ransom is an analysis step: the gate out of analysis names the request it waits on.
        var analysis = await c.Responder.RunAsync(await c.Responder.DriveToAsync(await c.Responder.ReloadAsync(incident), "analysis"),
            "analysis", Bodies.CompleteAnalysis());
        var gate = await app.RefusedAsync(409, () => c.Responder.PostAsync($"{analysis.Path}/stage", new { to = "recovery" }, analysis.Version));
        var rule = gate.Json["rules"]!.AsArray().Single(r => r!.StrOrNull("step") == "decide-ransom")!;
        Assert.Contains($"decision request {asked.Id} is pending", rule.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_quorum_all_a_disagreement_is_shown_and_the_request_is_decided_when_the_last_approver_agrees()
    {
        var c = await CastAsync();
        var asked = await c.Responder.RequestDecisionAsync(await RansomwareAsync(c), DecisionCalls.RansomBody(c.Ceo.Id, quorum: "all", secondApprover: c.Cfo.Id));
        var one = await c.Ceo.DecideAsync(asked);
        var split = await c.Cfo.RunAsync(one, "decide", new
        {
            optionId = "pay", rationale = "The ward's patient records are locked", emergency = "Lives at stake in the ward", guidanceAcknowledged = true,
        });
        Assert.Equal("requested", split.Status);
        Assert.True(split.Detail.Bool("disagreement"));
        Assert.True((await c.Responder.GetJsonAsync($"/api/decisions?incident={asked.Detail.Str("incidentId")}")).Items().Single().Bool("disagreement"));

        var agreed = await c.Cfo.DecideAsync(split, rationale: "The ward can run on paper; backups are intact");
        Assert.Equal("decided", agreed.Status);
        Assert.False(agreed.Detail.Bool("disagreement"));
        Assert.Equal(3, agreed.Detail["votes"]!.AsArray().Count);
    }

    [Fact]
    public async Task Information_asked_and_answered_withdrawal_and_supersede_are_on_the_record()
    {
        var c = await CastAsync();
        var incident = await RansomwareAsync(c);
        var asked = await c.Responder.RequestDecisionAsync(incident, DecisionCalls.RansomBody(c.Ceo.Id));
        var question = await c.Ceo.RunAsync(asked, "ask-info", new { question = "When were the backups last restored?" });
        Assert.Equal("info_asked", question.Status);
        var questionId = question.Detail["info"]![0]!.Guid("questionId");
        var answered = await c.Responder.RunAsync(question, "answer-info", new { questionId, answer = "Restored in a drill on 2 November" });
        Assert.Equal("requested", answered.Status);
        Assert.Equal("Rin Responder", answered.Detail["info"]![0]!.Str("answeredByName"));

        var decided = await c.Ceo.DecideAsync(answered);
        var superseded = await c.Ceo.RunAsync(decided, "supersede", new
        {
            optionId = "pay", rationale = "The ward's records cannot wait", emergency = "A patient's treatment depends on them",
            guidanceAcknowledged = true, reason = "The backups turned out to be encrypted as well",
        });
        Assert.Equal("pay", superseded.Detail["outcome"]!.Str("optionId"));
        var earlier = Assert.Single(superseded.Detail["superseded"]!.AsArray())!;
        Assert.Equal(("do_not_pay", "The backups turned out to be encrypted as well"), (earlier.Str("optionId"), earlier.Str("supersedeReason")));

        var other = await c.Responder.RequestDecisionAsync(incident, DecisionCalls.RansomBody(c.Ceo.Id));
        var withdrawn = await c.Responder.RunAsync(other, "withdraw", new { reason = "Restored before anyone had to decide" });
        Assert.Equal("withdrawn", withdrawn.Status);
        var refused = await app.RefusedAsync(409, () => c.Ceo.PostAsync($"{withdrawn.Path}/decide",
            new { optionId = "do_not_pay", rationale = "late" }, withdrawn.Version));
        Assert.Equal(["decision_withdrawn"], refused.RuleCodes);
    }

    [Fact]
    public async Task A_stale_version_is_a_412_and_deciding_twice_is_a_409_naming_the_rule_and_writing_nothing()
    {
        var c = await CastAsync();
        var asked = await c.Responder.RequestDecisionAsync(await RansomwareAsync(c), DecisionCalls.RansomBody(c.Ceo.Id, secondApprover: c.Cfo.Id));
        var question = await c.Ceo.RunAsync(asked, "ask-info", new { question = "Is the ward affected?" });
        var stale = await app.RefusedAsync(412, () => c.Cfo.PostAsync($"{asked.Path}/decide", new { optionId = "do_not_pay", rationale = "x" }, asked.Version));
        Assert.Equal(question.Version, stale.Json.Long("currentVersion"));

        var decided = await c.Ceo.DecideAsync(question);
        var twice = await app.RefusedAsync(409, () => c.Cfo.PostAsync($"{decided.Path}/decide", new { optionId = "do_not_pay", rationale = "again" }, decided.Version));
        Assert.Equal(["decision_already_taken"], twice.RuleCodes);
        await app.RefusedAsync(403, () => c.Outsider.PostAsync($"{decided.Path}/supersede",
            new { optionId = "do_not_pay", rationale = "x", reason = "y" }, decided.Version));
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "neededBy", "past" }, { "options", "one option" }, { "options.1", "null option" }, { "approvers.0.accountId", "not an executive" },
        { "approvers.0", "null approver" }, { "question", "control character" }, { "unknowns.0", "null unknown" },
        { "options.0.id", "not an option of the kind" }, { "defaultOptionId", "apply_safe_option without a default" },
        { "approvers.0.deputyId", "deputy not an executive" }, { "kind", "missing kind" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_is_a_400_naming_the_field_and_writes_nothing(string field, string what)
    {
        var c = await CastAsync();
        var incident = await RansomwareAsync(c);
        var body = DecisionCalls.RansomBody(c.Ceo.Id);
        switch (what)
        {
            case "past": body["neededBy"] = DateTimeOffset.UtcNow.AddMinutes(-5); break;
            case "one option": body["options"] = new object[] { new { id = "do_not_pay", label = "Do not pay", consequence = "Two days" } }; break;
            case "null option": body["options"] = new object?[] { new { id = "do_not_pay", label = "Do not pay", consequence = "Two days" }, null }; break;
            case "not an executive": body["approvers"] = new object[] { new { accountId = c.Responder.Id } }; break;
            case "null approver": body["approvers"] = new object?[] { null }; break;
            case "control character": body["question"] = "Do we pay\u0000 the ransom?"; break;
            case "null unknown": body["unknowns"] = new string?[] { null }; break;
            case "not an option of the kind": body["options"] = new object[] { new { id = "negotiate", label = "Negotiate", consequence = "?" }, new { id = "pay", label = "Pay", consequence = "?" } }; body["recommendedOptionId"] = null; break;
            case "apply_safe_option without a default": body["onExpiry"] = "apply_safe_option"; break;
            case "deputy not an executive": body["approvers"] = new object[] { new { accountId = c.Ceo.Id, deputyId = c.Reporter.Id } }; break;
            case "missing kind": body.Remove("kind"); break;
        }
        var refused = await app.RefusedAsync(400, () => c.Responder.PostAsync($"{incident.Path}/decisions", body));
        refused.ExpectFieldError(field);
    }

    [Fact]
    public async Task An_unsafe_default_is_a_409_and_bad_decisions_are_refused_naming_the_field_or_rule()
    {
        var c = await CastAsync();
        var incident = await RansomwareAsync(c);
        var unsafeDefault = DecisionCalls.RansomBody(c.Ceo.Id, onExpiry: "apply_safe_option", defaultOptionId: "pay");
        Assert.Equal(["default_not_safe"], (await app.RefusedAsync(409, () => c.Responder.PostAsync($"{incident.Path}/decisions", unsafeDefault))).RuleCodes);

        var asked = await c.Responder.RequestDecisionAsync(incident, DecisionCalls.RansomBody(c.Ceo.Id));
        (await app.RefusedAsync(400, () => c.Ceo.PostAsync($"{asked.Path}/decide", new { optionId = "negotiate", rationale = "x" }, asked.Version)))
            .ExpectFieldError("optionId");
        (await app.RefusedAsync(400, () => c.Ceo.PostAsync($"{asked.Path}/decide", new { optionId = "do_not_pay", rationale = " " }, asked.Version)))
            .ExpectFieldError("rationale");
        (await app.RefusedAsync(400, () => c.Ceo.PostAsync($"{asked.Path}/decide", new { optionId = "do_not_pay", rationale = "ok\u001b[31m" }, asked.Version)))
            .ExpectFieldError("rationale");
        Assert.Equal(["ransom_guidance_not_acknowledged"], (await app.RefusedAsync(409, () => c.Ceo.PostAsync($"{asked.Path}/decide",
            new { optionId = "pay", rationale = "x", emergency = "Lives at stake" }, asked.Version))).RuleCodes);
        (await app.RefusedAsync(400, () => c.Ceo.PostAsync($"{asked.Path}/decide",
            new { optionId = "pay", rationale = "x", guidanceAcknowledged = true }, asked.Version))).ExpectFieldError("emergency");
        (await app.RefusedAsync(400, () => c.Ceo.PostRawAsync($"{asked.Path}/decide", "{\"optionId\":\"do_not_pay\",\"rationale\":\"x\"}")))
            .ExpectFieldError("If-Match");
        (await app.RefusedAsync(400, () => c.Ceo.PostRawAsync($"{asked.Path}/decide", "{\"optionId\":5}", "\"" + asked.Version + "\"")))
            .Expect(400);
        (await app.RefusedAsync(400, () => c.Responder.PostAsync($"{asked.Path}/answer-info", new { questionId = Guid.NewGuid(), answer = "x" }, asked.Version)))
            .ExpectFieldError("questionId");
        (await app.RefusedAsync(400, () => c.Ceo.GetAsync("/api/decisions?status=pending"))).ExpectFieldError("status");
        (await app.RefusedAsync(400, () => c.Ceo.GetAsync("/api/decisions?kind=bribe"))).ExpectFieldError("kind");
        await app.RefusedAsync(404, () => c.Ceo.GetAsync($"/api/decisions/{incident.Id}"));
        await app.RefusedAsync(404, () => c.Ceo.PostAsync($"/api/decisions/{Guid.NewGuid()}/decide", new { optionId = "do_not_pay", rationale = "x" }, 1));
    }

    [Fact]
    public async Task The_kinds_carry_questions_options_and_guidance_in_japanese_and_english()
    {
        var c = await CastAsync();
        var kinds = (await c.Responder.GetJsonAsync("/api/decisions/kinds")).Items();
        Assert.Equal(["business_stoppage", "ransom_payment", "disclosure", "response_policy", "postpone_update", "other"], kinds.Select(k => k.Str("kind")));
        var ransom = kinds.Single(k => k.Str("kind") == "ransom_payment");
        Assert.Contains("身代金", ransom["question"]!.Str("ja"), StringComparison.Ordinal);
        Assert.False(ransom["options"]!.AsArray().Single(o => o!.Str("id") == "pay")!.Bool("safe"));
        Assert.All(kinds.Single(k => k.Str("kind") == "disclosure")["options"]!.AsArray(),
            o => Assert.Equal(o!.Str("id") == "prepare_and_wait", o!.Bool("safe")));
    }
}
