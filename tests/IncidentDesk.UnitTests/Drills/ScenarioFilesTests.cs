using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.Scenarios;
using IncidentDesk.Api.Playbooks;
using IncidentDesk.UnitTests.Playbooks;

namespace IncidentDesk.UnitTests.Drills;

/// <summary>
/// The scenario files shipped in playbooks/drills load exactly as the app loads them at startup (checked against the
/// repository's playbooks and seed catalog), and each says what the drills built on them rely on.
/// </summary>
public sealed class ScenarioFilesTests
{
    private static readonly Lazy<ScenarioReferences> References = new(() =>
    {
        var (playbooks, sources) = PlaybookLibrary.LoadFolderWithSources(TestPlaybooks.RepoPlaybooksFolder);
        return new ScenarioReferences(sources, playbooks);
    });

    public static string RepoScenariosFolder => Path.Combine(TestPlaybooks.RepoPlaybooksFolder, ScenarioLibrary.FolderName);

    private static IReadOnlyList<DrillScenario> Shipped() => ScenarioLibrary.LoadFolder(RepoScenariosFolder, References.Value);

    private static DrillScenario Scenario(string id) => Assert.Single(Shipped(), s => s.Id == id);

    [Fact]
    public void Every_shipped_scenario_file_loads_and_each_has_its_own_id()
    {
        var scenarios = Shipped();

        var files = Directory.GetFiles(RepoScenariosFolder, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, scenarios.Select(s => s.FileName));
        Assert.Equal(scenarios.Count, scenarios.Select(s => s.Id).Distinct().Count());
        Assert.All(scenarios, s =>
        {
            Assert.Equal(s.Id, Path.GetFileNameWithoutExtension(s.FileName));
            Assert.InRange(s.Objectives.Count, 1, 3);
            Assert.NotEmpty(s.Injects);
            Assert.NotEmpty(s.DiscussionQuestions);
            Assert.Equal(ScenarioParser.Hash(File.ReadAllText(Path.Combine(RepoScenariosFolder, s.FileName))), s.ContentHash);
        });
    }

    [Fact]
    public void Every_citation_of_every_scenario_reads_as_a_seed_title_and_section()
    {
        var sources = References.Value.Sources;
        var citations = Shipped().SelectMany(s => s.Sources
            .Concat(s.Injects.Select(i => i.Source)).Concat(s.ExpectedActions.Select(x => x.Action.Source)).Append(s.Reveal.Source)
            .Select(c => (s.FileName, c))).ToList();

        Assert.All(citations, x =>
        {
            var view = sources.View(x.c);
            Assert.False(string.IsNullOrWhiteSpace(view.Title?.Ja), $"{x.FileName}: {x.c.File}:{x.c.Lines} has no title");
            Assert.True(view.Section is not null, $"{x.FileName}: {x.c.File}:{x.c.Lines} falls in no section of sources.yaml");
        });
    }

    [Fact]
    public void The_ransomware_scenario_is_a_full_tabletop_whose_signals_the_drill_incident_can_give()
    {
        var s1 = Scenario("s1-ransomware-telework");

        Assert.Equal((Category.C2, DrillFormat.Tabletop, false), (s1.Category, s1.Format, s1.EmailDown));
        Assert.True(s1.Injects.Count() >= 12, $"{s1.Injects.Count()} injects");
        Assert.True(s1.Modules.Count >= 3);
        var signals = s1.ExpectedActions.Select(x => x.Action.Signal).OfType<ExpectedSignal>().ToList();
        Assert.Contains(new ExpectedSignal(SignalKind.IncidentAcknowledged, null), signals);
        Assert.Contains(new ExpectedSignal(SignalKind.SeverityRated, null), signals);
        Assert.Contains(new ExpectedSignal(SignalKind.ContactAcknowledged, null), signals);
        Assert.Contains(new ExpectedSignal(SignalKind.StageReached, "recovery"), signals);
        // The argument is the decision kind's JSON name, as a decision request's events carry it.
        Assert.Contains(new ExpectedSignal(SignalKind.DecisionRequested, EnumNames.Name(IncidentDesk.Api.Decisions.DecisionKind.RansomPayment)), signals);
        Assert.Contains(s1.ExpectedActions, x => x.Action.Signal is null);

        var outside = s1.Injects.Where(i => i.Outside.Count > 0).ToList();
        Assert.All(outside, i => Assert.Equal(InjectChannel.Mail, i.Channel));
        var parties = outside.SelectMany(i => i.Outside).ToList();
        Assert.Contains(parties, p => p is { Email: "desk@press.example.jp", Kind: "press" });
        Assert.Contains(parties, p => p is { Email: "purchasing@customer.example.com", Kind: "customer" });
    }

    [Fact]
    public void The_internet_paralysed_chain_drill_assumes_email_is_down_and_gives_the_phone_script()
    {
        var chain = Scenario("chain-internet-paralysed");

        Assert.Equal((DrillFormat.ContactChain, true), (chain.Format, chain.EmailDown));
        Assert.DoesNotContain(chain.Injects, i => i.Channel == InjectChannel.Mail);
        Assert.Contains(chain.ExpectedActions, x => x.Action.Signal?.Kind == SignalKind.ContactAcknowledged);
        var script = Assert.Single(chain.Injects, i => i.FacilitatorNotes?.Ja.Contains("電話の台本", StringComparison.Ordinal) == true);
        Assert.Contains("これは訓練です", script.FacilitatorNotes!.Ja, StringComparison.Ordinal);
        Assert.Contains("This is a drill", script.FacilitatorNotes.En, StringComparison.Ordinal);
    }

    [Fact]
    public void The_KYT_scenarios_show_the_situation_before_the_accident()
    {
        var kyt = Shipped().Where(s => s.Format == DrillFormat.Kyt).ToList();

        Assert.NotEmpty(kyt);
        Assert.All(kyt, s =>
        {
            Assert.Equal(s.Situation, s.Injects.First().Content);
            var accidentAt = s.Injects.ToList().FindIndex(i => i.Content == s.Reveal.Accident);
            Assert.True(accidentAt > 0, $"{s.Id}: the accident is shown after the situation");
            Assert.All(s.Injects, i => Assert.NotEqual(InjectChannel.Mail, i.Channel));
            Assert.Contains(s.Sources, c => c.File == "002_a25c085211cc7775.txt");
        });
    }

    [Fact]
    public void A_time_scale_fits_every_scenario_into_its_planned_duration()
    {
        Assert.All(Shipped(), s =>
            Assert.True(s.Injects.Last().OffsetMinutes <= s.DurationMinutes * s.SuggestedTimeScale,
                $"{s.Id}: last inject at {s.Injects.Last().OffsetMinutes} scenario minutes"));
    }
}
