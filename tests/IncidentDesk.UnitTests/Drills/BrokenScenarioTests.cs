using IncidentDesk.Api.Drills.Scenarios;
using IncidentDesk.Api.Playbooks;
using IncidentDesk.UnitTests.Playbooks;

namespace IncidentDesk.UnitTests.Drills;

/// <summary>
/// Each scenario here is broken one way, in a temporary folder loaded as the app loads playbooks/drills at startup.
/// The app refuses to start on any of them, so the problem names the file, the line of the offending node and what
/// is wrong.
/// </summary>
public sealed class BrokenScenarioTests : IDisposable
{
    private const string File = "test-drill.yaml";
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("incidentdesk-drills-");

    private static readonly Lazy<ScenarioReferences> References = new(() =>
    {
        var (playbooks, sources) = PlaybookLibrary.LoadFolderWithSources(TestPlaybooks.RepoPlaybooksFolder);
        return new ScenarioReferences(sources, playbooks);
    });

    public void Dispose() => folder.Delete(recursive: true);

    /// <summary>A valid tabletop scenario: two modules, three injects, automatic and facilitator-judged actions.</summary>
    public static string Minimal() => """
        id: test-drill
        version: 1
        title: { ja: 訓練のテスト, en: A test drill }
        summary: { ja: テスト用の訓練です。, en: A drill for the tests. }
        category: C2
        format: tabletop
        durationMinutes: 60
        suggestedTimeScale: 2
        rolesNeeded:
          - { ja: 進行役, en: Facilitator }
        objectives:
          - id: first-response
            text: { ja: 初動を確かめる, en: Check the first response }
        situation: { ja: 月曜の朝です。, en: It is Monday morning. }
        modules:
          - id: detection
            title: { ja: 検知, en: Detection }
            injects:
              - id: call
                offsetMinutes: 0
                channel: role-play
                audience: responders
                title: { ja: 電話, en: A call }
                content: { ja: ファイルが開けません, en: My files will not open }
                facilitatorNotes: { ja: 慌てた様子で, en: Sound flustered }
                expected:
                  - id: acknowledge
                    text: { ja: 受領する, en: Acknowledge }
                    kind: acknowledge
                    who: responders
                    weight: 10
                    timeLimitMinutes: 15
                    signal: { kind: incident-acknowledged }
                    source: { file: 003_8c09d1b49d27eae0.txt, lines: 718-720 }
                source: { file: 003_8c09d1b49d27eae0.txt, lines: 691-697, derived: true }
          - id: outside
            title: { ja: 社外, en: Outside }
            injects:
              - id: press
                offsetMinutes: 30
                channel: mail
                audience: executives
                title: { ja: 取材, en: The press }
                content: { ja: コメントをください, en: Please comment }
                outside:
                  - { name: 新聞社, email: desk@press.example.jp, kind: press }
                expected:
                  - id: ransom
                    text: { ja: 判断を依頼する, en: Ask for the decision }
                    kind: decision
                    who: responders
                    weight: 15
                    signal: { kind: decision-requested, argument: ransom_payment }
                    source: { file: 000_d9135f91c3be05b2.txt, lines: 1422-1430 }
                source: { file: 000_d9135f91c3be05b2.txt, lines: 1364-1366 }
              - id: restore
                offsetMinutes: 60
                channel: screen
                audience: all
                title: { ja: 復旧, en: Restore }
                content: { ja: 戻せます, en: It can be restored }
                expected:
                  - id: recovery
                    text: { ja: 復旧に進む, en: Move to recovery }
                    kind: action
                    who: responders
                    weight: 10
                    signal: { kind: stage-reached, argument: recovery }
                    source: { file: 000_d9135f91c3be05b2.txt, lines: 1382-1386 }
                  - id: backups
                    text: { ja: バックアップを守る, en: Protect the backups }
                    kind: action
                    who: responders
                    weight: 10
                    signal: { kind: step-completed, argument: protect-backups }
                    source: { file: 003_8c09d1b49d27eae0.txt, lines: 699-705 }
                source: { file: 000_d9135f91c3be05b2.txt, lines: 1382-1386 }
        reveal:
          accident: { ja: 暗号化されました, en: It was encrypted }
          rootCauses:
            - { ja: 更新していなかった, en: Not updated }
          source: { file: 003_8c09d1b49d27eae0.txt, lines: 691-705 }
        discussionQuestions:
          - { ja: だれが止めますか, en: Who stops it? }
        sources:
          - { file: 003_8c09d1b49d27eae0.txt, lines: 684-705 }

        """;

