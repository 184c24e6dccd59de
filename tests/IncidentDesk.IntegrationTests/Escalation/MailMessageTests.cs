using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IncidentDesk.IntegrationTests.Infrastructure;
using MimeKit;

namespace IncidentDesk.IntegrationTests.Escalation;

/// <summary>
/// A TCP relay in front of the shared maildev that counts the SMTP connections made through it and can cut them all
/// (a server that dropped its idle sessions).
/// </summary>
public sealed class CountingSmtpRelay : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<TcpClient, TcpClient> open = new();
    private readonly int target;
    private readonly Task loop;
    private int accepted;

    public CountingSmtpRelay(int targetPort)
    {
        target = targetPort;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        loop = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>SMTP connections opened through the relay so far.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    public void DropAll()
    {
        foreach (var (client, server) in open)
        {
            client.Dispose();
            server.Dispose();
        }
        open.Clear();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception) when (stop.IsCancellationRequested) { return; }
            Interlocked.Increment(ref accepted);
            var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, target);
            open[client] = server;
            _ = PumpAsync(client, server);
        }
    }

    private async Task PumpAsync(TcpClient client, TcpClient server)
    {
        try
        {
            await Task.WhenAny(client.GetStream().CopyToAsync(server.GetStream()), server.GetStream().CopyToAsync(client.GetStream()));
        }
        catch (Exception) { /* cut by DropAll */ }
        finally
        {
            open.TryRemove(client, out _);
            client.Dispose();
            server.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        DropAll();
        await loop;
    }
}

/// <summary>Mail through the relay to the shared maildev, one dispatcher worker (so one SMTP session), no escalation during a test.</summary>
public sealed class MailFixture : EscalationFixture
{
    public CountingSmtpRelay Relay { get; } = new(Mailbox.SharedSmtpPort);

    public override int AckSeconds => 600;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Smtp:Port"] = Relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Notifications:Workers"] = "1",
    };
}

/// <summary>No Smtp:Host: MimeKit writes each message into a pickup folder of this fixture's own.</summary>
public sealed class PickupFolderFixture : EscalationFixture
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "incidentdesk-pickup-" + Guid.NewGuid().ToString("N"));

    public override int AckSeconds => 600;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "", ["Smtp:PickupDirectory"] = Folder,
    };
}

public static partial class JapaneseContact
{
    /// <summary>The display name System.Net.Mail mangled into 「山田 花子 (営 業部)」.</summary>
    public const string Name = "山田 花子 (営業部)";

    /// <summary>A chain for one category whose only contact is <see cref="Name"/>, in Japanese; a report of that category.</summary>
    public static async Task<(IncidentRef Incident, string Email)> ReportAsync(EscalationNode node, string category, string summary)
    {
        var email = EscalationNode.Address("yamada");
        (await node.Admin.PostAsync("/api/admin/contact-chains", new
        {
            name = $"営業部 {category}", categories = new[] { category }, isDefault = false,
            contacts = new[] { new { name = Name, email, language = "ja" } },
        })).Expect(201);
        return (await node.Admin.FileAsync(Bodies.Report(category, summary)), email);
    }

    public static async Task<JsonNode> DeliveredAsync(EscalationNode node, IncidentRef incident, string email) =>
        (await EscalationNode.EventuallyAsync(
            async () => (await node.EscalationAsync(incident.Id)).Items("deliveries")
                .FirstOrDefault(d => d.Str("address") == email && d.Str("status") == "sent"),
            d => d is not null, TimeSpan.FromSeconds(20), $"the mail to {email} to be delivered"))!;

    /// <summary>RFC 2047 encoded-words decoded one by one, everything between them (folding included) kept as it is.</summary>
    private static string DecodeWordByWord(string raw) =>
        EncodedWord().Replace(Regex.Replace(raw, "\r?\n", ""), w =>
        {
            var charset = System.Text.Encoding.GetEncoding(w.Groups[1].Value);
            var text = w.Groups[3].Value;
            var bytes = w.Groups[2].Value is "b" or "B"
                ? Convert.FromBase64String(text)
                : QEncoded().Replace(text.Replace('_', ' '), h => ((char)Convert.ToByte(h.Value[1..], 16)).ToString())
                    .Select(c => (byte)c).ToArray();
            return charset.GetString(bytes);
        }).Trim().Trim('"');

