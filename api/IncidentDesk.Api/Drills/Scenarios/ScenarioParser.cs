using System.Text.RegularExpressions;
using IncidentDesk.Api.Decisions;
using IncidentDesk.Api.Playbooks;
using YamlDotNet.RepresentationModel;

namespace IncidentDesk.Api.Drills.Scenarios;

/// <summary>A drill scenario file has a problem (or several): the app does not start; every one is listed as file:line:column.</summary>
public sealed class InvalidDrillScenarios(IReadOnlyList<PlaybookProblem> problems)
    : Exception("invalid drill scenarios:\n  " + string.Join("\n  ", problems))
{
    public IReadOnlyList<PlaybookProblem> Problems { get; } = problems;
}

/// <summary>
/// What a scenario may refer to outside its own file, checked when the files are loaded at startup: the seed
/// documents of playbooks/sources.yaml (every citation names one) and the playbooks (a step-completed signal names a
/// step of the scenario's category's playbook). Stored content a run pinned is read without them: content that was
/// valid when pinned stays readable.
/// </summary>
public sealed record ScenarioReferences(SourceCatalog Sources, IReadOnlyCollection<Playbook> Playbooks);

/// <summary>
/// Reads one drill scenario YAML file (format: playbooks/drills/README.md and drill-scenario.schema.json) into a
/// <see cref="DrillScenario"/> and checks everything the schema says plus what a schema cannot: unique ids,
/// offsets that only move forward and fit the planned duration at the suggested time scale, signal arguments that
/// name a real stage, decision kind or playbook step, outside parties only on mail injects and only at reserved
/// example domains, no mail inject when e-mail is assumed down. Every problem has file, line and column.
/// </summary>
public sealed partial class ScenarioParser : YamlFileReader
{
    public const int MaxObjectives = 3;

    private static readonly string[] TopKeys =
    [
        "id", "version", "title", "summary", "category", "format", "durationMinutes", "suggestedTimeScale", "emailDown",
        "rolesNeeded", "objectives", "situation", "modules", "reveal", "discussionQuestions", "sources",
    ];
    private static readonly string[] ModuleKeys = ["id", "title", "injects"];
    private static readonly string[] InjectKeys =
        ["id", "offsetMinutes", "channel", "audience", "title", "content", "facilitatorNotes", "outside", "expected", "source"];
    private static readonly string[] ActionKeys = ["id", "text", "kind", "who", "weight", "timeLimitMinutes", "signal", "source"];

    /// <summary>Who an outside party is; they are only ever recorded as "would have been sent".</summary>
    public static readonly IReadOnlyList<string> OutsideKinds =
        ["press", "customer", "authority", "police", "vendor", "partner", "individual", "other"];

    private static readonly Dictionary<string, DrillFormat> Formats = Names<DrillFormat>();
    private static readonly Dictionary<string, InjectChannel> Channels = Names<InjectChannel>();
    private static readonly Dictionary<string, DrillTeam> Teams = Names<DrillTeam>();
    private static readonly Dictionary<string, ExpectedActionKind> ActionKinds = Names<ExpectedActionKind>();
    private static readonly Dictionary<string, SignalKind> SignalKinds = Names<SignalKind>();
    private static readonly Dictionary<string, DecisionKind> DecisionKinds = Names<DecisionKind>();

    /// <summary>The stages a drill incident can reach (it starts in detection).</summary>
    private static readonly Dictionary<string, Stage> ReachableStages = Names<Stage>()
        .Where(p => p.Value != Stage.Detection).ToDictionary(p => p.Key, p => p.Value);

    // YAML uses the same words as the API's JSON, so the enum's JSON names are the one list of them.
    private static Dictionary<string, T> Names<T>() where T : struct, System.Enum =>
        System.Enum.GetValues<T>().ToDictionary(v => Common.EnumNames.Name(v), v => v);

    private readonly ScenarioReferences? references;

    private ScenarioParser(ScenarioReferences? references) => this.references = references;

    /// <summary>
    /// The scenario in <paramref name="content"/>, or null with every problem. With <paramref name="references"/>,
    /// citations and step-completed signals are checked against the seed catalog and the playbooks too.
    /// </summary>
    public static (DrillScenario? Scenario, IReadOnlyList<PlaybookProblem> Problems) Parse(
        string fileName, string content, ScenarioReferences? references = null)
    {
        var parser = new ScenarioParser(references);
        parser.Begin(fileName, content);
        var scenario = parser.Read(content);
        return (parser.Problems.Count == 0 ? scenario : null, parser.Problems);
    }

