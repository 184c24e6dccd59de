using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Escalation;

/// <summary>
/// Class fixture: a fresh database and one node with timers and delivery on, a default chain of two contacts
/// (addresses unique to this fixture) and an SLA policy whose unrated acknowledge time is <see cref="AckSeconds"/>.
/// </summary>
public class EscalationFixture : IAsyncLifetime
{
    private TestDatabase? database;
    private EscalationNode? node;

    public TestDatabase Database => database ?? throw new InvalidOperationException("not started");

    public EscalationNode Node => node ?? throw new InvalidOperationException("not started");

    public string FirstContact { get; } = EscalationNode.Address("first");

    public string SecondContact { get; } = EscalationNode.Address("second");

    public virtual int AckSeconds => 3;

    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public Mailbox Mail { get; } = Mailbox.Shared();

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("escalation");
        node = await EscalationNode.StartAsync(database, ExtraSettings);
        await node.CreateChainAsync(FirstContact, SecondContact);
        await node.SetAckSecondsAsync(AckSeconds);
    }

    public async Task DisposeAsync()
    {
        Mail.Dispose();
        if (node is not null) await node.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}

/// <summary>Acknowledge links that live ~1 s (Notifications:AckLinkHours = 0.0003).</summary>
public sealed class ShortLivedAckLinksFixture : EscalationFixture
{
    public override int AckSeconds => 600;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?> { ["Notifications:AckLinkHours"] = "0.0003" };
}

/// <summary>Mail goes to a port where nothing listens (yet): <see cref="SmtpPort"/>.</summary>
public sealed class SmtpDownFixture : EscalationFixture
{
    public int SmtpPort { get; } = EscalationNode.ClosedPort();

    public override int AckSeconds => 600;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?> { ["Smtp:Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
