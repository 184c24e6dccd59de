using IncidentDesk.IntegrationTests.Escalation;
using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Decisions;

/// <summary>Accounts with addresses unique to one test (the mail sink is shared), created by an admin over the API.</summary>
public static class DecisionPeople
{
    public static async Task<TestAccount> CreateAsync(ApiClient admin, string role, string who, string language = "en")
    {
        var email = EscalationNode.Address(who);
        var password = $"pw-{Guid.NewGuid():N}";
        var created = (await admin.PostAsync("/api/users", new { email, displayName = $"{who} ({role})", roles = new[] { role }, password, language }))
            .Expect(201);
        return new TestAccount(created.Json.Guid("id"), email, password, $"{who} ({role})", role);
    }

    /// <summary>A browser-like client at an API process, signed in as <paramref name="account"/>.</summary>
    public static async Task<ApiClient> SignInAtAsync(Uri baseUrl, TestAccount account)
    {
        var handler = new System.Net.Http.HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
        var client = new ApiClient(new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) }, account);
        (await client.LoginAsync(account.Email, account.Password)).Expect(200);
        return client;
    }

    /// <summary>Mails about this request (its page link is in every one).</summary>
    public static bool About(System.Text.Json.Nodes.JsonNode mail, Guid decisionId) =>
        Mailbox.Text(mail).Contains($"/decisions/{decisionId}", StringComparison.Ordinal);
}