    /// <summary>The content hash a run pins: the same SHA-256 of the normalised text as a playbook's.</summary>
    public static string Hash(string content) => PlaybookParser.Hash(content);

    private DrillScenario? Read(string content)
    {
        if (Root(content, "a drill scenario file holds exactly one mapping (id, version, title, ...)") is not { } root) return null;
        UnknownKeys(root, TopKeys, "scenario");
        var id = Slug(root, "id");
        var version = Number(root, "version", min: 1);
        var title = Localized(root, "title", required: true);
        var summary = Localized(root, "summary", required: true);
        var category = Category(root);
        var format = Enum(root, "format", Formats, required: true);
        var duration = Number(root, "durationMinutes", min: 10, max: 480);
        var scale = Number(root, "suggestedTimeScale", min: 1, max: 60, required: false) ?? 1;
        var emailDown = Bool(root, "emailDown", mandatory: false) ?? false;
        var roles = Texts(root, "rolesNeeded");
        var objectives = Objectives(root);
        var situation = Localized(root, "situation", required: true);
        var modules = Seq(root, "modules", required: true).Select(n => ReadModule(n, category, emailDown)).ToList();
        var reveal = Reveal(root);
        var questions = Texts(root, "discussionQuestions");
        var sources = Seq(root, "sources", required: true).Select(ReadSource).ToList();

        if (Get(root, "modules") is YamlSequenceNode && modules.Count == 0) Problem(At(root, "modules"), "a scenario needs at least one module");
        if (Get(root, "sources") is YamlSequenceNode && sources.Count == 0) Problem(At(root, "sources"), "a scenario cites at least one seed passage");
        UniqueIds(Seq(root, "modules", required: false), "module");
        var injectNodes = InjectNodes(root).ToList();
        UniqueIds(injectNodes.Select(n => n.Node), "inject");
        UniqueIds(injectNodes.SelectMany(n => n.Node is YamlMappingNode m ? Seq(m, "expected", required: false) : []), "expected action");
        OffsetsMoveForward(injectNodes, duration, scale);
        if (modules.Count > 0 && modules.All(m => m is not null) && modules.Sum(m => m!.Injects.Count) == 0)
            Problem(At(root, "modules"), "a scenario needs at least one inject");

        var all = modules.Where(m => m is not null).SelectMany(m => m!.Injects).ToList();
        if (format == DrillFormat.ContactChain && modules.All(m => m is not null) &&
            !all.SelectMany(i => i.Expected).Any(a => a.Signal?.Kind == SignalKind.ContactAcknowledged))
            Problem(At(root, "format"), "a contact-chain scenario expects contacts to acknowledge: give one expected action the signal contact-acknowledged");
        if (emailDown && format is not (DrillFormat.ContactChain or DrillFormat.Tabletop))
            Problem(At(root, "emailDown"), "emailDown (R36) is for contact-chain and tabletop scenarios: a KYT round sends nothing");

        if (Problems.Count > 0 || id is null || version is null || title is null || summary is null || category is null ||
            format is null || duration is null || roles is null || objectives is null || situation is null || reveal is null ||
            questions is null || modules.Any(m => m is null) || sources.Any(s => s is null))
            return null;
        return new DrillScenario(id, version.Value, title, summary, category.Value, format.Value, duration.Value, scale, roles,
            objectives, situation, modules!, reveal, questions, sources!, emailDown, File, Hash(content));
    }

    private List<LocalizedText>? Texts(YamlMappingNode owner, string key)
    {
        var nodes = Seq(owner, key, required: true);
        if (Get(owner, key) is YamlSequenceNode && nodes.Count == 0) Problem(At(owner, key), $"'{key}' needs at least one entry");
        var texts = nodes.Select(n => Text(n, key)).ToList();
        return texts.Count == 0 || texts.Any(t => t is null) ? null : texts.Select(t => t!).ToList();
    }

