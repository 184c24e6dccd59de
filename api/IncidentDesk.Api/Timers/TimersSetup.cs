using Hangfire;
using Hangfire.PostgreSql;
using IncidentDesk.Api.EventStore;
using Npgsql;

namespace IncidentDesk.Api.Timers;

/// <summary>
/// Timers on Hangfire with its PostgreSQL storage in the application's database (schema <c>hangfire</c>). Every
/// node relays the timer outbox and runs a Hangfire server; Hangfire hands each job to one worker of one node.
/// </summary>
public static class TimersSetup
{
    public const string Schema = "hangfire";

    public static IServiceCollection AddIncidentDeskTimers(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<IOutboxWriter, TimerOutboxWriter>();
        services.AddSingleton<IDatabaseObjects, HangfireSchema>();
        // Storage and client always (the relay and the dashboard use them); the server and the relay only when
        // timers are on (tests of commands turn them off: deadlines would fire on their own schedule).
        services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                o => o.UseConnectionFactory(new DataSourceConnections(sp.GetRequiredService<NpgsqlDataSource>())),
                new PostgreSqlStorageOptions
                {
                    SchemaName = Schema,
                    // The migrations path creates the schema at startup (HangfireSchema), not Hangfire on first use.
                    PrepareSchemaIfNecessary = false,
                    // Workers wait on LISTEN/NOTIFY for enqueued jobs instead of polling the queue table.
                    EnableLongPolling = true,
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    // A worker that dies mid-job gives its job back after this long (the job is idempotent).
                    InvisibilityTimeout = TimeSpan.FromMinutes(5),
                }));
        if (!config.GetValue("IncidentDesk:Timers:Enabled", true)) return services;
        services.AddHangfireServer(o =>
        {
            o.Queues = [TimerJob.Queue, "default"];
            o.WorkerCount = config.GetValue("IncidentDesk:Timers:Workers", 8);
            // Hangfire moves due scheduled jobs to the queue on this poll: the main part of a timer's lateness.
            o.SchedulePollingInterval = TimeSpan.FromMilliseconds(config.GetValue("IncidentDesk:Timers:PollMilliseconds", 500));
            o.ShutdownTimeout = TimeSpan.FromSeconds(10);
        });
        services.AddHostedService<TimerRelay>();
        if (config.GetValue("IncidentDesk:Timers:Pump", true)) services.AddHostedService<DueTimerPump>();
        return services;
    }

    /// <summary>Hangfire.PostgreSql's connections come from the application's data source (one pool, one configuration).</summary>
    private sealed class DataSourceConnections(NpgsqlDataSource dataSource) : IConnectionFactory
    {
        public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
    }

    private sealed class HangfireSchema(ILogger<HangfireSchema> log) : IDatabaseObjects
    {
        public string Name => "hangfire";

        public Task ApplyAsync(NpgsqlConnection connection, CancellationToken ct)
        {
            PostgreSqlObjectsInstaller.Install(connection, Schema);
            log.LogDebug("Hangfire schema {Schema} is current", Schema);
            return Task.CompletedTask;
        }
    }
}
