using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IncidentDesk.Api.Playbooks;

/// <summary>
/// What the playbook files and sources.yaml share: walking YamlDotNet's node tree so that every problem names
/// file, line and column, localized texts in ja and en, known keys only, and folded text refolded for Japanese.
/// </summary>
public abstract class YamlFileReader
{
    private readonly List<PlaybookProblem> problems = [];
    private string source = "";

    protected string File { get; private set; } = "";

    public IReadOnlyList<PlaybookProblem> Problems => problems;

    protected void Begin(string fileName, string content)
    {
        File = fileName;
        source = content;
    }

    protected void AddProblem(PlaybookProblem problem) => problems.Add(problem);

    /// <summary>The file's one root mapping, or null with the problem recorded (not YAML, or not one mapping: <paramref name="notOneMapping"/>).</summary>
    protected YamlMappingNode? Root(string content, string notOneMapping)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(content));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            Problem(e.Start, $"not valid YAML: {e.Message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way (no YamlException, no position) on e.g. a '{' never closed.
            Problem(scanner.CurrentPosition, "not valid YAML: the YAML reader gave up here (a '{' or '[' not closed before?)");
            return null;
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(new PlaybookProblem(File, 1, 1, notOneMapping));
            return null;
        }
        return root;
    }

    protected LocalizedText? Localized(YamlMappingNode owner, string key, bool required)
    {
        if (Get(owner, key) is not { } node)
        {
            if (required) Problem(owner.Start, $"missing '{key}' (ja and en)");
            return null;
        }
        if (node is not YamlMappingNode m) { Problem(node.Start, $"'{key}' is a mapping with 'ja' and 'en'"); return null; }
        UnknownKeys(m, ["ja", "en"], key);
        var ja = Scalar(m, "ja", required: false);
        var en = Scalar(m, "en", required: false);
        if (string.IsNullOrWhiteSpace(ja)) Problem(m.Start, $"'{key}' has no Japanese text (ja)");
        if (string.IsNullOrWhiteSpace(en)) Problem(m.Start, $"'{key}' has no English text (en)");
        return string.IsNullOrWhiteSpace(ja) || string.IsNullOrWhiteSpace(en) ? null : new LocalizedText(ja.Trim(), en.Trim());
    }

    protected List<YamlNode> Seq(YamlMappingNode owner, string key, bool required)
    {
        if (Get(owner, key) is not { } node)
        {
            if (required) Problem(owner.Start, $"missing '{key}'");
            return [];
        }
        if (node is YamlSequenceNode s) return s.Children.ToList();
        if (required) Problem(node.Start, $"'{key}' is a list");
        return [];
    }

    protected string? Scalar(YamlMappingNode owner, string key, bool required)
    {
        var node = Get(owner, key);
        if (node is null)
        {
            if (required) Problem(owner.Start, $"missing '{key}'");
            return null;
        }
        if (node is YamlScalarNode { Value: { } value } scalar)
            return scalar.Style == ScalarStyle.Folded && scalar.End.Index <= source.Length
                ? CjkFolding.Refold(source[(int)scalar.Start.Index..(int)scalar.End.Index], value)
                : value;
        Problem(node.Start, $"'{key}' must be a single value");
        return null;
    }

    /// <summary>'N' or 'N-M' under <paramref name="key"/>, inside a file of <paramref name="count"/> lines.</summary>
    protected (int From, int To)? LineRange(YamlMappingNode owner, string key, string? file, int count)
    {
        var lines = Scalar(owner, key, required: true);
        if (lines is null) return null;
        var parts = lines.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], out var from) ||
            !int.TryParse(parts[^1], out var to) || from < 1 || to < from)
        {
            Problem(Get(owner, key)!.Start, $"'{key}' must be N or N-M with 1 <= N <= M, not '{lines}'");
            return null;
        }
        if (to > count)
        {
            Problem(Get(owner, key)!.Start, $"{file} has {count} lines; '{lines}' is past its end");
            return null;
        }
        return (from, to);
    }

    protected static YamlNode? Get(YamlMappingNode m, string key) =>
        m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    protected void UnknownKeys(YamlMappingNode m, string[] allowed, string what)
    {
        foreach (var k in m.Children.Keys)
            if (k is not YamlScalarNode { Value: { } name } || !allowed.Contains(name))
                Problem(k.Start, $"unknown key '{k}' in {what} (allowed: {string.Join(", ", allowed)})");
    }

    protected void Problem(Mark at, string message) => problems.Add(new PlaybookProblem(File, at.Line, at.Column, message));
}