    /// <summary>A list item that is a ja/en mapping.</summary>
    private LocalizedText? Text(YamlNode node, string what)
    {
        if (node is not YamlMappingNode m) { Problem(node.Start, $"an entry of '{what}' is a mapping with 'ja' and 'en'"); return null; }
        UnknownKeys(m, ["ja", "en"], what);
        var ja = Scalar(m, "ja", required: false);
        var en = Scalar(m, "en", required: false);
        if (string.IsNullOrWhiteSpace(ja)) Problem(m.Start, $"an entry of '{what}' has no Japanese text (ja)");
        if (string.IsNullOrWhiteSpace(en)) Problem(m.Start, $"an entry of '{what}' has no English text (en)");
        return string.IsNullOrWhiteSpace(ja) || string.IsNullOrWhiteSpace(en) ? null : new LocalizedText(ja.Trim(), en.Trim());
    }

    private List<DrillObjective>? Objectives(YamlMappingNode root)
    {
        var nodes = Seq(root, "objectives", required: true);
        if (Get(root, "objectives") is YamlSequenceNode && nodes.Count == 0) Problem(At(root, "objectives"), "a scenario needs at least one objective");
        if (nodes.Count > MaxObjectives)
            Problem(nodes[MaxObjectives].Start, $"at most {MaxObjectives} objectives (CISA's advice: a drill that tries to test everything tests nothing)");
        var list = new List<DrillObjective?>();
        foreach (var node in nodes)
        {
            if (node is not YamlMappingNode m) { Problem(node.Start, "an objective is a mapping with id and text"); list.Add(null); continue; }
            UnknownKeys(m, ["id", "text"], "objective");
            var id = Slug(m, "id");
            var text = Localized(m, "text", required: true);
            list.Add(id is null || text is null ? null : new DrillObjective(id, text));
        }
        UniqueIds(nodes, "objective");
        return list.Count == 0 || list.Any(o => o is null) ? null : list.Select(o => o!).ToList();
    }

    private DrillModule? ReadModule(YamlNode node, Category? category, bool emailDown)
    {
        if (node is not YamlMappingNode m) { Problem(node.Start, "a module is a mapping with id, title and injects"); return null; }
        UnknownKeys(m, ModuleKeys, "module");
        var id = Slug(m, "id");
        var title = Localized(m, "title", required: true);
        var injects = Seq(m, "injects", required: true).Select(n => ReadInject(n, category, emailDown)).ToList();
        if (Get(m, "injects") is YamlSequenceNode && injects.Count == 0) Problem(At(m, "injects"), $"module '{id}' has no inject");
        if (id is null || title is null || injects.Count == 0 || injects.Any(i => i is null)) return null;
        return new DrillModule(id, title, injects!);
    }

    private DrillInject? ReadInject(YamlNode node, Category? category, bool emailDown)
    {
        if (node is not YamlMappingNode m) { Problem(node.Start, "an inject is a mapping"); return null; }
        UnknownKeys(m, InjectKeys, "inject");
        var id = Slug(m, "id");
        var offset = Number(m, "offsetMinutes", min: 0);
        var channel = Enum(m, "channel", Channels, required: true);
        var audience = Enum(m, "audience", Teams, required: true);
        var title = Localized(m, "title", required: true);
        var content = Localized(m, "content", required: true);
        var notes = Localized(m, "facilitatorNotes", required: false);
        var outside = Seq(m, "outside", required: false).Select(ReadOutside).ToList();
        var expectedNodes = Seq(m, "expected", required: false);
        var expected = expectedNodes.Select(n => ReadAction(n, category)).ToList();
        var source = Source(m);

        if (Get(m, "outside") is { } o and not YamlSequenceNode) Problem(o.Start, "'outside' is a list of parties");
        if (Get(m, "expected") is { } e and not YamlSequenceNode) Problem(e.Start, "'expected' is a list of expected actions");
        if (outside.Count > 0 && channel is not null and not InjectChannel.Mail)
            Problem(At(m, "outside"), $"inject '{id}': 'outside' is for mail injects (who the mail would reach in reality)");
        if (emailDown && channel == InjectChannel.Mail)
            Problem(At(m, "channel"), $"inject '{id}': the scenario assumes e-mail is down (emailDown: true), so no inject arrives by mail");
        if (channel == InjectChannel.RolePlay && notes is null)
            Problem(m.Start, $"inject '{id}': a role-play inject needs 'facilitatorNotes' (the script the facilitator reads)");

        if (id is null || offset is null || channel is null || audience is null || title is null || content is null ||
            source is null || outside.Any(x => x is null) || expected.Any(x => x is null))
            return null;
        return new DrillInject(id, offset.Value, channel.Value, audience.Value, title, content, notes, expected!, outside!, source);
    }

