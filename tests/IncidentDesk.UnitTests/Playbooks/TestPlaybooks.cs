using System.Globalization;
using System.Text;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Playbooks;
using static IncidentDesk.UnitTests.Testing.Fixed;

namespace IncidentDesk.UnitTests.Playbooks;

/// <summary>
/// Small playbooks written as YAML, the way editors write them, so the tests read like the files they
/// describe; <see cref="Parse"/> runs them through the real parser. Every builder yields a valid playbook
/// unless a test breaks one line of it on purpose.
/// </summary>
public static class TestPlaybooks
{
    public const string Seed = "003_8c09d1b49d27eae0.txt";

    public const string Prompt = "{ ja: 記録してください, en: Write down what was done }";

    /// <summary>One step, as a list item of 'steps:' (two spaces in, like the real files).</summary>
    public static string Step(
        string id, string stage, string role = "responder", string grade = "guidance", bool required = true,
        string? kind = null, string? evidence = null, string? condition = null, string? party = null,
        string? source = null, string? extra = null)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"  - id: {id}\n");
        b.Append(CultureInfo.InvariantCulture, $"    stage: {stage}\n");
        b.Append(CultureInfo.InvariantCulture, $"    role: {role}\n");
        if (kind is not null) b.Append(CultureInfo.InvariantCulture, $"    kind: {kind}\n");
        b.Append(CultureInfo.InvariantCulture, $"    grade: {grade}\n");
        b.Append(CultureInfo.InvariantCulture, $"    required: {(required ? "true" : "false")}\n");
        b.Append(CultureInfo.InvariantCulture, $"    title: {{ ja: 手順 {id}, en: Step {id} }}\n");
        b.Append("    guidance: { ja: 手順の説明です。, en: What to do and why. }\n");
        b.Append(CultureInfo.InvariantCulture, $"    evidence: {evidence ?? $"{{ prompt: {Prompt} }}"}\n");
        if (condition is not null) b.Append(CultureInfo.InvariantCulture, $"    condition: {condition}\n");
        if (party is not null) b.Append(CultureInfo.InvariantCulture, $"    party: {party}\n");
        if (extra is not null) b.Append(CultureInfo.InvariantCulture, $"    {extra}\n");
        b.Append(CultureInfo.InvariantCulture, $"    source: {source ?? $"{{ file: {Seed}, lines: 31-41 }}"}\n");
        return b.ToString();
    }

    /// <summary>One plain step per stage, ids prefixed so two playbooks built from it do not share any.</summary>
    public static string[] OnePerStage(string prefix) =>
    [
        Step($"{prefix}-detect", "detection"),
        Step($"{prefix}-triage", "triage"),
        Step($"{prefix}-analyse", "analysis"),
        Step($"{prefix}-recover", "recovery"),
        Step($"{prefix}-prevent", "prevention"),
    ];

    public static string Yaml(string id, string category, int version, params string[] steps) =>
        $$"""
        # A test playbook. Format: playbooks/README.md.
        id: {{id}}
        version: {{version}}
        category: {{category}}
        title: { ja: 試験用の手順書, en: A test playbook }
        summary: { ja: 単体テストのための手順書です。, en: A playbook for unit tests. }
        signals:
          - text: { ja: 何かが起きた, en: Something happened }
            source: { file: {{Seed}}, lines: 569 }
        steps:

        """ + string.Concat(steps);

    /// <summary>A valid playbook: one plain step per stage.</summary>
    public static string Minimal(string id = "test-book", string category = "C4", int version = 1) =>
        Yaml(id, category, version, OnePerStage(id));

    /// <summary>Parses through the real parser and insists the text is valid.</summary>
    public static Playbook Parse(string yaml, string fileName = "test-book.yaml")
    {
        var (playbook, problems) = PlaybookParser.Parse(fileName, yaml);
        Assert.True(problems.Count == 0, "the test playbook itself is invalid:\n" + string.Join("\n", problems));
        return playbook!;
    }

    public static PlaybookPin Pin(Playbook p) => new(p.Id, p.Version, p.ContentHash);

    /// <summary>
    /// The playbook most step tests work on (category C1), one step of each shape:
    /// <list type="bullet">
    /// <item>detection: report-at-once (推奨, required, prompt), confirm-disconnected (field disconnectedFromNetwork)</item>
    /// <item>triage: record-device (field deviceId), protect-backups (only while data may be leaking),
    /// tell-users (notify, only while users may be harmed), decide-stoppage (executive decision)</item>
    /// <item>analysis: identify-scope, tell-privacy-office (必須, only while personal data is involved),
    /// engage-specialists (optional)</item>
    /// <item>recovery: restore (推奨); prevention: patch-everything (基本, required), restore-drill (SHALL, optional)</item>
    /// </list>
    /// </summary>
    public static readonly string WorkBookYaml = Yaml("work-book", "C1", 1,
        Step("report-at-once", "detection", role: "reporter", grade: "推奨"),
        Step("confirm-disconnected", "detection", evidence: "{ field: disconnectedFromNetwork }"),
        Step("record-device", "triage", evidence: "{ field: deviceId }"),
        Step("protect-backups", "triage", condition: "{ dataMayBeLeaking: true }"),
        Step("tell-users", "triage", kind: "notify", condition: "{ usersMayBeHarmed: true }",
            party: "{ ja: 利用者, en: Affected users }"),
        Step("decide-stoppage", "triage", role: "executive", kind: "decision"),
        Step("identify-scope", "analysis"),
        Step("tell-privacy-office", "analysis", grade: "必須", condition: "{ personalDataInvolved: true }"),
        Step("engage-specialists", "analysis", required: false),
        Step("restore", "recovery", grade: "推奨"),
        Step("patch-everything", "prevention", role: "admin", grade: "基本"),
        Step("restore-drill", "prevention", role: "admin", grade: "SHALL", required: false));

    public static readonly Playbook WorkBook = Parse(WorkBookYaml, "c1-work-book.yaml");

    public static readonly PlaybookPin WorkPin = Pin(WorkBook);

    /// <summary>Replaces the incident_reported event of a history with one pinned to <paramref name="pin"/>.</summary>
    public static IIncidentEvent[] Pinned(IIncidentEvent[] history, PlaybookPin pin) =>
        [((IncidentReported)history[0]) with { Playbook = pin }, .. history[1..]];

    public static IIncidentEvent[] Pinned(IIncidentEvent[] history) => Pinned(history, WorkPin);

    // Callers: individual accounts holding one role each (an account may hold several; these hold one).

    public static readonly Guid ExecutiveId = Guid.Parse("01930000-0000-7000-8000-0000000000e1");
    public static readonly Guid AdminId = Guid.Parse("01930000-0000-7000-8000-0000000000f1");

    public static readonly Caller AResponder = new(Responder, new HashSet<string> { Roles.Responder });
    public static readonly Caller AnExecutive = new(ExecutiveId, new HashSet<string> { Roles.Executive });
    public static readonly Caller AnAdmin = new(AdminId, new HashSet<string> { Roles.Admin });
    public static readonly Caller AReporter = new(Reporter, new HashSet<string> { Roles.Reporter });

    public static StepCompleted Completed(string stepId, int at, string evidence = "done", string playbookId = "work-book", Guid? by = null) =>
        new(IncidentId, playbookId, stepId, evidence, by ?? Responder, T(at));

    public static StepSkipped Skipped(string stepId, int at, bool waiver = false, string playbookId = "work-book", Guid? by = null) =>
        new(IncidentId, playbookId, stepId, "not needed here", waiver, by ?? (waiver ? ExecutiveId : Responder), T(at));

    /// <summary>Finds the repository root (the folder holding IncidentDesk.sln) above the test binaries.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IncidentDesk.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no folder holding IncidentDesk.sln above {AppContext.BaseDirectory}");
    }

    public static string RepoPlaybooksFolder => Path.Combine(RepoRoot(), "playbooks");
}
