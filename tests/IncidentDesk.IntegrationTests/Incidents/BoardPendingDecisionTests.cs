using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Incidents;

/// <summary>
/// The board row carries the needed-by of the incident's pending decision request (for the countdown badge on the
/// card), to staff only; and GET /api/users/executives lists who may be asked.
/// </summary>
public sealed class BoardPendingDecisionTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private static object Request(Guid approver, DateTimeOffset neededBy) => new
    {
        kind = "ransom_payment",
        question = "Do we pay the ransom the attacker demands?",
        options = new[]
        {
            new { id = "do_not_pay", label = "Do not pay", consequence = "Recover from backups" },
            new { id = "pay", label = "Pay", consequence = "No guarantee the data comes back" },
        },
        recommendedOptionId = "do_not_pay",
        context = "The file server shows a ransom note",
        neededBy,
        approvers = new[] { new { accountId = approver } },
        quorum = "any",
        onExpiry = "escalate",
    };

    private static async Task<System.Text.Json.Nodes.JsonNode> RowAsync(ApiClient client, IncidentRef incident) =>
        (await client.GetJsonAsync($"/api/incidents?q={incident.Reference}")).Items().Single();

    [Fact]
    public async Task A_pending_decision_shows_its_needed_by_on_the_board_row_until_it_is_withdrawn_and_never_to_the_reporter()
    {
        var responder = await app.SignInAsNewAsync("Responder");
        var executive = await app.SignInAsNewAsync("Executive");
        var reporter = await app.SignInAsNewAsync("Reporter");
        var incident = await reporter.FileAsync(Bodies.Report("C2", "Ransom note on the file server"));
        Assert.Null((await RowAsync(responder, incident))["pendingDecisionNeededBy"]);

        var later = DateTimeOffset.UtcNow.AddHours(3);
        var sooner = DateTimeOffset.UtcNow.AddHours(1);
        (await responder.PostAsync($"{incident.Path}/decisions", Request(executive.Id, later))).Expect(201);
        var first = (await responder.PostAsync($"{incident.Path}/decisions", Request(executive.Id, sooner))).Expect(201);

        // The earliest of the pending requests counts.
        var row = await RowAsync(responder, incident);
        Assert.Equal(sooner.ToUnixTimeSeconds(), DateTimeOffset.Parse(row.Str("pendingDecisionNeededBy"), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        Assert.NotNull((await RowAsync(executive, incident))["pendingDecisionNeededBy"]);
        Assert.Null((await RowAsync(reporter, incident))["pendingDecisionNeededBy"]);

        (await responder.PostAsync($"/api/decisions/{first.Json.Str("id")}/withdraw", new { reason = "Asked twice" }, first.ETagVersion)).Expect(200);
        row = await RowAsync(responder, incident);
        Assert.Equal(later.ToUnixTimeSeconds(), DateTimeOffset.Parse(row.Str("pendingDecisionNeededBy"), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task The_executives_list_names_enabled_executives_only()
    {
        var responder = await app.SignInAsNewAsync("Responder");
        var executive = await app.SignInAsNewAsync("Executive", "Exec Listed");
        var ids = (await responder.GetJsonAsync("/api/users/executives")).Items().Select(u => u.Guid("id")).ToList();
        Assert.Contains(executive.Id, ids);
        Assert.DoesNotContain(responder.Id, ids);
        Assert.DoesNotContain(app.Admin.Id, ids);
    }
}