    [Fact]
    public void The_valid_scenario_these_tests_break_loads_as_it_is()
    {
        Write(Minimal());

        var s = Assert.Single(ScenarioLibrary.LoadFolder(folder.FullName, References.Value));

        Assert.Equal(("test-drill", 1, 3, 4), (s.Id, s.Version, s.Injects.Count(), s.ExpectedActions.Count()));
        Assert.Equal(new ExpectedSignal(SignalKind.DecisionRequested, "ransom_payment"), s.ExpectedActions.ElementAt(1).Action.Signal);
        Assert.Equal("desk@press.example.jp", s.Injects.ElementAt(1).Outside.Single().Email);
        Assert.Equal(new SourceRef("003_8c09d1b49d27eae0.txt", 691, 697, true), s.Injects.First().Source);
        Assert.Null(s.Reveal.RegulatoryAnswer);
    }

    [Fact]
    public void Invalid_YAML_is_refused_at_the_broken_line() =>
        RefusedAt(Minimal().Replace("category: C2", "category: C2: C4"), "category: C2: C4", "not valid YAML");

    [Fact]
    public void An_unknown_key_is_refused_at_the_key() =>
        RefusedAt(Minimal().Replace("        offsetMinutes: 30\n", "        offsetMinutes: 30\n        delay: 5\n"), "delay: 5",
            "unknown key 'delay' in inject");

    [Fact]
    public void A_missing_field_is_refused_at_its_owner() =>
        RefusedAt(Minimal().Replace("        channel: screen\n", ""), "- id: restore", "missing 'channel'");

    [Fact]
    public void An_unknown_format_is_refused_with_the_allowed_ones() =>
        RefusedAt(Minimal().Replace("format: tabletop", "format: workshop"), "format: workshop", "unknown format 'workshop'", "kyt", "contact-chain", "tabletop");

    [Fact]
    public void An_unknown_channel_is_refused() =>
        RefusedAt(Minimal().Replace("channel: screen", "channel: fax"), "channel: fax", "unknown channel 'fax'", "role-play");

    [Fact]
    public void An_unknown_signal_kind_is_refused() =>
        RefusedAt(Minimal().Replace("kind: incident-acknowledged", "kind: incident-seen"), "kind: incident-seen", "unknown kind 'incident-seen'", "contact-acknowledged");

    [Fact]
    public void A_decision_signal_must_name_a_decision_kind_by_its_JSON_name() =>
        RefusedAt(Minimal().Replace("argument: ransom_payment", "argument: ransom-payment"), "argument: ransom-payment",
            "unknown decision kind 'ransom-payment'", "ransom_payment");

    [Fact]
    public void A_stage_signal_must_name_a_stage_the_incident_can_reach() =>
        RefusedAt(Minimal().Replace("argument: recovery", "argument: detection"), "argument: detection", "unknown stage 'detection'", "recovery");

    [Fact]
    public void A_step_signal_must_name_a_step_of_the_categorys_playbook() =>
        RefusedAt(Minimal().Replace("argument: protect-backups", "argument: pay-the-ransom"), "argument: pay-the-ransom",
            "has no step 'pay-the-ransom'");

    [Fact]
    public void A_signal_that_takes_no_argument_refuses_one() =>
        RefusedAt(Minimal().Replace("{ kind: incident-acknowledged }", "{ kind: incident-acknowledged, argument: now }"), "argument: now",
            "incident-acknowledged takes no argument");

    [Fact]
    public void A_duplicate_inject_id_is_refused_at_the_second() =>
        RefusedAt(Minimal().Replace("- id: restore", "- id: press"), "- id: press", "duplicate inject id 'press'", last: true);

    [Fact]
    public void A_duplicate_expected_action_id_is_refused_even_across_injects() =>
        RefusedAt(Minimal().Replace("- id: backups", "- id: acknowledge"), "- id: acknowledge", "duplicate expected action id 'acknowledge'", last: true);

    [Fact]
    public void An_offset_that_goes_back_in_time_is_refused() =>
        RefusedAt(Minimal().Replace("offsetMinutes: 60", "offsetMinutes: 30"), "offsetMinutes: 30", "is not after the inject before it", last: true);

    [Fact]
    public void An_offset_past_the_end_of_the_drill_at_its_time_scale_is_refused() =>
        RefusedAt(Minimal().Replace("offsetMinutes: 60", "offsetMinutes: 121"), "offsetMinutes: 121", "past the end of the drill", "60 minutes at time scale 2");

    [Fact]
    public void More_than_three_objectives_are_refused_at_the_fourth()
    {
        var objectives = string.Concat(Enumerable.Range(2, 3).Select(n => $"  - id: objective-{n}\n    text: {{ ja: 目的{n}, en: Objective {n} }}\n"));
        RefusedAt(Minimal().Replace("situation:", objectives + "situation:"), "- id: objective-4", "at most 3 objectives");
    }

    [Fact]
    public void A_seed_line_past_the_end_of_the_seed_is_refused() =>
        RefusedAt(Minimal().Replace("lines: 684-705", "lines: 684-5000"), "lines: 684-5000", "003_8c09d1b49d27eae0.txt has 1135 lines");

    [Fact]
    public void An_unknown_seed_file_is_refused() =>
        RefusedAt(Minimal().Replace("{ file: 000_d9135f91c3be05b2.txt, lines: 1364-1366 }", "{ file: design.md, lines: 10 }"), "file: design.md",
            "unknown seed file 'design.md'");

