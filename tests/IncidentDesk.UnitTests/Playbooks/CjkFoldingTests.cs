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

    /// <summary>Every Japanese text of a playbook: titles, summaries, signals, guidance, evidence prompts, parties.</summary>
    private static IEnumerable<(string Where, string Text)> JapaneseTexts(Playbook p) =>
        new[] { ("title", p.Title), ("summary", p.Summary) }
            .Concat(p.Signals.Select((g, i) => ($"signal {i + 1}", g.Text)))
            .Concat(p.Steps.SelectMany(s => new[] { ($"{s.Id} title", (LocalizedText?)s.Title), ($"{s.Id} guidance", s.Guidance),
                ($"{s.Id} evidence", s.Evidence.Prompt), ($"{s.Id} party", s.NotifyParty) }
                .Where(x => x.Item2 is not null).Select(x => (x.Item1, x.Item2!))))
            .Select(x => ($"{p.FileName} {x.Item1}", x.Item2.Ja));

    [Fact]
    public void The_repository_playbooks_have_no_space_after_a_Japanese_full_stop_or_comma()
    {
        var texts = PlaybookLibrary.LoadFolder(TestPlaybooks.RepoPlaybooksFolder).SelectMany(JapaneseTexts).ToList();

        Assert.True(texts.Count > 300, $"only {texts.Count} Japanese texts");
        Assert.DoesNotContain(texts, t => t.Text.Contains("。 ", StringComparison.Ordinal) || t.Text.Contains("、 ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_repository_playbooks_have_no_space_folded_in_between_two_Japanese_characters()
    {
        // No source line of the playbooks has a space between two CJK characters (checked first), so any such space
        // in the loaded text could only come from folding a line break.
        var cjkSpace = new System.Text.RegularExpressions.Regex(@"[\u3000-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uFF00-\uFFEF] [\u3000-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uFF00-\uFFEF]");
        var lines = Directory.GetFiles(TestPlaybooks.RepoPlaybooksFolder, "c*.yaml").SelectMany(File.ReadAllLines).ToList();
        Assert.DoesNotContain(lines, l => cjkSpace.IsMatch(l));
        var folded = lines.Count(l => l.TrimEnd().EndsWith(": >-", StringComparison.Ordinal) || l.TrimEnd().EndsWith(": >", StringComparison.Ordinal));
        Assert.True(folded > 0, "the playbooks have no folded text, so this test would prove nothing");

        var texts = PlaybookLibrary.LoadFolder(TestPlaybooks.RepoPlaybooksFolder).SelectMany(JapaneseTexts).ToList();

        Assert.Empty(texts.Where(t => cjkSpace.IsMatch(t.Text)).Select(t => $"{t.Where}: {t.Text}"));
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
