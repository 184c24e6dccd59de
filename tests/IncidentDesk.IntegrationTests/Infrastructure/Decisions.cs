using System.Text.Json.Nodes;

namespace IncidentDesk.IntegrationTests.Infrastructure;

/// <summary>A decision request as last read: its id, the version for If-Match and the detail body.</summary>
public sealed record DecisionRef(Guid Id, long Version, JsonNode Detail)
{
    public string Path => $"/api/decisions/{Id}";

    public string Status => Detail.Str("status");

    public static DecisionRef From(ApiResponse response)
    {
        var version = response.ETagVersion ?? throw new Xunit.Sdk.XunitException($"{response.Describe()}: no ETag on the response");
        Assert.Equal(version, response.Json.Long("version"));
        return new DecisionRef(response.Json.Guid("id"), version, response.Json);
    }
}

/// <summary>Decision requests over HTTP, each step asserting success.</summary>
public static class DecisionCalls
{
    /// <summary>A valid ransom request body: approver (and deputy), a deadline <paramref name="inSeconds"/> away.</summary>
    public static Dictionary<string, object?> RansomBody(Guid approver, Guid? deputy = null, double inSeconds = 3600, string onExpiry = "escalate",
        string? defaultOptionId = null, string quorum = "any", string? stepId = null, Guid? secondApprover = null) => new()
    {
        ["kind"] = "ransom_payment",
        ["stepId"] = stepId,
        ["question"] = "Do we pay the ransom the attacker demands?",
        ["options"] = new object[]
        {
            new { id = "do_not_pay", label = "Do not pay; restore from the offline backups", consequence = "Sales stop for about two days" },
            new { id = "pay", label = "Pay (only in an emergency such as lives at stake)", consequence = "No guarantee the key comes" },
        },
        ["recommendedOptionId"] = "do_not_pay",
        ["recommendation"] = "The offline backups were verified last month",
        ["context"] = "The file server is encrypted; the note demands 2 BTC within 48 hours.",
        ["unknowns"] = new[] { "Whether data left the network" },
        ["neededBy"] = DateTimeOffset.UtcNow.AddSeconds(inSeconds),
        ["approvers"] = secondApprover is { } second
            ? new object[] { new { accountId = approver, deputyId = deputy }, new { accountId = second, deputyId = (Guid?)null } }
            : new object[] { new { accountId = approver, deputyId = deputy } },
        ["quorum"] = quorum,
        ["onExpiry"] = onExpiry,
        ["defaultOptionId"] = defaultOptionId,
    };

    public static async Task<DecisionRef> RequestDecisionAsync(this ApiClient requester, IncidentRef incident, object body) =>
        DecisionRef.From((await requester.PostAsync($"{incident.Path}/decisions", body)).Expect(201));

    public static async Task<DecisionRef> DecisionAsync(this ApiClient client, Guid id) =>
        DecisionRef.From((await client.GetAsync($"/api/decisions/{id}")).Expect(200));

    /// <summary>POST /api/decisions/{id}/{command} at the version last read; expects 200.</summary>
    public static async Task<DecisionRef> RunAsync(this ApiClient client, DecisionRef decision, string command, object body) =>
        DecisionRef.From((await client.PostAsync($"{decision.Path}/{command}", body, decision.Version)).Expect(200));

    public static Task<DecisionRef> DecideAsync(this ApiClient executive, DecisionRef decision, string optionId = "do_not_pay",
        string rationale = "Backups are intact; we do not fund criminals") =>
        executive.RunAsync(decision, "decide", new { optionId, rationale, conditions = "Restore by Friday 18:00" });
}
