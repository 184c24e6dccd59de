using System.Text.RegularExpressions;
using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Escalation;

/// <summary>The one-click acknowledge link, taken from the mail the first contact received.</summary>
[Collection(EscalationCollection.Name)]
public sealed partial class AcknowledgeLinkTests(EscalationFixture app) : IClassFixture<EscalationFixture>
{
    [GeneratedRegex(@"/ack/(?<id>[0-9a-f-]{36})\?token=(?<token>[^\s]+)")]
    private static partial Regex AckLink();

    internal static async Task<(IncidentRef Incident, string Token)> ReportAndReadLinkAsync(EscalationFixture app)
    {
        var incident = await app.Node.Admin.FileAsync();
        var mail = (await app.Mail.WaitForAsync(app.FirstContact, TimeSpan.FromSeconds(8),
            m => Mailbox.Subject(m).Contains(incident.Reference))).Single();
        var link = AckLink().Match(Mailbox.Text(mail));
        Assert.True(link.Success, $"no acknowledge link in the mail:\n{Mailbox.Text(mail)}");
        Assert.Equal(incident.Id, Guid.Parse(link.Groups["id"].Value));
        return (incident, Uri.UnescapeDataString(link.Groups["token"].Value));
    }

    [Fact]
    public async Task The_link_in_the_mail_acknowledges_its_incident_once_and_only_that_incident()
    {
        var (incident, token) = await ReportAndReadLinkAsync(app);
        var other = await app.Node.Admin.FileAsync();
        var anonymous = app.Node.Factory.CreateApiClient();
        var path = $"/api/ack/{incident.Id}";

        var view = (await anonymous.GetAsync($"{path}?token={Uri.EscapeDataString(token)}")).Expect(200).Json;
        Assert.Equal(incident.Reference, view.Str("reference"));

        (await anonymous.GetAsync(path)).Expect(400);
        (await anonymous.PostAsync(path, new { token = (string?)null })).Expect(400);
        var tampered = token[..^4] + (token[^4] == 'A' ? 'B' : 'A') + token[^3..];
        (await anonymous.PostAsync(path, new { token = tampered })).Expect(403);
        (await anonymous.PostAsync($"/api/ack/{other.Id}", new { token })).Expect(403);
        (await anonymous.GetAsync($"/api/ack/{other.Id}?token={Uri.EscapeDataString(token)}")).Expect(403);

        var acked = (await anonymous.PostAsync(path, new { token })).Expect(200).Json;
        Assert.False(acked.Bool("alreadyAcknowledged"));
        var reloaded = await app.Node.Admin.ReloadAsync(incident);
        Assert.False(reloaded.Detail.IsNull("acknowledgedAt"), reloaded.Detail.ToJsonString());
        Assert.True((await app.Node.Admin.ReloadAsync(other)).Detail.IsNull("acknowledgedAt"));

        var reused = (await anonymous.PostAsync(path, new { token })).Expect(409);
        Assert.Contains("link_used", reused.Body);
    }
}

[Collection(EscalationCollection.Name)]
public sealed class ExpiredAcknowledgeLinkTests(ShortLivedAckLinksFixture app) : IClassFixture<ShortLivedAckLinksFixture>
{
    [Fact]
    public async Task An_expired_link_is_refused_with_link_expired()
    {
        var (incident, token) = await AcknowledgeLinkTests.ReportAndReadLinkAsync(app);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var refused = (await app.Node.Factory.CreateApiClient().PostAsync($"/api/ack/{incident.Id}", new { token })).Expect(409);
        Assert.Contains("link_expired", refused.Body);
        Assert.True((await app.Node.Admin.ReloadAsync(incident)).Detail.IsNull("acknowledgedAt"));
    }
}
