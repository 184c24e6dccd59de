using System.Security.Cryptography;
using System.Text;
using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Playbooks;

/// <summary>Filing pins the category's playbook (id, version, content hash); the library serves every version.</summary>
public sealed class PinningTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private Task<ApiClient> ResponderAsync() => app.SharedAsync("responder", () => app.SignInAsNewAsync("Responder"));

    /// <summary>The repository's playbooks folder (the one the app loads: nearest `playbooks` above the build output).</summary>
    private static string PlaybooksFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "playbooks");
            if (Directory.Exists(candidate) && Directory.GetFiles(candidate, "*.yaml").Length > 0) return candidate;
        }
        throw new InvalidOperationException("no playbooks folder above " + AppContext.BaseDirectory);
    }

    private static string HashOf(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ReplaceLineEndings("\n"))));

    [Fact]
    public async Task Filing_pins_the_categorys_playbook_in_the_checklist_and_in_the_reported_event()
    {
        var reporter = await app.SignInAsNewAsync("Reporter");
        var responder = await ResponderAsync();
        var incident = await reporter.FileAsync(Bodies.Report("C2"));
        var content = await File.ReadAllTextAsync(Path.Combine(PlaybooksFolder(), "c2-ransomware.yaml"));

        var pinned = incident.Detail["checklist"]!["playbook"]!;
        Assert.Equal("ransomware", pinned.Str("id"));
        Assert.Equal(2, pinned.Long("version")); // v2: "report at once" is done by filing
        Assert.Equal("C2", pinned.Str("category"));
        Assert.Equal(HashOf(content), pinned.Str("contentHash"));
        Assert.Empty(incident.Detail["checklist"]!.Items("earlierPlaybooks"));
        Assert.All(incident.Steps(), s => Assert.Equal("ransomware", s.Str("playbookId")));

        var reported = Assert.Single(await reporter.TimelineAsync(incident, "incident_reported"))["data"]!["playbook"]!;
        Assert.Equal("ransomware", reported.Str("id"));
        Assert.Equal(2, reported.Long("version"));
        Assert.Equal(pinned.Str("contentHash"), reported.Str("contentHash"));

        // The pinned content itself is kept, so a later edit of the file cannot change this incident's steps.
        var stored = await app.Database.TextRowsAsync(
            $"select content from playbook_versions where playbook_id = 'ransomware' and content_hash = '{pinned.Str("contentHash")}'");
        Assert.Equal(content.ReplaceLineEndings("\n"), Assert.Single(stored).ReplaceLineEndings("\n"));

        var library = await responder.GetJsonAsync("/api/playbooks/ransomware");
        Assert.Equal(library.Items("steps").Select(s => s.Str("id")), incident.Steps().Select(s => s.Str("stepId")));
    }

    [Fact]
    public async Task The_library_lists_the_ten_current_playbooks_one_per_category()
    {
        var list = (await (await ResponderAsync()).GetJsonAsync("/api/playbooks")).Items();
        Assert.Equal(10, list.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"C{n}").Order(StringComparer.Ordinal),
            list.Select(p => p.Str("category")).Order(StringComparer.Ordinal));
        Assert.Equal(10, list.Select(p => p.Str("id")).Distinct().Count());
        var ransomware = list.Single(p => p.Str("id") == "ransomware");
        Assert.Equal(18, ransomware.Long("stepCount"));
        Assert.Equal(15, ransomware.Long("requiredCount"));
        Assert.All(list, p => Assert.Matches("^[0-9a-f]{64}$", p.Str("contentHash")));
    }

    [Fact]
    public async Task A_playbook_comes_with_its_steps_and_its_version_history()
    {
        var responder = await ResponderAsync();
        var detail = await responder.GetJsonAsync("/api/playbooks/ransomware");
        Assert.Equal("C2", detail.Str("category"));
        Assert.Equal("c2-ransomware.yaml", detail.Str("fileName"));
        Assert.True(detail.Bool("current"));
        var steps = detail.Items("steps");
        Assert.Equal(18, steps.Count);
        Assert.Equal(["disconnect-from-network", "report-immediately"], steps.Take(2).Select(s => s.Str("id")));
        var decision = steps.Single(s => s.Str("id") == "decide-business-stoppage");
        Assert.Equal("decision", decision.Str("kind"));
        Assert.Equal("triage", decision.Str("stage"));
        Assert.False(string.IsNullOrEmpty(decision["title"]!.Str("ja")));
        Assert.False(string.IsNullOrEmpty(decision["title"]!.Str("en")));
        Assert.Equal("000_d9135f91c3be05b2.txt", decision["source"]!.Str("file"));
        Assert.True(steps.Single(s => s.Str("id") == "close-website-or-move-data")["condition"]!.Bool("dataMayBeLeaking"));

        var history = Assert.Single(detail.Items("history"));
        Assert.Equal(detail.Str("contentHash"), history.Str("contentHash"));
        Assert.Equal(2, history.Long("version"));
        Assert.NotNull(history.StrOrNull("firstLoadedAt"));

        var byVersion = await responder.GetJsonAsync($"/api/playbooks/ransomware?version={detail.Str("contentHash")}");
        Assert.Equal(detail.Str("contentHash"), byVersion.Str("contentHash"));
        Assert.Equal(18, byVersion.Items("steps").Count);
    }

    [Theory]
    [InlineData("ransomware", new[] { "share-with-security-organisations", "engage-specialists", "restore-drill" })]
    [InlineData("malware", new[] { "report-usb-anomaly", "share-with-security-organisations", "engage-specialists", "restore-data-from-backup", "app-install-approval" })]
    public async Task Basic_only_returns_the_obligations_and_the_required_steps(string id, string[] notBasic)
    {
        var responder = await ResponderAsync();
        var all = (await responder.GetJsonAsync($"/api/playbooks/{id}")).Items("steps");
        var basic = (await responder.GetJsonAsync($"/api/playbooks/{id}?basicOnly=true")).Items("steps");

        Assert.Equal(all.Where(s => s.Bool("required") || s.Bool("obligation")).Select(s => s.Str("id")), basic.Select(s => s.Str("id")));
        Assert.All(basic, s => Assert.True(s.Bool("basic")));
        Assert.Equal(notBasic.Order(StringComparer.Ordinal),
            all.Where(s => !s.Bool("basic")).Select(s => s.Str("id")).Order(StringComparer.Ordinal));
        if (id == "malware")
        {
            // SHALL but not required: an obligation, so a basic step all the same.
            var scan = Assert.Single(basic, s => s.Str("id") == "full-scan-twice-monthly");
            Assert.False(scan.Bool("required"));
            Assert.True(scan.Bool("obligation"));
        }
    }

    [Theory]
    [InlineData("/api/playbooks/no-such-playbook")]
    [InlineData("/api/playbooks/ransomware?version=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("/api/playbooks/ransomware?version=not-a-hash")]
    public async Task An_unknown_playbook_or_version_is_404(string path) =>
        (await (await ResponderAsync()).GetAsync(path)).Expect(404);
}