    [GeneratedRegex("=\\?([^?]+)\\?([bBqQ])\\?([^?]*)\\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex("=[0-9A-Fa-f]{2}")]
    private static partial Regex QEncoded();

    /// <summary>What a Japanese mail client needs: the decoded name and subject exactly, UTF-8 text and HTML alternatives.</summary>
    public static void AssertReadsRight(MimeMessage message, JsonNode delivery, string summaryEscaped)
    {
        var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
        Assert.Equal(Name, to.Name);
        // Also for a reader that keeps the blanks between encoded-words (where System.Net.Mail split the name, such
        // readers showed 「山田 花子 (営 業部)」): the raw header holds the name without a split inside it.
        var rawTo = Encoding.ASCII.GetString(message.Headers.First(h => h.Id == HeaderId.To).RawValue);
        Assert.Equal(Name, DecodeWordByWord(Regex.Replace(rawTo, "\\s*<[^>]*>\\s*$", "")));
        Assert.Equal(delivery.Str("address"), to.Address);
        Assert.Equal(delivery.Str("subject"), message.Subject);
        Assert.StartsWith("【新規報告】", message.Subject);
        Assert.Equal(delivery.Str("notificationId"), message.Headers["X-IncidentDesk-Notification"]);

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        var text = Assert.IsType<TextPart>(alternative[0]);
        var html = Assert.IsType<TextPart>(alternative[1]);
        Assert.True(text.IsPlain);
        Assert.True(html.IsHtml);
        Assert.Equal("utf-8", text.ContentType.Charset, ignoreCase: true);
        Assert.Equal("utf-8", html.ContentType.Charset, ignoreCase: true);
        var ack = $"http://incidentdesk.test/ack/{delivery.Str("incidentId")}?token=";
        Assert.Contains("ワンクリックで受付確認（ログイン不要）: " + ack, text.Text);
        Assert.Contains("受付番号: " + delivery.Str("reference"), text.Text);
        // The ack link is a real link in the HTML (its token's & and = escaped as HTML wants), and the report's text is escaped.
        Assert.Contains($"<a href=\"{ack}", html.Text);
        Assert.Contains(">ワンクリックで受付確認（ログイン不要）</a>", html.Text);
        Assert.Contains(summaryEscaped, html.Text);
        Assert.DoesNotContain("<添付>", html.Text);
    }
}

[Collection(EscalationCollection.Name)]
public sealed class MailMessageTests(MailFixture app) : IClassFixture<MailFixture>
{
    private const string Summary = "見積書<添付> & \"至急\" を開いてしまった";
    private const string SummaryEscaped = "見積書&lt;添付&gt; &amp; &quot;至急&quot; を開いてしまった";

    [Fact]
    public async Task A_Japanese_display_name_and_subject_arrive_exactly_as_written_with_text_and_HTML_parts()
    {
        var (incident, email) = await JapaneseContact.ReportAsync(app.Node, "C5", Summary);

        var delivery = await JapaneseContact.DeliveredAsync(app.Node, incident, email);
        Assert.Equal("smtp", delivery.Str("transport"));
        var mail = Assert.Single(await app.Mail.WaitForAsync(email, TimeSpan.FromSeconds(10)));
        // maildev's own decoding (mailparser), then the raw message as received, parsed by MimeKit.
        Assert.Equal(JapaneseContact.Name, mail["to"]![0]!.Str("name"));
        Assert.Equal(delivery.Str("subject"), Mailbox.Subject(mail));
        using var raw = await app.Mail.RawAsync(mail.Str("id"));
        var message = await MimeMessage.LoadAsync(raw);
        JapaneseContact.AssertReadsRight(message, delivery, SummaryEscaped);
        Assert.Contains(incident.Reference, delivery.Str("reference"));
    }

    [Fact]
    public async Task Mails_from_one_worker_share_one_SMTP_session_and_a_session_the_server_dropped_is_reopened_at_once()
    {
        var before = app.Relay.Accepted;
        var incidents = new List<IncidentRef>();
        for (var i = 0; i < 3; i++) incidents.Add(await app.Node.Admin.FileAsync());
        foreach (var incident in incidents)
            await app.Mail.WaitForAsync(app.FirstContact, TimeSpan.FromSeconds(15), m => Mailbox.Subject(m).Contains(incident.Reference));
        Assert.InRange(app.Relay.Accepted - before, 0, 1);

        app.Relay.DropAll();
        var afterDrop = app.Relay.Accepted;
        var next = await app.Node.Admin.FileAsync();
        var delivery = await JapaneseContact.DeliveredAsync(app.Node, next, app.FirstContact);
        Assert.Equal(1, delivery.Long("attempts")); // no backoff: the lost session was replaced within the attempt
        Assert.Equal(1, app.Relay.Accepted - afterDrop);
        await app.Mail.WaitForAsync(app.FirstContact, TimeSpan.FromSeconds(5), m => Mailbox.Subject(m).Contains(next.Reference));
    }
}

[Collection(EscalationCollection.Name)]
public sealed class PickupFolderTests(PickupFolderFixture app) : IClassFixture<PickupFolderFixture>
{
    [Fact]
    public async Task Without_an_SMTP_host_MimeKit_writes_one_eml_file_per_message_and_the_outcome_says_written_to_file()
    {
        var (incident, email) = await JapaneseContact.ReportAsync(app.Node, "C5", "会議室<3F> & 廊下");

        var delivery = await JapaneseContact.DeliveredAsync(app.Node, incident, email);
        Assert.Equal("pickup_folder", delivery.Str("transport"));
        var files = Directory.GetFiles(app.Folder);
        var file = Path.Combine(app.Folder, $"{Guid.Parse(delivery.Str("notificationId")):N}.eml");
        Assert.Contains(file, files);
        Assert.DoesNotContain(files, f => f.EndsWith(".tmp", StringComparison.Ordinal)); // written aside, then moved into place
        JapaneseContact.AssertReadsRight(await MimeMessage.LoadAsync(file), delivery, "会議室&lt;3F&gt; &amp; 廊下");

        // The event says how the message left: a file nobody has read yet, not a mail a server accepted.
        var sent = Assert.Single((await app.Node.Admin.GetJsonAsync($"/api/incidents/{incident.Id}/timeline")).Items(),
            e => e.Str("type") == "notification_sent" && e["data"]!.Str("notificationId") == delivery.Str("notificationId"));
        Assert.Equal("pickup_folder", sent["data"]!.Str("transport"));
        Assert.Equal("pickup", (await app.Node.Admin.GetJsonAsync("/api/admin/mail")).Str("mode"));
    }
}
