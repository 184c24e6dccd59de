using IncidentDesk.Api.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentDesk.IntegrationTests.Infrastructure;

/// <summary>
/// One database seeded by `--demo` (DemoSeeder), shared by the tests that only read what the demo ships: seeding
/// it boots the app and files every demo report, so it is done once, not per test.
/// </summary>
public sealed class DemoInstance : IAsyncLifetime
{
    private TestDatabase database = null!;
    private IncidentDeskFactory factory = null!;

    /// <summary>Signed in as the first admin.</summary>
    public ApiClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("demo");
        factory = new IncidentDeskFactory(database.ConnectionString);
        Admin = factory.CreateApiClient();
        (await Admin.LoginAsync(IncidentDeskFactory.AdminEmail, IncidentDeskFactory.AdminPassword)).Expect(200);
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoInstance>
{
    public const string Name = "demo";
}
