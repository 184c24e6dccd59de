using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Escalation;

[Collection(EscalationCollection.Name)]
public sealed class EscalatingUnacknowledgedReportsTests(EscalationFixture app) : IClassFixture<EscalationFixture>
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_new_report_reaches_the_first_contact_and_unacknowledged_it_escalates_to_the_second_after_the_deadline()
    {
        var incident = await app.Node.Admin.FileAsync();
        var filedAt = DateTime.UtcNow;
        bool AboutIt(System.Text.Json.Nodes.JsonNode m) => Mailbox.Subject(m).Contains(incident.Reference);

        var first = (await app.Mail.WaitForAsync(app.FirstContact, TimeSpan.FromSeconds(8), AboutIt)).Single();
        Assert.Contains("/ack/" + incident.Id, Mailbox.Text(first));

        var escalation = (await app.Mail.WaitForAsync(app.SecondContact, MailWait, AboutIt)).Single();
        Assert.True(DateTime.UtcNow - filedAt >= TimeSpan.FromSeconds(app.AckSeconds - 0.5),
            "the escalation mail arrived before the acknowledge deadline");
        Assert.NotNull(Mailbox.NotificationId(escalation));

        var view = await EscalationNode.EventuallyAsync(() => app.Node.EscalationAsync(incident.Id),
            v => new[] { app.FirstContact, app.SecondContact }.All(a =>
                v.Items("deliveries").Any(d => d.Str("address") == a && d.Str("status") == "sent")),
            TimeSpan.FromSeconds(10), "both deliveries to be recorded as sent");
        Assert.True(view.Long("level") >= 1, view.ToJsonString());

        var types = await app.Node.TimelineTypesAsync(incident.Id);
        Assert.Contains("incident_escalated", types);
        Assert.Contains("notification_sent", types);
    }

    [Fact]
    public async Task Acknowledging_before_the_deadline_sends_no_escalation_mail()
    {
        var incident = await app.Node.Admin.FileAsync();
        await app.Node.Admin.RunAsync(incident, "acknowledge", new { });
        bool AboutIt(System.Text.Json.Nodes.JsonNode m) => Mailbox.Subject(m).Contains(incident.Reference);

        await app.Mail.WaitForAsync(app.FirstContact, TimeSpan.FromSeconds(8), AboutIt);
        await Task.Delay(TimeSpan.FromSeconds(app.AckSeconds + 2));

        Assert.DoesNotContain(await app.Mail.ToAsync(app.SecondContact), AboutIt);
        Assert.DoesNotContain("incident_escalated", await app.Node.TimelineTypesAsync(incident.Id));
    }
}
