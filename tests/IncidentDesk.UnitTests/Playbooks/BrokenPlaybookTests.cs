using IncidentDesk.Api.Playbooks;
using static IncidentDesk.UnitTests.Playbooks.TestPlaybooks;

namespace IncidentDesk.UnitTests.Playbooks;

/// <summary>
/// Each file here is broken one way, in a temporary folder loaded as the app loads playbooks/. The app refuses
/// to start on any of them, so the problem must say which file, which line (the line of the offending node)
/// and what is wrong, in words an editor can act on.
/// </summary>
public sealed class BrokenPlaybookTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("incidentdesk-playbooks-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void The_valid_playbook_these_tests_break_loads_as_it_is()
    {
        Write("c4-test.yaml", Minimal());

        var loaded = Assert.Single(PlaybookLibrary.LoadFolder(folder.FullName));

        Assert.Equal("test-book", loaded.Id);
        Assert.Equal("c4-test.yaml", loaded.FileName);
        Assert.Equal(5, loaded.Steps.Count);
    }

    [Fact]
    public void Invalid_YAML_syntax_is_refused_at_the_broken_line()
    {
        var yaml = Minimal().Replace("category: C4", "category: C4: C5");

        RefusedAt("c4-test.yaml", yaml, "category: C4: C5", "not valid YAML");
    }

    /// <summary>YamlDotNet gives up on this one without a YamlException; it must still be a problem, not a crash.</summary>
    [Fact]
    public void An_unclosed_flow_mapping_is_refused_as_invalid_YAML_near_the_broken_line()
    {
        var yaml = Minimal().Replace("en: A test playbook }", "en: A test playbook");

        var problem = RefusedNear("c4-test.yaml", yaml, "en: A test playbook", "not valid YAML", linesBefore: 0, linesAfter: 1);

        Assert.Contains("not closed", problem.Message);
    }

    [Fact]
    public void A_key_given_twice_is_refused_as_invalid_YAML_at_the_second()
    {
        var yaml = Minimal().Replace("version: 1\n", "version: 1\nversion: 2\n");

        RefusedAt("c4-test.yaml", yaml, "version: 2", "not valid YAML");
    }

    /// <summary>YamlDotNet places this at the plain scalar it was reading when it met the tab: the line before.</summary>
    [Fact]
    public void A_tab_used_for_indentation_is_refused_as_invalid_YAML_at_or_just_before_its_line()
    {
        var yaml = Minimal().Replace("    stage: triage\n", "\tstage: triage\n");

        RefusedNear("c4-test.yaml", yaml, "\tstage: triage", "tab character", linesBefore: 1, linesAfter: 0);
    }

    [Fact]
    public void A_text_without_Japanese_is_refused_at_the_text()
    {
        var yaml = Minimal().Replace("title: { ja: 手順 test-book-triage, en: Step test-book-triage }",
            "title: { en: Step test-book-triage }");

        RefusedAt("c4-test.yaml", yaml, "en: Step test-book-triage", "'title'", "Japanese", "(ja)");
    }

    [Fact]
    public void A_text_without_English_is_refused_at_the_text()
    {
        var yaml = Minimal().Replace("- text: { ja: 何かが起きた, en: Something happened }", "- text: { ja: 何かが起きた }");

        RefusedAt("c4-test.yaml", yaml, "ja: 何かが起きた", "'text'", "English", "(en)");
    }

    [Fact]
    public void A_blank_translation_counts_as_missing()
    {
        var yaml = Minimal().Replace("summary: { ja: 単体テストのための手順書です。, en: A playbook for unit tests. }",
            "summary: { ja: 単体テストのための手順書です。, en: '  ' }");

        RefusedAt("c4-test.yaml", yaml, "summary:", "'summary'", "English");
    }

    [Fact]
    public void A_duplicate_step_id_is_refused_at_the_second_step()
    {
        var yaml = Yaml("test-book", "C4", 1, [.. OnePerStage("test-book"), Step("test-book-triage", "analysis")]);

        RefusedAt("c4-test.yaml", yaml, "- id: test-book-triage", "duplicate step id 'test-book-triage'", last: true);
    }

    [Fact]
    public void An_unknown_stage_is_refused_at_the_stage()
    {
        var yaml = Yaml("test-book", "C4", 1, [.. OnePerStage("test-book"), Step("contain", "containment")]);

        RefusedAt("c4-test.yaml", yaml, "stage: containment", "unknown stage 'containment'", "detection");
    }

    [Fact]
    public void An_unknown_role_is_refused_at_the_role()
    {
        var yaml = Yaml("test-book", "C4", 1, [.. OnePerStage("test-book"), Step("ask-ciso", "triage", role: "ciso")]);

        RefusedAt("c4-test.yaml", yaml, "role: ciso", "unknown role 'ciso'", "executive");
    }

    [Fact]
    public void An_unknown_grade_is_refused_at_the_grade_listing_the_seeds_grades()
    {
        var yaml = Yaml("test-book", "C4", 1, [.. OnePerStage("test-book"), Step("must-do", "triage", grade: "必要")]);

        var problem = RefusedAt("c4-test.yaml", yaml, "grade: 必要", "unknown grade '必要'");
        foreach (var grade in new[] { "基本", "推奨", "必須", "SHALL", "SHOULD", "MAY", "規程例", "guidance" })
            Assert.Contains(grade, problem.Message);
    }

    [Fact]
    public void An_unknown_kind_is_refused_at_the_kind()
    {
        var yaml = Yaml("test-book", "C4", 1, [.. OnePerStage("test-book"), Step("odd", "triage", kind: "meeting")]);

        RefusedAt("c4-test.yaml", yaml, "kind: meeting", "unknown kind 'meeting'");
    }

    [Fact]
    public void A_step_without_a_source_is_refused_at_the_step()
    {
        var step = Step("unsourced", "triage").Replace($"    source: {{ file: {Seed}, lines: 31-41 }}\n", "");
        var yaml = Yaml("test-book", "C4", 1, [.. OnePerStage("test-book"), step]);

        RefusedAt("c4-test.yaml", yaml, "- id: unsourced", "missing 'source'");
    }

    [Fact]
    public void A_signal_without_a_source_is_refused_at_the_signal()
    {
        var yaml = Minimal().Replace($"    source: {{ file: {Seed}, lines: 569 }}\n", "");

        RefusedAt("c4-test.yaml", yaml, "- text:", "missing 'source'");
    }

    [Fact]
    public void An_unknown_seed_file_is_refused_at_the_file_naming_the_five_seeds()
    {
        var yaml = Yaml("test-book", "C4", 1,
            [.. OnePerStage("test-book"), Step("cited", "triage", source: "{ file: 009_nope.txt, lines: 1-2 }")]);

        var problem = RefusedAt("c4-test.yaml", yaml, "009_nope.txt", "unknown seed file '009_nope.txt'");
        foreach (var seed in Seeds.LineCounts.Keys) Assert.Contains(seed, problem.Message);
    }

    [Fact]
    public void A_line_range_past_the_end_of_the_seed_is_refused_at_the_lines()
    {
        var yaml = Yaml("test-book", "C4", 1,
            [.. OnePerStage("test-book"), Step("cited", "triage", source: "{ file: 004_881559801ac7ed88.txt, lines: 270-273 }")]);

        RefusedAt("c4-test.yaml", yaml, "270-273", "004_881559801ac7ed88.txt has 272 lines", "past its end");
    }

    [Fact]
    public void The_last_line_of_a_seed_may_be_cited()
    {
        Write("c4-test.yaml", Yaml("test-book", "C4", 1,
            [.. OnePerStage("test-book"), Step("cited", "triage", source: "{ file: 004_881559801ac7ed88.txt, lines: 272 }")]));

        var step = Assert.Single(PlaybookLibrary.LoadFolder(folder.FullName)).Step("cited")!;

        Assert.Equal((272, 272, "272"), (step.Source.FromLine, step.Source.ToLine, step.Source.Lines));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("12-3")]
    [InlineData("ten")]
    [InlineData("1-2-3")]
    public void A_malformed_line_range_is_refused_at_the_lines(string lines)
    {
        var yaml = Yaml("test-book", "C4", 1,
            [.. OnePerStage("test-book"), Step("cited", "triage", source: $"{{ file: {Seed}, lines: '{lines}' }}")]);

        RefusedAt("c4-test.yaml", yaml, $"lines: '{lines}'", "'lines' must be N or N-M", $"'{lines}'");
    }

    [Fact]
    public void A_decision_step_not_owned_by_the_executive_role_is_refused_at_the_step()
    {
        var yaml = Yaml("test-book", "C4", 1,
            [.. OnePerStage("test-book"), Step("decide-alone", "triage", role: "responder", kind: "decision")]);

        RefusedAt("c4-test.yaml", yaml, "- id: decide-alone", "decide-alone", "decision step belongs to the executive role");
    }

    [Fact]
    public void A_notify_step_without_a_party_is_refused_at_the_step()
    {
        var yaml = Yaml("test-book", "C4", 1, [.. OnePerStage("test-book"), Step("tell-someone", "triage", kind: "notify")]);

        RefusedAt("c4-test.yaml", yaml, "- id: tell-someone", "missing 'party'");
    }

    [Fact]
    public void A_party_on_a_step_that_is_not_notify_is_refused_at_the_step()
    {
        var yaml = Yaml("test-book", "C4", 1,
            [.. OnePerStage("test-book"), Step("just-do-it", "triage", party: "{ ja: 取引先, en: Partners }")]);

        RefusedAt("c4-test.yaml", yaml, "- id: just-do-it", "'party' is only for kind: notify");
    }

    [Fact]
    public void Evidence_with_both_a_prompt_and_a_field_is_refused_at_the_evidence()
    {
        var yaml = Yaml("test-book", "C4", 1,
            [.. OnePerStage("test-book"), Step("both", "triage", evidence: $"{{ prompt: {Prompt}, field: contact }}")]);

        RefusedAt("c4-test.yaml", yaml, "field: contact", "'evidence' needs exactly one of 'prompt'", "'field'");
    }

    [Fact]
    public void Evidence_with_neither_a_prompt_nor_a_field_is_refused_at_the_evidence()
    {
        var yaml = Yaml("test-book", "C4", 1, [.. OnePerStage("test-book"), Step("neither", "triage", evidence: "{ }")]);

        RefusedAt("c4-test.yaml", yaml, "evidence: { }", "'evidence' needs exactly one of 'prompt'");
    }

    [Fact]
    public void An_unknown_evidence_field_is_refused_at_the_field()
    {
        var yaml = Yaml("test-book", "C4", 1, [.. OnePerStage("test-book"), Step("odd", "triage", evidence: "{ field: mood }")]);

        RefusedAt("c4-test.yaml", yaml, "field: mood", "unknown field 'mood'", "rootCause");
    }

    [Fact]
    public void A_stage_with_no_step_is_refused_naming_the_stage()
    {
        var steps = OnePerStage("test-book").Where(s => !s.Contains("stage: recovery")).ToArray();
        var yaml = Yaml("test-book", "C4", 1, steps);

        RefusedAt("c4-test.yaml", yaml, "id: test-book\n", "no step for the recovery stage");
    }

    [Fact]
    public void A_condition_naming_no_fact_is_refused_at_the_condition()
    {
        var yaml = Yaml("test-book", "C4", 1, [.. OnePerStage("test-book"), Step("always", "triage", condition: "{ }")]);

        RefusedAt("c4-test.yaml", yaml, "condition: { }", "'condition' names no fact");
    }

    [Fact]
    public void An_unknown_minimum_severity_is_refused_at_the_value()
    {
        var yaml = Yaml("test-book", "C4", 1,
            [.. OnePerStage("test-book"), Step("serious", "triage", condition: "{ minSeverity: severe }")]);

        RefusedAt("c4-test.yaml", yaml, "minSeverity: severe", "unknown minSeverity 'severe'", "critical");
    }

    [Fact]
    public void Two_playbooks_for_the_same_category_are_refused_naming_both_files()
    {
        Write("a-first.yaml", Minimal("first-book", "C4"));
        var second = Minimal("second-book", "C4");
        Write("b-second.yaml", second);

        var problem = Assert.Single(Problems());

        Assert.Equal("b-second.yaml", problem.File);
        Assert.InRange(problem.Line, 1, LineOf(second, "category: C4"));
        Assert.Contains("category C4 already has playbook a-first.yaml", problem.Message);
        Assert.Contains("one playbook per category", problem.Message);
    }

    [Fact]
    public void The_same_playbook_id_in_two_files_is_refused_naming_both_files()
    {
        Write("a-first.yaml", Minimal("same-book", "C4"));
        var second = Minimal("same-book", "C5");
        Write("b-second.yaml", second);

        var problem = Assert.Single(Problems());

        Assert.Equal("b-second.yaml", problem.File);
        Assert.InRange(problem.Line, 1, LineOf(second, "id: same-book\n"));
        Assert.Contains("playbook id 'same-book' is also used by a-first.yaml", problem.Message);
    }

    [Fact]
    public void An_unknown_top_level_key_is_refused_at_the_key()
    {
        var yaml = Minimal().Replace("version: 1\n", "version: 1\nauthor: somebody\n");

        RefusedAt("c4-test.yaml", yaml, "author: somebody", "unknown key 'author' in playbook");
    }

    [Fact]
    public void An_unknown_step_key_is_refused_at_the_key()
    {
        var yaml = Yaml("test-book", "C4", 1, [.. OnePerStage("test-book"), Step("owned", "triage", extra: "owner: alice")]);

        RefusedAt("c4-test.yaml", yaml, "owner: alice", "unknown key 'owner' in step");
    }

    [Theory]
    [InlineData("category: C4", "category: C11", "'category' must be one of C1..C10")]
    [InlineData("category: C4", "category: unknown", "'category' must be one of C1..C10")]
    [InlineData("version: 1", "version: 0", "'version' must be a whole number >= 1")]
    [InlineData("version: 1", "version: one", "'version' must be a whole number >= 1")]
    [InlineData("id: test-book", "id: Test_Book", "'id' must be lower-case words joined by hyphens")]
    [InlineData("required: true", "required: yes", "'required' must be true or false")]
    public void A_bad_value_is_refused_at_its_line(string valid, string broken, string message)
    {
        var yaml = ReplaceFirst(Minimal(), valid, broken);

        RefusedAt("c4-test.yaml", yaml, broken, message);
    }

    [Fact]
    public void Every_problem_of_every_file_is_listed_at_once()
    {
        Write("a.yaml", Minimal("book-a", "C4").Replace("role: responder", "role: ciso"));
        Write("b.yaml", Minimal("book-b", "C5").Replace("grade: guidance", "grade: vital"));

        var problems = Problems();

        Assert.Equal(5, problems.Count(p => p.File == "a.yaml" && p.Message.Contains("unknown role 'ciso'")));
        Assert.Equal(5, problems.Count(p => p.File == "b.yaml" && p.Message.Contains("unknown grade 'vital'")));
    }

    [Fact]
    public void A_problem_reads_as_file_line_column_message()
    {
        var problem = new PlaybookProblem("c2-ransomware.yaml", 12, 5, "unknown stage 'x'");

        Assert.Equal("c2-ransomware.yaml:12:5: unknown stage 'x'", problem.ToString());
        Assert.Contains("c2-ransomware.yaml:12:5: unknown stage 'x'", new InvalidPlaybooks([problem]).Message);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private void Write(string name, string yaml) => File.WriteAllText(Path.Combine(folder.FullName, name), yaml);

    private IReadOnlyList<PlaybookProblem> Problems() =>
        Assert.Throws<InvalidPlaybooks>(() => PlaybookLibrary.LoadFolder(folder.FullName)).Problems;

    /// <summary>Writes the file, loads the folder and finds the problem at the (1-based) line holding <paramref name="marker"/>.</summary>
    private PlaybookProblem RefusedAt(string file, string yaml, string marker, string message, params string[] alsoMentions) =>
        RefusedAt(file, yaml, marker, [message, .. alsoMentions], last: false);

    private PlaybookProblem RefusedAt(string file, string yaml, string marker, string message, bool last) =>
        RefusedAt(file, yaml, marker, [message], last);

    private PlaybookProblem RefusedAt(string file, string yaml, string marker, string[] words, bool last)
    {
        Write(file, yaml);
        var problems = Problems();
        var line = LineOf(yaml, marker, last);
        var match = problems.FirstOrDefault(p => p.File == file && p.Line == line && words.All(p.Message.Contains));
        Assert.True(match is not null,
            $"expected a problem in {file} at line {line} mentioning [{string.Join(", ", words)}]; got:\n" +
            string.Join("\n", problems));
        Assert.True(match.Column >= 1, $"column of {match}");
        Assert.All(problems, p => Assert.Equal(file, p.File));
        return match;
    }

    private PlaybookProblem RefusedNear(string file, string yaml, string marker, string message, int linesBefore, int linesAfter)
    {
        Write(file, yaml);
        var problems = Problems();
        var line = LineOf(yaml, marker);
        var problem = Assert.Single(problems);
        Assert.Equal(file, problem.File);
        Assert.True(problem.Line >= line - linesBefore && problem.Line <= line + linesAfter,
            $"expected the problem between lines {line - linesBefore} and {line + linesAfter}: {problem}");
        Assert.Contains(message, problem.Message);
        return problem;
    }

    /// <summary>The 1-based line on which <paramref name="marker"/> occurs (a marker ending in \n matches whole lines' ends).</summary>
    private static int LineOf(string yaml, string marker, bool last = false)
    {
        var at = last ? yaml.LastIndexOf(marker, StringComparison.Ordinal) : yaml.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"marker '{marker}' not in the test YAML");
        if (!last && marker.StartsWith("id:", StringComparison.Ordinal))
        {
            // A top-level key: the line that starts with it, not a step's "- id:".
            at = yaml.IndexOf("\n" + marker, StringComparison.Ordinal) + 1;
            Assert.True(at > 0, $"no line starts with '{marker}'");
        }
        return yaml[..at].Count(c => c == '\n') + 1;
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' not in the test YAML");
        return text[..at] + replace + text[(at + find.Length)..];
    }
}
