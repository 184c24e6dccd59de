using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IncidentDesk.Api.Playbooks;

/// <summary>A problem in a playbook file, with the place it was found.</summary>
public sealed record PlaybookProblem(string File, long Line, long Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

public sealed class InvalidPlaybooks(IReadOnlyList<PlaybookProblem> problems)
    : Exception("invalid playbooks:\n  " + string.Join("\n  ", problems))
{
    public IReadOnlyList<PlaybookProblem> Problems { get; } = problems;
}

/// <summary>
/// Reads one playbook YAML file (format: playbooks/README.md, playbooks/playbook.schema.json) and checks
/// everything the schema says plus what a schema cannot: unique step ids, seed files and line ranges that
/// exist, decision steps owned by executives. Walks YamlDotNet's node tree so each problem has a line.
/// </summary>
public sealed class PlaybookParser : YamlFileReader
{
    private static readonly Dictionary<string, StepGrade> Grades = Names<StepGrade>();
    private static readonly Dictionary<string, EvidenceField> Fields = Names<EvidenceField>();

    // YAML uses the same words as the API's JSON, so the enum's JSON names are the one list of them.
    private static Dictionary<string, T> Names<T>() where T : struct, System.Enum =>
        System.Enum.GetValues<T>().ToDictionary(v => Common.EnumNames.Name(v), v => v);

    private static readonly string[] TopKeys = ["id", "version", "category", "title", "summary", "signals", "steps"];
    private static readonly string[] StepKeys =
        ["id", "stage", "role", "kind", "grade", "required", "title", "guidance", "evidence", "condition", "party", "source"];

    public static (Playbook? Playbook, IReadOnlyList<PlaybookProblem> Problems) Parse(string fileName, string content)
    {
        var parser = new PlaybookParser();
        parser.Begin(fileName, content);
        var playbook = parser.Read(content);
        return (parser.Problems.Count == 0 ? playbook : null, parser.Problems);
    }

    public static string Hash(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ReplaceLineEndings("\n"))));

    private Playbook? Read(string content)
    {
        if (Root(content, "a playbook file holds exactly one mapping (id, version, category, ...)") is not { } root) return null;
        UnknownKeys(root, TopKeys, "playbook");
        var id = Slug(root, "id");
        var version = Number(root, "version", min: 1);
        var category = Category(root);
        var title = Localized(root, "title", required: true);
        var summary = Localized(root, "summary", required: true);
        var signals = Seq(root, "signals", required: true).Select(ReadSignal).ToList();
        var steps = Seq(root, "steps", required: true).Select(ReadStep).ToList();

        var seen = new HashSet<string>();
        foreach (var (node, step) in Seq(root, "steps", required: false).Zip(steps))
            if (step is not null && !seen.Add(step.Id))
                Problem(node.Start, $"duplicate step id '{step.Id}'");
        if (steps.Count == 0) Problem(root.Start, "a playbook needs at least one step");
        foreach (var stage in new[] { Stage.Detection, Stage.Triage, Stage.Analysis, Stage.Recovery, Stage.Prevention })
            if (steps.Count > 0 && steps.All(s => s is null || s.Stage != stage))
                Problem(root.Start, $"no step for the {stage.ToString().ToLowerInvariant()} stage (every playbook covers all five)");

        if (Problems.Count > 0 || id is null || version is null || category is null || title is null || summary is null)
            return null;
        return new Playbook(id, version.Value, category.Value, title, summary, signals!, steps!, Hash(content), File);
    }

    private PlaybookSignal? ReadSignal(YamlNode node)
    {
        if (node is not YamlMappingNode m) { Problem(node.Start, "a signal is a mapping with text and source"); return null; }
        UnknownKeys(m, ["text", "source"], "signal");
        var text = Localized(m, "text", required: true);
        var source = Source(m);
        return text is null || source is null ? null : new PlaybookSignal(text, source);
    }

    private PlaybookStep? ReadStep(YamlNode node)
    {
        if (node is not YamlMappingNode m) { Problem(node.Start, "a step is a mapping"); return null; }
        UnknownKeys(m, StepKeys, "step");
        var id = Slug(m, "id");
        var stage = Enum(m, "stage", new Dictionary<string, Stage>
        {
            ["detection"] = Stage.Detection, ["triage"] = Stage.Triage, ["analysis"] = Stage.Analysis,
            ["recovery"] = Stage.Recovery, ["prevention"] = Stage.Prevention,
        }, required: true);
        var role = Enum(m, "role", new Dictionary<string, PlaybookRole>
        {
            ["reporter"] = PlaybookRole.Reporter, ["responder"] = PlaybookRole.Responder,
            ["executive"] = PlaybookRole.Executive, ["admin"] = PlaybookRole.Admin,
        }, required: true);
        var kind = Enum(m, "kind", new Dictionary<string, StepKind>
        {
            ["task"] = StepKind.Task, ["decision"] = StepKind.Decision, ["notify"] = StepKind.Notify,
        }, required: false) ?? StepKind.Task;
        var grade = Enum(m, "grade", Grades, required: true);
        var required = Bool(m, "required", mandatory: true);
        var title = Localized(m, "title", required: true);
        var guidance = Localized(m, "guidance", required: true);
        var evidence = Evidence(m);
        var condition = Condition(m);
        var party = Localized(m, "party", required: kind == StepKind.Notify);
        var source = Source(m);

        if (kind == StepKind.Decision && role is not null and not PlaybookRole.Executive)
            Problem(m.Start, $"step '{id}': a decision step belongs to the executive role (only executives decide)");
        if (kind != StepKind.Notify && party is not null)
            Problem(m.Start, $"step '{id}': 'party' is only for kind: notify");

        if (id is null || stage is null || role is null || grade is null || required is null || title is null ||
            guidance is null || evidence is null || source is null)
            return null;
        return new PlaybookStep(id, stage.Value, role.Value, kind, grade.Value, required.Value, title, guidance, evidence,
            condition, party, source);
    }

    private StepEvidence? Evidence(YamlMappingNode step)
    {
        if (Get(step, "evidence") is not { } node)
        {
            Problem(step.Start, "missing 'evidence' (a prompt in ja and en, or a named field)");
            return null;
        }
        if (node is not YamlMappingNode m) { Problem(node.Start, "'evidence' is a mapping with 'prompt' or 'field'"); return null; }
        UnknownKeys(m, ["prompt", "field"], "evidence");
        var prompt = Localized(m, "prompt", required: false);
        var field = Enum(m, "field", Fields, required: false);
        if ((prompt is null) == (field is null))
        {
            Problem(m.Start, "'evidence' needs exactly one of 'prompt' (ja and en) or 'field'");
            return null;
        }
        return new StepEvidence(prompt, field);
    }

    private StepCondition? Condition(YamlMappingNode step)
    {
        if (Get(step, "condition") is not { } node) return null;
        if (node is not YamlMappingNode m) { Problem(node.Start, "'condition' is a mapping of facts"); return null; }
        UnknownKeys(m, ["personalDataInvolved", "dataMayBeLeaking", "usersMayBeHarmed", "disconnectedFromNetwork", "minSeverity"], "condition");
        var c = new StepCondition(
            Bool(m, "personalDataInvolved", mandatory: false), Bool(m, "dataMayBeLeaking", mandatory: false),
            Bool(m, "usersMayBeHarmed", mandatory: false), Bool(m, "disconnectedFromNetwork", mandatory: false),
            Enum(m, "minSeverity", new Dictionary<string, Severity>
            {
                ["low"] = Severity.Low, ["medium"] = Severity.Medium, ["high"] = Severity.High, ["critical"] = Severity.Critical,
            }, required: false));
        if (c.IsEmpty) Problem(m.Start, "'condition' names no fact");
        return c;
    }
}