    private OutsideParty? ReadOutside(YamlNode node)
    {
        if (node is not YamlMappingNode m) { Problem(node.Start, "an outside party is a mapping with name, email and kind"); return null; }
        UnknownKeys(m, ["name", "email", "kind"], "outside party");
        var name = Scalar(m, "name", required: true);
        var email = Scalar(m, "email", required: true);
        var kind = Scalar(m, "kind", required: true);
        if (name is not null && (string.IsNullOrWhiteSpace(name) || name.Any(char.IsControl)))
        {
            Problem(At(m, "name"), "'name' is one line of text");
            name = null;
        }
        if (email is not null && !ExampleAddress().IsMatch(email))
        {
            Problem(At(m, "email"), $"'{email}' is not an address at a reserved example domain (example.com, example.net, example.org, example.jp or *.example): " +
                "a scenario never names a real outsider");
            email = null;
        }
        if (kind is not null && !OutsideKinds.Contains(kind))
        {
            Problem(At(m, "kind"), $"unknown kind '{kind}' (one of {string.Join(", ", OutsideKinds)})");
            kind = null;
        }
        return name is null || email is null || kind is null ? null : new OutsideParty(name.Trim(), email.ToLowerInvariant(), kind);
    }

    private ExpectedAction? ReadAction(YamlNode node, Category? category)
    {
        if (node is not YamlMappingNode m) { Problem(node.Start, "an expected action is a mapping"); return null; }
        UnknownKeys(m, ActionKeys, "expected action");
        var id = Slug(m, "id");
        var text = Localized(m, "text", required: true);
        var kind = Enum(m, "kind", ActionKinds, required: true);
        var who = Enum(m, "who", Teams, required: true);
        var weight = Number(m, "weight", min: 1, max: 100);
        var limit = Number(m, "timeLimitMinutes", min: 1, max: 10_080, required: false);
        var signal = Signal(m, category, out var signalOk);
        var source = Source(m);
        if (id is null || text is null || kind is null || who is null || weight is null || !signalOk || source is null) return null;
        return new ExpectedAction(id, text, kind.Value, who.Value, weight.Value, limit, signal, source);
    }

    /// <summary>The automatic judge, or null when the facilitator judges (no 'signal'); <paramref name="ok"/> is false on a problem.</summary>
    private ExpectedSignal? Signal(YamlMappingNode action, Category? category, out bool ok)
    {
        ok = true;
        if (Get(action, "signal") is not { } node) return null;
        ok = false;
        if (node is not YamlMappingNode m) { Problem(node.Start, "'signal' is a mapping with kind (and argument where the kind takes one)"); return null; }
        UnknownKeys(m, ["kind", "argument"], "signal");
        var kind = Enum(m, "kind", SignalKinds, required: true);
        var argument = Scalar(m, "argument", required: false);
        if (kind is null) return null;
        var at = At(m, "argument");
        switch (kind.Value)
        {
            case SignalKind.StageReached:
                if (argument is null) { Problem(m.Start, $"stage-reached needs an 'argument': the stage ({string.Join(", ", ReachableStages.Keys)})"); return null; }
                if (!ReachableStages.ContainsKey(argument)) { Problem(at, $"unknown stage '{argument}' (one of {string.Join(", ", ReachableStages.Keys)})"); return null; }
                break;
            case SignalKind.DecisionRequested or SignalKind.DecisionReached:
                if (argument is not null && !DecisionKinds.ContainsKey(argument))
                {
                    Problem(at, $"unknown decision kind '{argument}' (one of {string.Join(", ", DecisionKinds.Keys)}; or no argument for any decision)");
                    return null;
                }
                break;
            case SignalKind.StepCompleted:
                if (argument is null) { Problem(m.Start, "step-completed needs an 'argument': the id of a step of the category's playbook"); return null; }
                if (references is not null && category is not null)
                {
                    var playbook = references.Playbooks.FirstOrDefault(p => p.Category == category);
                    if (playbook is null) { Problem(at, $"no playbook of category {Common.EnumNames.Name(category.Value)} to find step '{argument}' in"); return null; }
                    if (playbook.Step(argument) is null)
                    {
                        Problem(at, $"playbook {playbook.FileName} has no step '{argument}'");
                        return null;
                    }
                }
                break;
            default:
                if (argument is not null) { Problem(at, $"{Common.EnumNames.Name(kind.Value)} takes no argument"); return null; }
                break;
        }
        ok = true;
        return new ExpectedSignal(kind.Value, argument);
    }

