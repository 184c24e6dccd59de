using IncidentDesk.Api.Playbooks;

namespace IncidentDesk.UnitTests.Playbooks;

/// <summary>
/// playbooks/sources.yaml names the seed documents the playbooks cite; readers see a title and a section, never a
/// file name and line. It is checked as strictly as a playbook: any problem stops the app with file:line:column.
/// </summary>
public sealed class SourceCatalogTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("incidentdesk-sources-");

    public void Dispose() => folder.Delete(recursive: true);

    private static string RepoSources => File.ReadAllText(Path.Combine(TestPlaybooks.RepoPlaybooksFolder, SourceCatalog.FileName));

    [Fact]
    public void Every_citation_of_the_repository_playbooks_has_a_title_and_the_section_its_line_falls_in()
    {
        var (playbooks, sources) = PlaybookLibrary.LoadFolderWithSources(TestPlaybooks.RepoPlaybooksFolder);
        var citations = playbooks.SelectMany(p => p.Signals.Select(g => g.Source).Concat(p.Steps.Select(s => s.Source))).ToList();

        Assert.True(citations.Count > 100, $"only {citations.Count} citations");
        Assert.All(citations, c =>
        {
            var view = sources.View(c);
            Assert.False(string.IsNullOrWhiteSpace(view.Title?.Ja), $"{c.File}:{c.Lines} has no title");
            Assert.False(string.IsNullOrWhiteSpace(view.Title?.En), $"{c.File}:{c.Lines} has no English title");
            Assert.True(view.Section is not null, $"{c.File}:{c.Lines} falls in no known section");
        });
    }

    [Fact]
    public void Every_decision_kinds_guidance_is_cited_by_title_and_section_not_by_file()
    {
        var (_, sources) = PlaybookLibrary.LoadFolderWithSources(TestPlaybooks.RepoPlaybooksFolder);

        Assert.All(IncidentDesk.Api.Decisions.DecisionKinds.All, kind =>
        {
            var citations = IncidentDesk.Api.Decisions.GettingDecisions.DecisionViews.Citations(sources, kind.Source);
            Assert.Equal(kind.Source.Split(';').Length, citations.Count);
            Assert.All(citations, c =>
            {
                Assert.False(string.IsNullOrWhiteSpace(c.Title?.Ja), $"{kind.Kind}: {c.File}:{c.Lines} has no title");
                Assert.True(c.Section is not null, $"{kind.Kind}: {c.File}:{c.Lines} falls in no known section");
            });
        });
    }

    [Fact]
    public void A_citation_reads_as_the_documents_title_and_its_narrowest_section()
    {
        var (_, sources) = PlaybookLibrary.LoadFolderWithSources(TestPlaybooks.RepoPlaybooksFolder);

        var view = sources.View(new SourceRef("003_8c09d1b49d27eae0.txt", 569, 569, false));

        Assert.Equal("テレワークセキュリティガイドライン 第4版", view.Title!.Ja);
        Assert.Equal("総務省", view.Publisher!.Ja);
        Assert.Equal("3.(イ) トラブル事例と対策〈2〉マルウェア感染", view.Section!.Ja);
        // A line in a section and in a narrower one inside it: the narrower one.
        var detection = sources.View(new SourceRef("000_d9135f91c3be05b2.txt", 1345, 1345, false));
        Assert.Equal("インシデントレスポンス体制整備（1）事故の検知", detection.Section!.Ja);
    }

    [Fact]
    public void A_document_without_a_publisher_has_a_title_only()
    {
        var (_, sources) = PlaybookLibrary.LoadFolderWithSources(TestPlaybooks.RepoPlaybooksFolder);

        var view = sources.View(new SourceRef("004_881559801ac7ed88.txt", 223, 237, false));

        Assert.Null(view.Publisher);
        Assert.Equal("技術的安全管理措置", view.Title!.Ja);
        Assert.StartsWith("3-1", view.Section!.Ja, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_sources_file_stops_the_app()
    {
        var e = Assert.Throws<InvalidPlaybooks>(() => SourceCatalog.LoadFile(folder.FullName));

        Assert.Contains("sources.yaml not found", Assert.Single(e.Problems).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    title: { ja: テレワークセキュリティガイドライン 第4版, en: \"Telework Security Guidelines (4th edition)\" }",
        "    title: { ja: テレワークセキュリティガイドライン 第4版 }", "has no English text (en)")]
    [InlineData("      - { lines: 1077-1135, heading:", "      - { lines: 1077-1136, heading:", "003_8c09d1b49d27eae0.txt has 1135 lines; '1077-1136' is past its end")]
    [InlineData("      - { lines: 1077-1135, heading:", "      - { lines: 1135-1077, heading:", "'lines' must be N or N-M")]
    [InlineData("  - file: 004_881559801ac7ed88.txt", "  - file: 005_unknown.txt", "unknown seed file '005_unknown.txt'")]
    [InlineData("    publisher: { ja: 総務省, en: \"Ministry of Internal Affairs and Communications (MIC)\" }\n    title: { ja: テレワーク",
        "    publisher: { ja: 総務省, en: \"Ministry of Internal Affairs and Communications (MIC)\" }\n    edition: 4\n    title: { ja: テレワーク",
        "unknown key 'edition' in source")]
    public void A_broken_sources_file_is_refused_at_the_broken_line(string original, string broken, string message)
    {
        var yaml = RepoSources.ReplaceLineEndings("\n");
        Assert.Contains(original, yaml, StringComparison.Ordinal);
        yaml = yaml.Replace(original, broken, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder.FullName, SourceCatalog.FileName), yaml);
        var brokenLine = yaml[..yaml.IndexOf(broken, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var e = Assert.Throws<InvalidPlaybooks>(() => SourceCatalog.LoadFile(folder.FullName));

        var problem = Assert.Single(e.Problems, p => p.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(SourceCatalog.FileName, problem.File);
        Assert.InRange(problem.Line, brokenLine, brokenLine + broken.Count(c => c == '\n'));
        Assert.True(problem.Column >= 1);
        Assert.StartsWith($"sources.yaml:{problem.Line}:{problem.Column}: ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_seed_file_left_out_of_the_sources_file_stops_the_app()
    {
        var yaml = RepoSources.ReplaceLineEndings("\n");
        yaml = yaml[..yaml.IndexOf("  - file: 004_881559801ac7ed88.txt", StringComparison.Ordinal)];
        File.WriteAllText(Path.Combine(folder.FullName, SourceCatalog.FileName), yaml);

        var e = Assert.Throws<InvalidPlaybooks>(() => SourceCatalog.LoadFile(folder.FullName));

        Assert.Contains(e.Problems, p => p.Message.Contains("004_881559801ac7ed88.txt is not listed", StringComparison.Ordinal));
    }

    [Fact]
    public void The_folder_loads_only_with_its_sources_file_and_the_playbooks_are_not_mistaken_for_it()
    {
        foreach (var f in Directory.GetFiles(TestPlaybooks.RepoPlaybooksFolder, "*.yaml"))
            File.Copy(f, Path.Combine(folder.FullName, Path.GetFileName(f)));

        var (playbooks, sources) = PlaybookLibrary.LoadFolderWithSources(folder.FullName);
        Assert.Equal(10, playbooks.Count);
        Assert.Equal(5, sources.Documents.Count);

        File.Delete(Path.Combine(folder.FullName, SourceCatalog.FileName));
        var e = Assert.Throws<InvalidPlaybooks>(() => PlaybookLibrary.LoadFolderWithSources(folder.FullName));
        Assert.Contains("sources.yaml not found", Assert.Single(e.Problems).Message, StringComparison.Ordinal);
    }
}
