using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using JasperFx;
using JasperFx.Events.Daemon;
using Weasel.Core;

namespace IncidentDesk.Api.EventStore;

public static class MartenSetup
{
    /// <summary>
    /// Marten's event store on the registered <c>NpgsqlDataSource</c>. Schema objects are never created on the fly:
    /// <see cref="Migrator"/> applies them at startup, under its lock, before the numbered SQL migrations.
    /// </summary>
    /// <param name="daemon">
    /// The async daemon for projections that need not be inline. HotCold: Marten's leader election (an advisory lock
    /// per projection) runs each async projection on one node of a cluster at a time, and another node takes over
    /// when that one stops. Disabled: no node runs them (e.g. the OpenAPI export).
    /// </param>
    public static IServiceCollection AddIncidentDeskEventStore(this IServiceCollection services, DaemonMode daemon)
    {
        var marten = services.AddMarten(sp =>
        {
            var opts = new StoreOptions();
            opts.AutoCreateSchemaObjects = AutoCreate.None;
            opts.UseSystemTextJsonForSerialization(JsonDefaults.Options, EnumStorage.AsString, Casing.CamelCase,
                o => JsonDefaults.Configure(o));
            opts.Events.StreamIdentity = StreamIdentity.AsGuid;
            // Rich: inline projections see each event's final stream version (the board's ETag).
            opts.Events.AppendMode = EventAppendMode.Rich;
            opts.Events.MetadataConfig.UserNameEnabled = true;
            opts.Events.MetadataConfig.CorrelationIdEnabled = true;
            opts.Events.MetadataConfig.CausationIdEnabled = true;
            // Stored names are ours, never CLR names.
            foreach (var (name, type) in sp.GetRequiredService<EventTypeMap>().All)
                opts.Events.MapEventType(type, name);
            foreach (var projection in sp.GetServices<IInlineProjection>())
                opts.Projections.Add(new MartenInlineProjection(projection), ProjectionLifecycle.Inline);
            opts.Listeners.Add(new OutboxListener(sp.GetServices<IOutboxWriter>().ToArray()));
            return opts;
        }).UseNpgsqlDataSource().UseLightweightSessions();
        if (daemon != DaemonMode.Disabled) marten.AddAsyncDaemon(daemon);
        return services;
    }
}

/// <summary>A project projection run by Marten, inline, and by Marten's rebuild.</summary>
internal sealed class MartenInlineProjection : EventProjection
{
    private readonly IInlineProjection inner;

    public MartenInlineProjection(IInlineProjection inner)
    {
        this.inner = inner;
        Name = inner.Name;
    }

    public IInlineProjection Inner => inner;

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        inner.Project(Recorded.From(e), new MartenSqlBatch(operations));
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Runs the outbox writers on every event of a unit of work, just before it commits, in its transaction. Unlike
/// projections they are never replayed by a rebuild: that would send old mail again.
/// </summary>
internal sealed class OutboxListener(IOutboxWriter[] writers) : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var batch = new MartenSqlBatch(session);
        foreach (var stream in session.PendingChanges.Streams())
        foreach (var e in stream.Events)
        foreach (var writer in writers)
            writer.Write(Recorded.From(e), batch);
        return Task.CompletedTask;
    }
}
