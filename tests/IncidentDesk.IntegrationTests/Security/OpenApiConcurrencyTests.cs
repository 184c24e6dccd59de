using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Security;

/// <summary>
/// The OpenAPI document is generated per request: many callers at once (the first minutes after a deploy, several
/// test hosts in one process) all get it. A shared, non-thread-safe helper in a schema filter once made some of
/// them 500.
/// </summary>
public sealed class OpenApiConcurrencyTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    [Fact]
    public async Task Concurrent_first_requests_for_the_OpenAPI_document_all_succeed()
    {
        var clients = Enumerable.Range(0, 24).Select(_ => app.Anonymous()).ToList();
        var answers = await Task.WhenAll(clients.Select(c => c.GetAsync("/swagger/v1/swagger.json")));
        Assert.All(answers, a => a.Expect(200));
        Assert.All(answers, a => Assert.Contains("\"/api/incidents\"", a.Body));
    }
}
