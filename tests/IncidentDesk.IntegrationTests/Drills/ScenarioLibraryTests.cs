using IncidentDesk.Api.Drills.Scenarios;
using IncidentDesk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentDesk.IntegrationTests.Drills;

/// <summary>
/// The drill scenario library on a real database: loaded at startup from playbooks/drills, each distinct content
/// recorded once in drill_scenario_versions (what a run pins), served to facilitators and executives, not to staff.
/// </summary>
public sealed class ScenarioLibraryTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private static string ScenariosFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "playbooks", ScenarioLibrary.FolderName);
            if (Directory.Exists(candidate) && Directory.GetFiles(candidate, "*.yaml").Length > 0) return candidate;
        }
        throw new InvalidOperationException("no playbooks/drills folder above " + AppContext.BaseDirectory);
    }

    private static int ShippedCount => Directory.GetFiles(ScenariosFolder(), "*.yaml").Length;

    [Theory]
    [InlineData("Responder")]
    [InlineData("Admin")]
    [InlineData("Executive")]
    public async Task Facilitators_and_executives_get_the_list_and_the_whole_scenario(string role)
    {
        var caller = role == "Admin" ? app.Admin : await app.SignInAsNewAsync(role);

        var list = (await caller.GetJsonAsync("/api/drills/scenarios")).Items();
        Assert.Equal(ShippedCount, list.Count);
        var s1 = list.Single(s => s.Str("id") == "s1-ransomware-telework");
        Assert.Equal(("C2", "tabletop", 90L, 12L), (s1.Str("category"), s1.Str("format"), s1.Long("durationMinutes"), s1.Long("suggestedTimeScale")));
        Assert.Equal("テレワーク端末から社内サーバへ広がったランサムウェア", s1["title"]!.Str("ja"));
        Assert.Equal(3, s1.Long("objectiveCount"));
        Assert.True(s1.Long("injectCount") >= 12);
        Assert.Matches("^[0-9a-f]{64}$", s1.Str("contentHash"));
        Assert.Contains(list, s => s.Str("format") == "kyt");
        Assert.Contains(list, s => s.Str("format") == "contact-chain" && s.Bool("emailDown"));

        var detail = await caller.GetJsonAsync("/api/drills/scenarios/s1-ransomware-telework");
        Assert.Equal(s1.Str("contentHash"), detail.Str("contentHash"));
        Assert.Equal("s1-ransomware-telework.yaml", detail.Str("fileName"));
        var injects = detail.Items("modules").SelectMany(m => m.Items("injects")).ToList();
        Assert.Equal(s1.Long("injectCount"), injects.Count);
        Assert.Equal(injects.Select(i => i.Long("offsetMinutes")).Order(), injects.Select(i => i.Long("offsetMinutes")));
        var signals = injects.SelectMany(i => i.Items("expected")).Where(a => a["signal"] is not null).Select(a => a["signal"]!).ToList();
        Assert.Contains(signals, s => s.Str("kind") == "decision-requested" && s.Str("argument") == "ransom_payment");
        Assert.Contains(signals, s => s.Str("kind") == "stage-reached" && s.Str("argument") == "recovery");
        var press = injects.Single(i => i.Items("outside").Any(o => o.Str("email") == "desk@press.example.jp"));
        Assert.Equal("mail", press.Str("channel"));
        // Citations read as the seed's title and section, as a playbook step's do.
        Assert.False(string.IsNullOrEmpty(injects[0]["source"]!["title"]!.Str("ja")));
        Assert.NotNull(injects[0]["source"]!["section"]);
        Assert.NotEmpty(detail["reveal"]!.Items("rootCauses"));
    }

    [Fact]
    public async Task Staff_and_anonymous_callers_see_no_scenario()
    {
        var reporter = await app.SignInAsNewAsync("Reporter");

        (await reporter.GetAsync("/api/drills/scenarios")).Expect(403);
        (await reporter.GetAsync("/api/drills/scenarios/kyt-01")).Expect(403);
        (await app.Anonymous().GetAsync("/api/drills/scenarios")).Expect(401);
        (await app.Anonymous().GetAsync("/api/drills/scenarios/kyt-01")).Expect(401);
    }

    [Fact]
    public async Task An_unknown_scenario_is_404_and_an_id_that_cannot_be_one_is_a_400_naming_the_field()
    {
        var responder = await app.SignInAsNewAsync("Responder");

        (await responder.GetAsync("/api/drills/scenarios/no-such-scenario")).Expect(404);
        (await responder.GetAsync("/api/drills/scenarios/kyt-01%09x")).Expect(400).ExpectFieldError("id");
        (await responder.GetAsync("/api/drills/scenarios/kyt%0A01")).Expect(400).ExpectFieldError("id");
        (await responder.GetAsync("/api/drills/scenarios/" + new string('a', DrillScenarioEndpoints.MaxIdLength + 1))).Expect(400).ExpectFieldError("id");
        (await responder.GetAsync("/api/drills/scenarios/kyt-01")).Expect(200);
    }

    [Fact]
    public async Task Each_distinct_content_is_recorded_once_across_startups_and_a_pinned_version_reads_back()
    {
        var rows = await app.Database.TextRowsAsync("select scenario_id || ' ' || content_hash || ' ' || first_loaded_at from drill_scenario_versions order by 1");
        Assert.Equal(ShippedCount, rows.Count);
        var s1 = app.Factory.Services.GetRequiredService<ScenarioLibrary>().Find("s1-ransomware-telework")!;
        var stored = await app.Database.TextRowsAsync(
            $"select content from drill_scenario_versions where scenario_id = 's1-ransomware-telework' and content_hash = '{s1.ContentHash}'");
        Assert.Equal(File.ReadAllText(Path.Combine(ScenariosFolder(), "s1-ransomware-telework.yaml")), Assert.Single(stored));

        // A second start on the same files records nothing new.
        await using (var again = new IncidentDeskFactory(app.Database.ConnectionString))
        {
            (await again.CreateApiClient().GetAsync("/health/ready")).Expect(200);
            Assert.Equal(ShippedCount, again.Services.GetRequiredService<ScenarioLibrary>().All.Count);
        }
        Assert.Equal(rows, await app.Database.TextRowsAsync("select scenario_id || ' ' || content_hash || ' ' || first_loaded_at from drill_scenario_versions order by 1"));

        // A start on an edited file records the new content beside the old; the old one stays readable for the runs that pinned it.
        var edited = Directory.CreateTempSubdirectory("incidentdesk-drills-edited-");
        try
        {
            var yaml = File.ReadAllText(Path.Combine(ScenariosFolder(), "s1-ransomware-telework.yaml"))
                .Replace("version: 1\n", "version: 2\n", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(edited.FullName, "s1-ransomware-telework.yaml"), yaml);
            await using var third = new IncidentDeskFactory(app.Database.ConnectionString,
                new Dictionary<string, string?> { ["IncidentDesk:DrillScenariosPath"] = edited.FullName });
            var library = third.Services.GetRequiredService<ScenarioLibrary>();

            var current = Assert.Single(library.All);
            Assert.Equal(2, current.Version);
            Assert.Equal(2, await app.Database.ScalarAsync("select count(*) from drill_scenario_versions where scenario_id = 's1-ransomware-telework'"));
            Assert.Equal(ShippedCount + 1, await app.Database.ScalarAsync("select count(*) from drill_scenario_versions"));

            var pinned = await library.PinnedAsync("s1-ransomware-telework", s1.ContentHash, CancellationToken.None);
            Assert.Equal((1, s1.ContentHash, s1.Injects.Count()), (pinned!.Version, pinned.ContentHash, pinned.Injects.Count()));
            Assert.Null(await library.PinnedAsync("s1-ransomware-telework", new string('0', 64), CancellationToken.None));
            Assert.Null(await library.PinnedAsync("no-such-scenario", s1.ContentHash, CancellationToken.None));
        }
        finally
        {
            edited.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_broken_scenario_file_stops_the_app_naming_file_line_and_column()
    {
        var broken = Directory.CreateTempSubdirectory("incidentdesk-drills-broken-");
        try
        {
            var yaml = File.ReadAllText(Path.Combine(ScenariosFolder(), "kyt-01.yaml")).Replace("format: kyt\n", "format: quiz\n", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(broken.FullName, "kyt-01.yaml"), yaml);
            var line = yaml[..yaml.IndexOf("format: quiz", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
            await using var factory = new IncidentDeskFactory(app.Database.ConnectionString,
                new Dictionary<string, string?> { ["IncidentDesk:DrillScenariosPath"] = broken.FullName });

            var e = Assert.Throws<InvalidDrillScenarios>(() => factory.Services);

            var problem = Assert.Single(e.Problems);
            Assert.Equal(("kyt-01.yaml", (long)line, 9L), (problem.File, problem.Line, problem.Column));
            Assert.Contains($"kyt-01.yaml:{line}:9: unknown format 'quiz'", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            broken.Delete(recursive: true);
        }
    }
}
