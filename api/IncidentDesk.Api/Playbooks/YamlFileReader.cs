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

    /// <summary>Where to report a problem about <paramref name="key"/>: the key itself, or the owner's start when it is absent.</summary>
    protected static Mark At(YamlMappingNode owner, string key) =>
        owner.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: { } v } && v == key)?.Start ?? owner.Start;

    protected static YamlNode? Get(YamlMappingNode m, string key) =>
        m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    protected void UnknownKeys(YamlMappingNode m, string[] allowed, string what)
    {
        foreach (var k in m.Children.Keys)
            if (k is not YamlScalarNode { Value: { } name } || !allowed.Contains(name))
                Problem(k.Start, $"unknown key '{k}' in {what} (allowed: {string.Join(", ", allowed)})");
    }

    protected void Problem(Mark at, string message) => problems.Add(new PlaybookProblem(File, at.Line, at.Column, message));

    protected SourceRef? Source(YamlMappingNode owner)
    {
        if (Get(owner, "source") is not { } node) { Problem(owner.Start, "missing 'source' (seed file and lines)"); return null; }
        if (node is not YamlMappingNode m) { Problem(node.Start, "'source' is a mapping with file and lines"); return null; }
        UnknownKeys(m, ["file", "lines", "derived"], "source");
        var fileName = Scalar(m, "file", required: true);
        var lines = Scalar(m, "lines", required: true);
        var derived = Bool(m, "derived", mandatory: false) ?? false;
        if (fileName is null || lines is null) return null;
        if (!Seeds.LineCounts.TryGetValue(fileName, out var count))
        {
            Problem(Get(m, "file")!.Start, $"unknown seed file '{fileName}' (one of {string.Join(", ", Seeds.LineCounts.Keys)})");
            return null;
        }
        if (LineRange(m, "lines", fileName, count) is not { } range) return null;
        return new SourceRef(fileName, range.From, range.To, derived);
    }

    protected string? Slug(YamlMappingNode owner, string key)
    {
        var v = Scalar(owner, key, required: true);
        if (v is not null && !System.Text.RegularExpressions.Regex.IsMatch(v, "^[a-z0-9]+(-[a-z0-9]+)*$"))
        {
            Problem(Get(owner, key)!.Start, $"'{key}' must be lower-case words joined by hyphens, not '{v}'");
            return null;
        }
        return v;
    }

    protected int? Number(YamlMappingNode owner, string key, int min, int max = int.MaxValue, bool required = true)
    {
        var v = Scalar(owner, key, required);
        if (v is null) return null;
        if (int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        Problem(Get(owner, key)!.Start, max == int.MaxValue
            ? $"'{key}' must be a whole number >= {min}, not '{v}'"
            : $"'{key}' must be a whole number from {min} to {max}, not '{v}'");
        return null;
    }

    protected bool? Bool(YamlMappingNode owner, string key, bool mandatory)
    {
        var v = Scalar(owner, key, required: mandatory);
        if (v is null) return null;
        if (v is "true" or "false") return v == "true";
        Problem(Get(owner, key)!.Start, $"'{key}' must be true or false, not '{v}'");
        return null;
    }

    protected Category? Category(YamlMappingNode owner)
    {
        var v = Scalar(owner, "category", required: true);
        if (v is null) return null;
        try
        {
            var c = Common.EnumNames.Parse<Category>(v);
            if (c != Common.Category.Unknown) return c;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        Problem(Get(owner, "category")!.Start, $"'category' must be one of C1..C10, not '{v}'");
        return null;
    }

    protected T? Enum<T>(YamlMappingNode owner, string key, IReadOnlyDictionary<string, T> values, bool required) where T : struct
    {
        var v = Scalar(owner, key, required);
        if (v is null) return null;
        if (values.TryGetValue(v, out var value)) return value;
        Problem(Get(owner, key)!.Start, $"unknown {key} '{v}' (one of {string.Join(", ", values.Keys)})");
        return null;
    }
}
