using IncidentDesk.Api.Notifications;

namespace IncidentDesk.UnitTests.Notifications;

public sealed class DrillMarkingTests
{
    [Theory]
    [InlineData("ja", "【訓練】これは訓練のメッセージです。実際のインシデントではありません。")]
    [InlineData("en", "[DRILL] This message is part of a drill. It is not a real incident.")]
    public void A_drill_message_gets_the_prefix_and_a_first_line_in_the_recipients_language(string language, string firstLine)
    {
        var (subject, body) = DrillMarking.Mark("【新規報告】DRL-2026-0001", "本文\n", language);

        Assert.Equal("【訓練/DRILL】 【新規報告】DRL-2026-0001", subject);
        Assert.StartsWith(firstLine + "\n\n本文\n\n", body);
        Assert.EndsWith(DrillMarking.LastLine(language) + "\n", body);
        Assert.True(DrillMarking.IsMarked(subject, body, language));
    }

    [Fact]
    public void Marking_a_marked_message_changes_nothing()
    {
        var once = DrillMarking.Mark("Inject 1", "Body", "en");

        Assert.Equal(once, DrillMarking.Mark(once.Subject, once.Body, "en"));
    }

    [Fact]
    public void An_unmarked_message_is_not_taken_for_a_marked_one()
    {
        Assert.False(DrillMarking.IsMarked("【訓練/DRILL】 Inject", "Body", "en"));
        Assert.False(DrillMarking.IsMarked("Inject", DrillMarking.Mark("x", "Body", "en").Body, "en"));
    }

    [Fact]
    public void A_real_message_during_a_drill_says_it_is_real_once()
    {
        var real = DrillMarking.MarkReal("新しい報告があります。", "ja");

        Assert.StartsWith("【実案件】これは実際のインシデントです（訓練ではありません）。", real);
        Assert.Equal(real, DrillMarking.MarkReal(real, "ja"));
        Assert.False(DrillMarking.IsMarked("件名", real, "ja"));
    }
}
