using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Incidents;

/// <summary>GET /api/incidents: filters, search, sort, paging and totals over a known data set.</summary>
public sealed class BoardQueryTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    /// <summary>
    /// Five reports (noticed one hour apart, i1 first) from two reporters, at different stages:
    /// i1 C2 analysis high owner=A · i2 C4 detection (no owner) · i3 C8 triage low owner=B ·
    /// i4 C3 triage critical owner=A · i5 C10 closed medium owner=B. "zebra" appears in i3 and i4.
    /// </summary>
    private sealed record Board(
        ApiClient ResponderA, ApiClient ResponderB, ApiClient Reporter1, ApiClient Reporter2, IncidentRef[] I)
    {
        public IncidentRef I1 => I[0];
        public IncidentRef I2 => I[1];
        public IncidentRef I3 => I[2];
        public IncidentRef I4 => I[3];
        public IncidentRef I5 => I[4];
    }

    private Task<Board> BoardAsync() => app.SharedAsync("board", async () =>
    {
        var a = await app.SignInAsNewAsync("Responder", "Aoi Responder");
        var b = await app.SignInAsNewAsync("Responder", "Botan Responder");
        var r1 = await app.SignInAsNewAsync("Reporter", "Reporter One");
        var r2 = await app.SignInAsNewAsync("Reporter", "Reporter Two");
        var t0 = DateTimeOffset.UtcNow.AddHours(-6);

        var i1 = await r1.FileAsync(Bodies.Report("C2", "Ransom note on the file server", t0.AddHours(1)));
        i1 = await a.RunAsync(await a.DriveToAsync(i1, "triage"), "triage", Bodies.Triage("business", "serious", personalDataInvolved: true, ownerId: a.Id));
        i1 = await a.AdvanceAsync(i1, "analysis");

        var i2 = await r1.FileAsync(Bodies.Report("C4", "Laptop left on the train", t0.AddHours(2)));

        var i3 = await r1.FileAsync(Bodies.Report("C8", "Fax with zebra price list sent to the wrong number", t0.AddHours(3)));
        i3 = await b.RunAsync(await b.DriveToAsync(i3, "triage"), "triage", Bodies.Triage("public", "minor", ownerId: b.Id));

        var i4 = await r2.FileAsync(Bodies.Report("C3", "Phishing mail: Zebra invoice overdue", t0.AddHours(4)));
        i4 = await a.RunAsync(await a.DriveToAsync(i4, "triage"), "triage",
            Bodies.Triage("confidential", "extremely_serious", personalDataInvolved: true, ownerId: a.Id));

        var i5 = await r2.FileAsync(Bodies.Report("C10", "Server room flooded", t0.AddHours(5)));
        i5 = await b.RunAsync(await b.DriveToAsync(i5, "triage"), "triage", Bodies.Triage("business", "minor", ownerId: b.Id));
        i5 = await b.DriveToAsync(i5, "closed");

        return new Board(a, b, r1, r2, [i1, i2, i3, i4, i5]);
    });

    private static async Task<(long Total, Guid[] Ids)> QueryAsync(ApiClient client, string query)
    {
        var json = await client.GetJsonAsync("/api/incidents" + query);
        return (json.Long("total"), json.Items().Select(i => i.Guid("id")).ToArray());
    }

    private static Guid[] Ids(params IncidentRef[] incidents) => incidents.Select(i => i.Id).ToArray();

    [Fact]
    public async Task Without_filters_the_board_lists_everything_most_recently_noticed_first()
    {
        var b = await BoardAsync();
        var (total, ids) = await QueryAsync(b.ResponderA, "");
        Assert.Equal(5, total);
        Assert.Equal(Ids(b.I5, b.I4, b.I3, b.I2, b.I1), ids);
    }

    [Fact]
    public async Task A_summary_row_carries_the_names_stage_severity_and_version()
    {
        var b = await BoardAsync();
        var row = (await b.ResponderB.GetJsonAsync($"/api/incidents?q={b.I1.Reference}")).Items().Single();
        Assert.Equal(b.I1.Reference, row.Str("reference"));
        Assert.Equal("C2", row.Str("category"));
        Assert.Equal("analysis", row.Str("stage"));
        Assert.Equal("high", row.Str("severity"));
        Assert.Equal(b.ResponderA.Id, row.Guid("ownerId"));
        Assert.Equal("Aoi Responder", row.Str("ownerName"));
        Assert.Equal(b.Reporter1.Id, row.Guid("reporterId"));
        Assert.Equal("Reporter One", row.Str("reporterName"));
        Assert.Equal(b.I1.Version, row.Long("version"));
        // The board stores PostgreSQL microseconds, the detail folds .NET ticks: equal to the microsecond.
        Assert.Equal(b.I1.Detail.Time("acknowledgedAt").ToUnixTimeMilliseconds(), row.Time("acknowledgedAt").ToUnixTimeMilliseconds());
        Assert.Equal(b.I1.Detail.Time("updatedAt").ToUnixTimeMilliseconds(), row.Time("updatedAt").ToUnixTimeMilliseconds());

        var fresh = (await b.ResponderB.GetJsonAsync($"/api/incidents?q={b.I2.Reference}")).Items().Single();
        Assert.True(fresh.IsNull("severity"));
        Assert.True(fresh.IsNull("ownerId"));
        Assert.True(fresh.IsNull("ownerName"));
        Assert.True(fresh.IsNull("acknowledgedAt"));
    }

    [Theory]
    [InlineData("?stage=detection", new[] { 2 })]
    [InlineData("?stage=triage", new[] { 4, 3 })]
    [InlineData("?stage=analysis", new[] { 1 })]
    [InlineData("?stage=closed", new[] { 5 })]
    [InlineData("?stage=recovery", new int[0])]
    [InlineData("?severity=critical", new[] { 4 })]
    [InlineData("?severity=high", new[] { 1 })]
    [InlineData("?severity=medium", new[] { 5 })]
    [InlineData("?severity=low", new[] { 3 })]
    [InlineData("?category=C4", new[] { 2 })]
    [InlineData("?category=C10", new[] { 5 })]
    [InlineData("?category=unknown", new int[0])]
    [InlineData("?owner=none", new[] { 2 })]
    [InlineData("?q=zebra", new[] { 4, 3 })]
    [InlineData("?q=ZEBRA", new[] { 4, 3 })]
    [InlineData("?q=%25", new int[0])]
    [InlineData("?q=_", new int[0])]
    [InlineData("?stage=triage&severity=low", new[] { 3 })]
    [InlineData("?category=C3&q=invoice&stage=triage", new[] { 4 })]
    public async Task Filters_narrow_the_board_and_the_total(string query, int[] expected)
    {
        var b = await BoardAsync();
        var (total, ids) = await QueryAsync(b.ResponderA, query);
        Assert.Equal(expected.Select(n => b.I[n - 1].Id), ids);
        Assert.Equal(expected.Length, total);
    }

    [Fact]
    public async Task Owner_me_none_and_an_account_id_filter_by_owner()
    {
        var b = await BoardAsync();
        Assert.Equal(Ids(b.I4, b.I1), (await QueryAsync(b.ResponderA, "?owner=me")).Ids);
        Assert.Equal(Ids(b.I5, b.I3), (await QueryAsync(b.ResponderB, "?owner=me")).Ids);
        Assert.Equal(Ids(b.I5, b.I3), (await QueryAsync(b.ResponderA, $"?owner={b.ResponderB.Id}")).Ids);
        Assert.Equal(Ids(b.I2), (await QueryAsync(b.ResponderB, "?owner=none")).Ids);
        Assert.Equal(Ids(b.I4), (await QueryAsync(b.ResponderA, "?owner=me&stage=triage")).Ids);
    }

    [Fact]
    public async Task Searching_for_a_reference_finds_that_incident()
    {
        var b = await BoardAsync();
        var (total, ids) = await QueryAsync(b.ResponderA, $"?q={b.I2.Reference.ToLowerInvariant()}");
        Assert.Equal(1, total);
        Assert.Equal(Ids(b.I2), ids);
    }

    [Theory]
    [InlineData("noticedAt", new[] { 1, 2, 3, 4, 5 })]
    [InlineData("-noticedAt", new[] { 5, 4, 3, 2, 1 })]
    [InlineData("reportedAt", new[] { 1, 2, 3, 4, 5 })]
    [InlineData("-reportedAt", new[] { 5, 4, 3, 2, 1 })]
    [InlineData("reference", new[] { 1, 2, 3, 4, 5 })]
    [InlineData("-reference", new[] { 5, 4, 3, 2, 1 })]
    [InlineData("-severity", new[] { 4, 1, 5, 3, 2 })]
    [InlineData("severity", new[] { 2, 3, 5, 1, 4 })]
    public async Task Sorting_orders_the_board(string sort, int[] expected)
    {
        var b = await BoardAsync();
        var (_, ids) = await QueryAsync(b.ResponderA, $"?sort={Uri.EscapeDataString(sort)}");
        Assert.Equal(expected.Select(n => b.I[n - 1].Id), ids);
    }

    [Fact]
    public async Task Paging_splits_the_board_without_gaps_or_repeats_and_keeps_the_total()
    {
        var b = await BoardAsync();
        var pages = new List<Guid[]>();
        for (var page = 1; page <= 4; page++)
        {
            var (total, ids) = await QueryAsync(b.ResponderA, $"?sort=noticedAt&pageSize=2&page={page}");
            Assert.Equal(5, total);
            pages.Add(ids);
        }
        Assert.Equal([2, 2, 1, 0], pages.Select(p => p.Length));
        Assert.Equal(Ids(b.I1, b.I2, b.I3, b.I4, b.I5), pages.SelectMany(p => p));
        Assert.Equal(5, (await QueryAsync(b.ResponderA, "?pageSize=200")).Ids.Length);
    }

    [Fact]
    public async Task A_reporter_only_ever_gets_their_own_reports_whatever_the_filters()
    {
        var b = await BoardAsync();
        var (total, ids) = await QueryAsync(b.Reporter1, "");
        Assert.Equal(3, total);
        Assert.Equal(Ids(b.I3, b.I2, b.I1), ids);
        Assert.Equal(Ids(b.I5, b.I4), (await QueryAsync(b.Reporter2, "?sort=-noticedAt")).Ids);
        Assert.Empty((await QueryAsync(b.Reporter1, "?stage=closed")).Ids);
        Assert.Empty((await QueryAsync(b.Reporter1, "?q=invoice")).Ids);
        Assert.Empty((await QueryAsync(b.Reporter1, $"?owner={b.ResponderB.Id}&category=C10")).Ids);
    }

    [Fact]
    public async Task Reporter_me_limits_anyone_to_the_reports_they_filed()
    {
        var b = await BoardAsync();
        Assert.Equal(Ids(b.I5, b.I4), (await QueryAsync(b.Reporter2, "?reporter=me")).Ids);
        Assert.Empty((await QueryAsync(b.ResponderA, "?reporter=me")).Ids);
    }

    [Theory]
    [InlineData("?stage=done", "stage")]
    [InlineData("?stage=Analysis", "stage")]
    [InlineData("?stage=3", "stage")]
    [InlineData("?severity=urgent", "severity")]
    [InlineData("?category=C99", "category")]
    [InlineData("?owner=somebody", "owner")]
    [InlineData("?reporter=you", "reporter")]
    [InlineData("?sort=priority", "sort")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=x", "page")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=201", "pageSize")]
    public async Task A_bad_query_parameter_is_a_400_naming_the_parameter(string query, string field)
    {
        var b = await BoardAsync();
        (await b.ResponderA.GetAsync("/api/incidents" + query)).ExpectFieldError(field);
    }
}
