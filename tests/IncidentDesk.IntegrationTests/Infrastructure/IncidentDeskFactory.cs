using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentDesk.IntegrationTests.Infrastructure;

/// <summary>
/// The real API (real startup: migrations, first admin) on one test database, served in memory.
/// <paramref name="settings"/> override the defaults below (e.g. a test class that turns timers and delivery on);
/// <paramref name="services"/> replaces services (e.g. the clock, with <c>TestClock</c>).
/// </summary>
public sealed class IncidentDeskFactory(
    string connectionString, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@incidentdesk.test";
    public const string AdminPassword = "integration-admin-password-42";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:IncidentDesk", connectionString);
        builder.UseSetting("INCIDENTDESK_ADMIN_EMAIL", AdminEmail);
        builder.UseSetting("INCIDENTDESK_ADMIN_PASSWORD", AdminPassword);
        // Timers and deliveries run in the background and append events on their own schedule; the tests of
        // commands count events before and after, so here they are off unless a test class turns them on.
        builder.UseSetting("IncidentDesk:Timers:Enabled", "false");
        builder.UseSetting("Notifications:Dispatch", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        // The same PBKDF2 hash format with fewer rounds: at the default 100,000 each account created or signed in
        // costs ~0.4 s of CPU here, which would be most of the suite's run time. The stored hash records its own
        // round count, so nothing else changes.
        builder.ConfigureTestServices(s =>
        {
            s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            services?.Invoke(s);
        });
        // Quiet by default (thousands of requests); INCIDENTDESK_TEST_LOGS=1 shows the API's own log.
        builder.ConfigureLogging(logging =>
        {
            if (Environment.GetEnvironmentVariable("INCIDENTDESK_TEST_LOGS") is not "1") logging.ClearProviders();
        });
    }

    public ApiClient CreateApiClient(TestAccount? account = null) =>
        new(CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false }), account);
}
