using YamlDotNet.RepresentationModel;

namespace IncidentDesk.Api.Playbooks;

/// <summary>A section of a seed document: its lines and its heading.</summary>
public sealed record SeedSection(int FromLine, int ToLine, LocalizedText Heading)
{
    public bool Holds(int line) => FromLine <= line && line <= ToLine;
}

/// <summary>A seed document as readers should see it: publisher (when the document names one), title and sections.</summary>
public sealed record SeedDocument(string File, LocalizedText? Publisher, LocalizedText Title, IReadOnlyList<SeedSection> Sections)
{
    /// <summary>The narrowest section holding the line, or null when the line lies in none.</summary>
    public SeedSection? SectionAt(int line) =>
        Sections.Where(s => s.Holds(line)).OrderBy(s => s.ToLine - s.FromLine).FirstOrDefault();
}

/// <summary>
/// playbooks/sources.yaml: what each seed file the playbooks cite is (format: sources.schema.json). Read and checked
/// with the playbooks at startup; any problem stops the app with file:line:column, as a playbook's would.
/// </summary>
public sealed class SourceCatalog(IReadOnlyDictionary<string, SeedDocument> documents)
{
    public const string FileName = "sources.yaml";

    public static readonly SourceCatalog Empty = new(new Dictionary<string, SeedDocument>());

    public IReadOnlyDictionary<string, SeedDocument> Documents { get; } = documents;

    /// <summary>Title, publisher and section of a citation (the section of its first line); null for a file not listed.</summary>
    public SourceView View(SourceRef s)
    {
        var doc = Documents.GetValueOrDefault(s.File);
        return new SourceView(s.File, s.Lines, s.Derived)
        {
            Title = doc?.Title,
            Publisher = doc?.Publisher,
            Section = doc?.SectionAt(s.FromLine)?.Heading,
        };
    }

    /// <summary>Reads and checks the folder's sources.yaml; throws <see cref="InvalidPlaybooks"/> listing every problem.</summary>
    public static SourceCatalog LoadFile(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!System.IO.File.Exists(path))
            throw new InvalidPlaybooks([new PlaybookProblem(FileName, 0, 0, $"{FileName} not found in {folder} (the seed documents the playbooks cite)")]);
        var (catalog, problems) = SourceCatalogParser.Parse(FileName, System.IO.File.ReadAllText(path));
        if (problems.Count > 0) throw new InvalidPlaybooks(problems);
        return catalog!;
    }

    /// <summary>Every citation of the playbooks names a listed document (the problem points at the playbook).</summary>
    public IEnumerable<PlaybookProblem> Unresolved(IEnumerable<Playbook> playbooks) =>
        from p in playbooks
        from s in p.Signals.Select(g => g.Source).Concat(p.Steps.Select(x => x.Source))
        where !Documents.ContainsKey(s.File)
        select new PlaybookProblem(p.FileName, 1, 1, $"cites {s.File}, which {FileName} does not list");
}

internal sealed class SourceCatalogParser : YamlFileReader
{
    public static (SourceCatalog? Catalog, IReadOnlyList<PlaybookProblem> Problems) Parse(string fileName, string content)
    {
        var parser = new SourceCatalogParser();
        parser.Begin(fileName, content);
        var catalog = parser.Read(content);
        return (parser.Problems.Count == 0 ? catalog : null, parser.Problems);
    }

    private SourceCatalog? Read(string content)
    {
        if (Root(content, $"a {SourceCatalog.FileName} file holds exactly one mapping (sources: [...])") is not { } root) return null;
        UnknownKeys(root, ["sources"], "sources file");
        var documents = new Dictionary<string, SeedDocument>();
        foreach (var node in Seq(root, "sources", required: true))
        {
            if (ReadDocument(node) is not { } doc) continue;
            if (!documents.TryAdd(doc.File, doc)) Problem(node.Start, $"{doc.File} is listed twice");
        }
        foreach (var missing in Seeds.LineCounts.Keys.Where(f => !documents.ContainsKey(f)))
            Problem(root.Start, $"seed file {missing} is not listed (every seed the playbooks may cite needs a title)");
        return new SourceCatalog(documents);
    }

    private SeedDocument? ReadDocument(YamlNode node)
    {
        if (node is not YamlMappingNode m) { Problem(node.Start, "a source is a mapping with file, title and sections"); return null; }
        UnknownKeys(m, ["file", "publisher", "title", "sections"], "source");
        var file = Scalar(m, "file", required: true);
        if (file is not null && !Seeds.LineCounts.ContainsKey(file))
        {
            Problem(Get(m, "file")!.Start, $"unknown seed file '{file}' (one of {string.Join(", ", Seeds.LineCounts.Keys)})");
            file = null;
        }
        var publisher = Localized(m, "publisher", required: false);
        var title = Localized(m, "title", required: true);
        var count = file is null ? int.MaxValue : Seeds.LineCounts[file];
        var sections = Seq(m, "sections", required: true).Select(n => ReadSection(n, file, count)).ToList();
        var seen = new Dictionary<(int, int), YamlNode>();
        foreach (var (n, section) in Seq(m, "sections", required: false).Zip(sections))
            if (section is not null && !seen.TryAdd((section.FromLine, section.ToLine), n))
                Problem(n.Start, $"another section of {file} already covers lines {section.FromLine}-{section.ToLine}");
        if (file is null || title is null || sections.Any(s => s is null)) return null;
        return new SeedDocument(file, publisher, title, sections!);
    }

    private SeedSection? ReadSection(YamlNode node, string? file, int count)
    {
        if (node is not YamlMappingNode m) { Problem(node.Start, "a section is a mapping with lines and heading"); return null; }
        UnknownKeys(m, ["lines", "heading"], "section");
        var lines = Scalar(m, "lines", required: true);
        var heading = Localized(m, "heading", required: true);
        if (lines is null || LineRange(m, "lines", file, count) is not { } range) return null;
        return heading is null ? null : new SeedSection(range.From, range.To, heading);
    }
}
