using System.Diagnostics;
using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Escalation;

[Collection(EscalationCollection.Name)]
public sealed class SmtpOutageTests(SmtpDownFixture app) : IClassFixture<SmtpDownFixture>
{
    [Fact]
    public async Task A_message_stays_pending_while_SMTP_is_down_and_is_delivered_exactly_once_when_it_comes_up()
    {
        var incident = await app.Node.Admin.FileAsync();
        var pending = await EscalationNode.EventuallyAsync(
            async () => (await app.Node.Admin.GetJsonAsync("/api/admin/deliveries?status=pending")).Items()
                .FirstOrDefault(d => d.Str("incidentId") == incident.Id.ToString() && d.Long("attempts") > 0 && d.StrOrNull("lastError") is not null),
            d => d is not null, TimeSpan.FromSeconds(10), "a pending delivery with an error") ?? throw new InvalidOperationException();
        var notificationId = pending.Str("notificationId");
        Assert.Equal(app.FirstContact, pending.Str("address"));

        var webPort = EscalationNode.ClosedPort();
        using var sink = StartMaildev(app.SmtpPort, webPort);
        try
        {
            using var mailbox = new Mailbox($"http://127.0.0.1:{webPort}");
            await EscalationNode.EventuallyAsync(async () =>
            {
                try { return (await mailbox.ToAsync(app.FirstContact)).Count; }
                catch (HttpRequestException) { return 0; }
            }, n => n > 0, TimeSpan.FromSeconds(25), "the mail to reach the second sink");

            var view = await EscalationNode.EventuallyAsync(() => app.Node.EscalationAsync(incident.Id),
                v => v.Items("deliveries").Any(d => d.Str("notificationId") == notificationId && d.Str("status") == "sent"),
                TimeSpan.FromSeconds(10), "the delivery to be recorded as sent");
            await Task.Delay(TimeSpan.FromSeconds(1.5));

            var mails = (await mailbox.ToAsync(app.FirstContact)).Where(m => Mailbox.NotificationId(m) == notificationId).ToList();
            Assert.Single(mails);
            Assert.DoesNotContain((await app.Node.Admin.GetJsonAsync("/api/admin/deliveries?status=pending")).Items(),
                d => d.Str("notificationId") == notificationId);
            Assert.Single((await app.Node.Admin.GetJsonAsync("/api/incidents/" + incident.Id + "/timeline")).Items(),
                e => e.Str("type") == "notification_sent" && e["data"]!.Str("notificationId") == notificationId);
            _ = view;
        }
        finally
        {
            Stop(sink);
        }
    }

    private static Process StartMaildev(int smtpPort, int webPort)
    {
        var bin = Mailbox.Required(Mailbox.BinVariable);
        var info = new ProcessStartInfo(bin)
        {
            ArgumentList = { "--smtp", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--web", webPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1" },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {bin}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
