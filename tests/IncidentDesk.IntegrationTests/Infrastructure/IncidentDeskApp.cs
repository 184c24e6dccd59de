using System.Collections.Concurrent;

namespace IncidentDesk.IntegrationTests.Infrastructure;

/// <summary>
/// Class fixture: a fresh database and the API started on it, with the first admin signed in. xUnit gives every
/// test class its own instance, so every class has its own database (architecture guide, style rule 8).
/// </summary>
public class IncidentDeskApp : IAsyncLifetime
{
    private static int accountCounter;
    private readonly ConcurrentBag<ApiClient> clients = [];
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> shared = new();
    private IncidentDeskFactory? factory;
    private TestDatabase? database;
    private ApiClient? admin;

    public TestDatabase Database => database ?? throw NotStarted();

    public IncidentDeskFactory Factory => factory ?? throw NotStarted();

    /// <summary>The bootstrap admin created at startup from INCIDENTDESK_ADMIN_EMAIL / _PASSWORD.</summary>
    public ApiClient Admin => admin ?? throw NotStarted();

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("app");
        factory = new IncidentDeskFactory(database.ConnectionString, services: ConfigureServices);
        admin = Track(factory.CreateApiClient());
        var login = (await admin.LoginAsync(IncidentDeskFactory.AdminEmail, IncidentDeskFactory.AdminPassword)).Expect(200);
        admin.Account = new TestAccount(Guid.Parse(login.Json["id"]!.GetValue<string>()), IncidentDeskFactory.AdminEmail,
            IncidentDeskFactory.AdminPassword, login.Json["displayName"]!.GetValue<string>(), "Admin");
    }

    /// <summary>For a fixture that replaces services (e.g. the clock); the default replaces none.</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    public ApiClient Anonymous() => Track(Factory.CreateApiClient());

    /// <summary>Creates an individual account of <paramref name="role"/> the way an admin does: POST /api/users.</summary>
    public async Task<TestAccount> CreateAccountAsync(string role, string? displayName = null)
    {
        var n = Interlocked.Increment(ref accountCounter);
        var email = $"{role.ToLowerInvariant()}-{n}-{Guid.NewGuid():N}"[..30] + "@incidentdesk.test";
        var name = displayName ?? $"{role} {n}";
        var password = $"pw-{Guid.NewGuid():N}";
        var created = (await Admin.PostAsync("/api/users", new { email, displayName = name, roles = new[] { role }, password }))
            .Expect(201);
        return new TestAccount(Guid.Parse(created.Json["id"]!.GetValue<string>()), email, password, name, role);
    }

    public async Task<ApiClient> SignInAsync(TestAccount account)
    {
        var client = Track(Factory.CreateApiClient(account));
        (await client.LoginAsync(account.Email, account.Password)).Expect(200);
        client.Executive = () => SharedAsync("playbook-decider", () => SignInAsNewAsync("Executive", "Decider"));
        return client;
    }

    public async Task<ApiClient> SignInAsNewAsync(string role, string? displayName = null) =>
        await SignInAsync(await CreateAccountAsync(role, displayName));

    public Task<long> CountEventsAsync() => Database.CountEventsAsync();

    public Task<long> CountIncidentEventsAsync() => Database.CountIncidentEventsAsync();

    /// <summary>
    /// Something several tests of one class share (accounts, a data set), built once by the first test that
    /// asks. xUnit makes a new test-class instance per test, so class-wide state lives on the fixture.
    /// </summary>
    public async Task<T> SharedAsync<T>(string key, Func<Task<T>> create) where T : class =>
        (T)await shared.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await create())).Value;

    public async Task DisposeAsync()
    {
        foreach (var c in clients) c.Dispose();
        if (factory is not null) await factory.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }

    private ApiClient Track(ApiClient client)
    {
        clients.Add(client);
        return client;
    }

    private static InvalidOperationException NotStarted() => new("the fixture has not been initialised");
}
