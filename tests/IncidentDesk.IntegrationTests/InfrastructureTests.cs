using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests;

/// <summary>What operators and the SPA's type generator rely on: health endpoints and the OpenAPI document.</summary>
public sealed class InfrastructureTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy_without_a_session(string path)
    {
        var response = (await app.Anonymous().GetAsync(path)).Expect(200);
        Assert.Equal("Healthy", response.Body);
    }

    [Fact]
    public async Task The_OpenAPI_document_is_served_and_describes_every_contract_path()
    {
        var response = (await app.Anonymous().GetAsync("/swagger/v1/swagger.json")).Expect(200);
        Assert.Equal("application/json", response.Message.Content.Headers.ContentType?.MediaType);
        var document = response.Json;
        Assert.StartsWith("3.", document.Str("openapi"));
        var paths = document["paths"]!.AsObject().Select(p => p.Key.TrimEnd('/')).ToHashSet();
        string[] contract =
        [
            "/api/auth/login", "/api/auth/logout", "/api/auth/me", "/api/users", "/api/users/assignable",
            "/api/incidents", "/api/incidents/{id}", "/api/incidents/{id}/timeline",
            "/api/incidents/{id}/acknowledge", "/api/incidents/{id}/triage", "/api/incidents/{id}/severity",
            "/api/incidents/{id}/analysis", "/api/incidents/{id}/recovery", "/api/incidents/{id}/prevention",
            "/api/incidents/{id}/stage", "/api/incidents/{id}/notes", "/api/incidents/{id}/reclassify",
            "/api/incidents/{id}/assign",
        ];
        Assert.All(contract, p => Assert.Contains(p, paths));
        // Commands are POSTs; the board is a GET with its documented filters.
        Assert.NotNull(document["paths"]!["/api/incidents/{id}/triage"]!["post"]);
        var board = document["paths"]!["/api/incidents"]!["get"]!["parameters"]!.AsArray().Select(p => p!.Str("name")).ToList();
        Assert.Superset(new HashSet<string> { "stage", "severity", "category", "owner", "q", "page", "pageSize", "sort" }, board.ToHashSet());
        Assert.NotNull(document["components"]?["schemas"]?["IncidentDetail"]);
    }

    [Fact]
    public async Task The_Swagger_UI_is_served()
    {
        var response = (await app.Anonymous().GetAsync("/swagger/index.html")).Expect(200);
        Assert.Contains("swagger", response.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_API_path_is_a_404_not_the_web_app()
    {
        var response = await (await app.SignInAsNewAsync("Reporter")).GetAsync("/api/does-not-exist");
        response.Expect(404);
        Assert.DoesNotContain("<html", response.Body, StringComparison.OrdinalIgnoreCase);
    }
}
