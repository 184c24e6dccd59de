using IncidentDesk.IntegrationTests.Infrastructure;
using IncidentDesk.IntegrationTests.Playbooks;

namespace IncidentDesk.IntegrationTests.Decisions;

/// <summary>`--demo` gives the demo executive a populated desk: a business stoppage decided, the ransom pending.</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoDecisionsTests(DemoInstance demo)
{
    [Fact]
    public async Task The_demo_ransomware_report_has_a_decided_business_stoppage_and_a_pending_ransom_decision_for_the_demo_executive()
    {
        var admin = demo.Admin;

        var ransom = (await admin.GetJsonAsync("/api/incidents?category=C2")).Items().Single();
        var log = (await admin.GetJsonAsync($"/api/decisions?incident={ransom.Str("id")}")).Items();
        Assert.Equal([("ransom_payment", "requested"), ("business_stoppage", "decided")], log.Select(d => (d.Str("kind"), d.Str("status"))));
        Assert.Equal("鈴木 一郎 (取締役)", log[1].Str("decidedByName"));
        Assert.Equal("影響を受けたシステムと業務だけを止める", log[1].Str("optionLabel"));
        var incident = IncidentRef.From((await admin.GetAsync($"/api/incidents/{ransom.Str("id")}")).Expect(200));
        Assert.Equal("completed", incident.Step("decide-business-stoppage").Str("status"));
        Assert.Equal("open", incident.Step("decide-ransom").Str("status"));
    }
}