    private DrillReveal? Reveal(YamlMappingNode root)
    {
        if (Get(root, "reveal") is not { } node) { Problem(root.Start, "missing 'reveal' (【発生した事故】 and its root causes)"); return null; }
        if (node is not YamlMappingNode m) { Problem(node.Start, "'reveal' is a mapping with accident, rootCauses and source"); return null; }
        UnknownKeys(m, ["accident", "rootCauses", "regulatoryAnswer", "source"], "reveal");
        var accident = Localized(m, "accident", required: true);
        var causes = Texts(m, "rootCauses");
        var regulatory = Localized(m, "regulatoryAnswer", required: false);
        var source = Source(m);
        return accident is null || causes is null || source is null ? null : new DrillReveal(accident, causes, regulatory, source);
    }

    private SourceRef? ReadSource(YamlNode node)
    {
        if (node is not YamlMappingNode m) { Problem(node.Start, "a source is a mapping with file and lines"); return null; }
        UnknownKeys(m, ["file", "lines", "derived"], "source");
        var fileName = Scalar(m, "file", required: true);
        var derived = Bool(m, "derived", mandatory: false) ?? false;
        if (fileName is null) return null;
        if (!Seeds.LineCounts.TryGetValue(fileName, out var count))
        {
            Problem(At(m, "file"), $"unknown seed file '{fileName}' (one of {string.Join(", ", Seeds.LineCounts.Keys)})");
            return null;
        }
        if (LineRange(m, "lines", fileName, count) is not { } range) return null;
        return Listed(m, new SourceRef(fileName, range.From, range.To, derived));
    }

    /// <summary>Every citation (a 'source' mapping) names a seed document sources.yaml lists, when that is known.</summary>
    private new SourceRef? Source(YamlMappingNode owner)
    {
        var source = base.Source(owner);
        return source is null || Get(owner, "source") is not YamlMappingNode m ? source : Listed(m, source);
    }

    private SourceRef? Listed(YamlMappingNode citation, SourceRef source)
    {
        if (references is null || references.Sources.Documents.ContainsKey(source.File)) return source;
        Problem(At(citation, "file"), $"cites {source.File}, which {SourceCatalog.FileName} does not list");
        return null;
    }

    private void UniqueIds(IEnumerable<YamlNode> nodes, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
            if (node is YamlMappingNode m && Get(m, "id") is YamlScalarNode { Value: { } id } idNode && !seen.Add(id))
                Problem(idNode.Start, $"duplicate {what} id '{id}'");
    }

    private static IEnumerable<(YamlNode Node, YamlNode Module)> InjectNodes(YamlMappingNode root) =>
        from module in Get(root, "modules") is YamlSequenceNode s ? s.Children : []
        where module is YamlMappingNode
        from inject in Get((YamlMappingNode)module, "injects") is YamlSequenceNode i ? i.Children : []
        select (inject, module);

    /// <summary>Injects fire in file order: each offset at least one minute after the one before, and the last inside the planned drill.</summary>
    private void OffsetsMoveForward(IEnumerable<(YamlNode Node, YamlNode Module)> injects, int? duration, int scale)
    {
        int? previous = null;
        foreach (var (node, _) in injects)
        {
            if (node is not YamlMappingNode m || Get(m, "offsetMinutes") is not YamlScalarNode { Value: { } v } at ||
                !int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var offset))
                continue;
            if (previous is { } p && offset <= p)
                Problem(at.Start, $"offsetMinutes {offset} is not after the inject before it ({p}): injects are listed in the order they fire");
            if (duration is { } d && offset > (long)d * scale)
                Problem(at.Start, $"offsetMinutes {offset} is past the end of the drill ({d} minutes at time scale {scale} = {d * scale} scenario minutes)");
            previous = offset;
        }
    }

    // RFC 2606 and RFC 6761 reserve example.com/.net/.org and the .example top-level domain; JPRS reserves example.jp
    // (and its subdomains such as press.example.jp) for documentation.
    [GeneratedRegex(@"^[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\.)*(example\.(com|net|org|jp)|example)$")]
    private static partial Regex ExampleAddress();
}
