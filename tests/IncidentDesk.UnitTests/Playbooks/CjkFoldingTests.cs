using IncidentDesk.Api.Playbooks;

namespace IncidentDesk.UnitTests.Playbooks;

/// <summary>Folded YAML text in Japanese reads as Japanese: no space where a line break fell between CJK text.</summary>
public sealed class CjkFoldingTests
{
    /// <summary>A valid test playbook whose summary is the given block (its lines indented under 'summary:').</summary>
    private static Playbook WithSummary(string summaryBlock)
    {
        var yaml = TestPlaybooks.Yaml("cjk-test", "C1", 1, [.. new[] { "detection", "triage", "analysis", "recovery", "prevention" }.Select(st => TestPlaybooks.Step($"s-{st}", st))])
            .Replace("summary: { ja: 単体テストのための手順書です。, en: A playbook for unit tests. }\n",
                "summary:\n" + summaryBlock.ReplaceLineEndings("\n") + "\n", StringComparison.Ordinal);
        var (playbook, problems) = PlaybookParser.Parse("t.yaml", yaml);
        Assert.Empty(problems);
        return playbook!;
    }

    private static string Summary(string summaryBlock) => WithSummary(summaryBlock).Summary.Ja;

    [Fact]
    public void A_Japanese_sentence_broken_over_lines_has_no_space_inside_or_after_its_full_stop()
    {
        var text = Summary("""
              ja: >-
                感染したおそれがあります。
                LANケーブルを抜いて
                報告します。
              en: >-
                It may be infected.
                Unplug the LAN cable.
            """);
        Assert.Equal("感染したおそれがあります。LANケーブルを抜いて報告します。", text);
    }

    [Fact]
    public void English_keeps_its_spaces_and_a_blank_line_stays_a_line_break()
    {
        var playbook = WithSummary("""
              ja: >-
                一段落目です。

                二段落目です。
              en: >-
                First line
                second line.

                Next paragraph.
            """);
        Assert.Equal("一段落目です。\n二段落目です。", playbook.Summary.Ja);
        Assert.Equal("First line second line.\nNext paragraph.", playbook.Summary.En);
    }

    [Fact]
    public void The_repository_playbooks_have_no_space_after_a_Japanese_full_stop()
    {
        var loaded = PlaybookLibrary.LoadFolder(TestPlaybooks.RepoPlaybooksFolder);
        var texts = loaded.SelectMany(p => new[] { p.Summary.Ja, p.Title.Ja }
            .Concat(p.Steps.SelectMany(s => new[] { s.Title.Ja, s.Guidance.Ja }))).ToList();
        Assert.NotEmpty(texts);
        Assert.DoesNotContain(texts, t => t.Contains("。 ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("あ", true)]
    [InlineData("ア", true)]
    [InlineData("漢", true)]
    [InlineData("。", true)]
    [InlineData("（", true)]
    [InlineData("A", false)]
    [InlineData(".", false)]
    public void Knows_CJK_characters(string c, bool cjk) => Assert.Equal(cjk, CjkFolding.IsCjk(c[0]));
}
