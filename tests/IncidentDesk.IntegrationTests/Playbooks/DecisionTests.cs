using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Playbooks;

/// <summary>`kind: decision` steps are taken by Executives only (seeds 000:1416-1430).</summary>
public sealed class DecisionTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    [Fact]
    public async Task A_responder_cannot_take_a_decision_step_and_an_executive_takes_it_with_the_evidence_and_their_name_recorded()
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        var responder = await app.SignInAsNewAsync("Responder");
        var admin = await app.SignInAsNewAsync("Admin");
        var executive = await app.SignInAsNewAsync("Executive", "Haru Executive");
        var incident = await responder.DriveToAsync(await reporter.FileAsync(Bodies.Report("C2")), "triage");
        var step = incident.Step("decide-business-stoppage");
        Assert.Equal("decision", step.Str("kind"));
        Assert.Equal("executive", step.Str("role"));

        foreach (var worker in new[] { responder, admin })
        {
            var refused = await app.RefusedAsync(403, () => worker.PostAsync(incident.StepPath("decide-business-stoppage", "complete"),
                new { evidence = "Stop sales for a day" }, incident.Version));
            Assert.Contains("Executive", refused.Json.Str("detail"), StringComparison.Ordinal);
            // Skipping a decision is the Executive's too.
            await app.RefusedAsync(403, () => worker.PostAsync(incident.StepPath("decide-business-stoppage", "skip"),
                new { reason = "Not our call" }, incident.Version));
        }
        Assert.Equal("open", (await responder.ReloadAsync(incident)).Step("decide-business-stoppage").Str("status"));

        incident = await executive.CompleteAsync(incident, "decide-business-stoppage", "  Sales and shipping stop until Friday 12:00: restore first  ");
        step = incident.Step("decide-business-stoppage");
        Assert.Equal("completed", step.Str("status"));
        Assert.Equal("Sales and shipping stop until Friday 12:00: restore first", step.Str("evidence"));
        Assert.Equal(executive.Id, step.Guid("by"));
        Assert.Equal("Haru Executive", step.Str("byName"));
        Assert.NotNull(step.StrOrNull("at"));

        var completed = Assert.Single(await responder.TimelineAsync(incident, "step_completed"),
            e => e["data"]!.Str("stepId") == "decide-business-stoppage");
        Assert.Equal(executive.Id, completed.Guid("actorId"));
        Assert.Equal("Haru Executive", completed.Str("actorName"));
        Assert.Equal("Sales and shipping stop until Friday 12:00: restore first", completed["data"]!.Str("evidence"));

        // Once taken, the responder cannot reopen it either.
        await app.RefusedAsync(403, () => responder.PostAsync(incident.StepPath("decide-business-stoppage", "reopen"), new { }, incident.Version));
    }

    [Fact]
    public async Task An_executive_cannot_work_a_responder_step()
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        var responder = await app.SignInAsNewAsync("Responder");
        var executive = await app.SignInAsNewAsync("Executive");
        var incident = await responder.DriveToAsync(await reporter.FileAsync(Bodies.Report("C2")), "triage");
        await app.RefusedAsync(403, () => executive.PostAsync(incident.StepPath("confirm-isolation", "complete"),
            new { evidence = "I looked" }, incident.Version));
    }
}
