using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Filing;
using static IncidentDesk.UnitTests.Testing.Fixed;

namespace IncidentDesk.UnitTests.Incidents.Filing;

/// <summary>What counts as "nearly the same text" for a possible duplicate report, and the one-hour window.</summary>
public sealed class PossibleDuplicateTests
{
    private static readonly Guid Earlier = Guid.Parse("01930000-0000-7000-8000-000000000002");

    [Theory]
    [InlineData("PCの画面に身代金を要求するメッセージが出ました", "PCの画面に身代金を要求するメッセージが表示されました")]
    [InlineData("PCの画面に身代金を要求するメッセージが出ました。", "ＰＣの画面に、身代金を要求するメッセージが出ました！")]
    [InlineData("共有フォルダのファイルが暗号化されました", "共有フォルダのファイルが暗号化されています")]
    [InlineData("Ransom note on the file server", "ransom note on the FILE server!!")]
    [InlineData("Phishing mail: Zebra invoice overdue", "Phishing mail: zebra invoice is overdue")]
    public void Nearly_the_same_text_is_similar(string a, string b) =>
        Assert.True(PossibleDuplicates.Similarity(a, b) >= PossibleDuplicates.Threshold, $"{PossibleDuplicates.Similarity(a, b)}");

    [Theory]
    [InlineData("PCの画面に身代金を要求するメッセージが出ました", "ファイルサーバのファイルが開けなくなり拡張子が変わっています")]
    [InlineData("ノートPCを電車に置き忘れました", "スマホを電車に置き忘れました")]
    [InlineData("Ransom note on the file server", "Laptop left on the train")]
    [InlineData("!!!", "???")]
    public void Different_text_is_not(string a, string b) =>
        Assert.True(PossibleDuplicates.Similarity(a, b) < PossibleDuplicates.Threshold, $"{PossibleDuplicates.Similarity(a, b)}");

    [Fact]
    public void Similarity_is_symmetric_and_one_for_the_same_text()
    {
        Assert.Equal(1.0, PossibleDuplicates.Similarity("同じ文章", "同じ 文章。"));
        Assert.Equal(PossibleDuplicates.Similarity("abc def", "abd xef"), PossibleDuplicates.Similarity("abd xef", "abc def"));
    }

    private static IncidentReported Reported(string summary) =>
        new(IncidentId, Reference, Category.C2, summary, Now.AddMinutes(-5), null, null, false, null, Reporter, Now);

    [Fact]
    public void A_similar_report_from_the_last_hour_is_flagged_by_the_system_naming_the_other_incident()
    {
        var earlier = new EarlierReport(Earlier, "INC-2026-0041", "PCの画面に身代金を要求するメッセージが出ました", Now.AddMinutes(-59));

        var flag = Assert.IsType<PossibleDuplicateFlagged>(Assert.Single(
            FileReportHandler.FlagPossibleDuplicate(Reported("PCの画面に身代金を要求するメッセージが表示されました"), [earlier])));

        Assert.Equal((IncidentId, Earlier, "INC-2026-0041", SystemActor.Id, Now), (flag.IncidentId, flag.OtherIncidentId, flag.OtherReference, flag.Actor, flag.At));
        Assert.InRange(flag.Similarity, PossibleDuplicates.Threshold, 1);
        Assert.Equal(new PossibleDuplicate(Earlier, "INC-2026-0041", flag.Similarity, Now),
            Incident.Evolve(Incident.Evolve(null, Reported("x")), flag).PossibleDuplicateOf);
    }

    [Fact]
    public void A_report_older_than_an_hour_or_a_different_text_is_not_flagged()
    {
        var text = "PCの画面に身代金を要求するメッセージが出ました";
        Assert.Empty(FileReportHandler.FlagPossibleDuplicate(Reported(text), [new EarlierReport(Earlier, "INC-2026-0041", text, Now.AddMinutes(-61))]));
        Assert.Empty(FileReportHandler.FlagPossibleDuplicate(Reported(text),
            [new EarlierReport(Earlier, "INC-2026-0041", "ファイルサーバのファイルが開けなくなりました", Now.AddMinutes(-5))]));
        Assert.Empty(FileReportHandler.FlagPossibleDuplicate(Reported(text), []));
    }

    [Fact]
    public void Of_several_similar_reports_the_most_similar_is_named()
    {
        var best = new EarlierReport(Guid.NewGuid(), "INC-2026-0040", "共有フォルダのファイルが暗号化されました", Now.AddMinutes(-30));
        var close = new EarlierReport(Earlier, "INC-2026-0041", "共有フォルダのファイルが暗号化されています", Now.AddMinutes(-10));

        var flag = Assert.IsType<PossibleDuplicateFlagged>(Assert.Single(
            FileReportHandler.FlagPossibleDuplicate(Reported("共有フォルダのファイルが暗号化されました。"), [close, best])));
        Assert.Equal("INC-2026-0040", flag.OtherReference);
    }
}