    [Fact]
    public void An_inject_without_a_source_is_refused() =>
        RefusedAt(Minimal().Replace("        source: { file: 000_d9135f91c3be05b2.txt, lines: 1364-1366 }\n", ""), "- id: press", "missing 'source'");

    [Fact]
    public void An_outside_party_at_a_real_domain_is_refused() =>
        RefusedAt(Minimal().Replace("desk@press.example.jp", "desk@asahi.com"), "desk@asahi.com", "reserved example domain");

    [Fact]
    public void An_outside_party_on_a_screen_inject_is_refused() =>
        RefusedAt(Minimal().Replace("channel: mail", "channel: screen"), "outside:", "'outside' is for mail injects");

    [Fact]
    public void A_mail_inject_is_refused_when_email_is_assumed_down() =>
        RefusedAt(Minimal().Replace("suggestedTimeScale: 2\n", "suggestedTimeScale: 2\nemailDown: true\n"), "channel: mail", "assumes e-mail is down");

    [Fact]
    public void A_role_play_without_the_facilitators_script_is_refused() =>
        RefusedAt(Minimal().Replace("        facilitatorNotes: { ja: 慌てた様子で, en: Sound flustered }\n", ""), "- id: call", "needs 'facilitatorNotes'");

    [Fact]
    public void A_contact_chain_scenario_without_a_contact_acknowledged_signal_is_refused() =>
        RefusedAt(Minimal().Replace("format: tabletop", "format: contact-chain"), "format: contact-chain", "contact-acknowledged");

    [Fact]
    public void A_weight_out_of_range_is_refused() =>
        RefusedAt(Minimal().Replace("weight: 15", "weight: 150"), "weight: 150", "'weight' must be a whole number from 1 to 100");

    [Fact]
    public void A_text_without_English_is_refused() =>
        RefusedAt(Minimal().Replace("situation: { ja: 月曜の朝です。, en: It is Monday morning. }", "situation: { ja: 月曜の朝です。 }"),
            "situation:", "'situation' has no English text");

    [Fact]
    public void Two_files_with_the_same_id_are_refused_naming_both()
    {
        Write(Minimal());
        System.IO.File.WriteAllText(Path.Combine(folder.FullName, "z-copy.yaml"), Minimal());

        var problem = Assert.Single(Problems());

        Assert.Equal(("z-copy.yaml", 1L), (problem.File, problem.Line));
        Assert.Contains("also used by test-drill.yaml", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_file_is_listed_not_only_the_first()
    {
        Write(Minimal().Replace("format: tabletop", "format: workshop").Replace("weight: 15", "weight: 0"));

        var problems = Problems();

        Assert.Contains(problems, p => p.Message.Contains("unknown format", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("'weight'", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.Matches(@"^test-drill\.yaml:\d+:\d+: ", p.ToString()));
    }

    [Fact]
    public void Stored_content_is_read_back_without_the_startup_references()
    {
        // A pinned version whose playbook step was later renamed stays readable (the run already happened with it).
        var yaml = Minimal().Replace("argument: protect-backups", "argument: a-step-that-went-away");

        Assert.NotEmpty(ScenarioParser.Parse(File, yaml, References.Value).Problems);
        var (scenario, problems) = ScenarioParser.Parse(File, yaml);
        Assert.Empty(problems);
        Assert.Equal(ScenarioParser.Hash(yaml), scenario!.ContentHash);
    }

    private void Write(string yaml) => System.IO.File.WriteAllText(Path.Combine(folder.FullName, File), yaml);

    private IReadOnlyList<PlaybookProblem> Problems()
    {
        var e = Assert.Throws<InvalidDrillScenarios>(() => ScenarioLibrary.LoadFolder(folder.FullName, References.Value));
        return e.Problems;
    }

    private void RefusedAt(string yaml, string marker, string message, params string[] alsoMentions) =>
        RefusedAt(yaml, marker, [message, .. alsoMentions], last: false);

    private void RefusedAt(string yaml, string marker, string message, bool last) => RefusedAt(yaml, marker, [message], last);

    private void RefusedAt(string yaml, string marker, string[] words, bool last)
    {
        Assert.NotEqual(Minimal(), yaml); // the replacement took
        Write(yaml);
        var problems = Problems();
        var at = last ? yaml.LastIndexOf(marker, StringComparison.Ordinal) : yaml.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"marker '{marker}' not in the YAML");
        var line = yaml[..at].Count(c => c == '\n') + 1;
        var match = problems.FirstOrDefault(p => p.File == File && p.Line == line && words.All(w => p.Message.Contains(w, StringComparison.Ordinal)));
        Assert.True(match is not null,
            $"expected a problem at line {line} mentioning [{string.Join(", ", words)}]; got:\n" + string.Join("\n", problems));
        Assert.True(match.Column >= 1, $"column of {match}");
    }
}
