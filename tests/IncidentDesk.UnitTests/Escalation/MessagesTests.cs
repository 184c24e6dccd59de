using System.Text.RegularExpressions;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Notifications;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Escalation;

/// <summary>The texts people receive: every template in Japanese (default) and English, reporters in plain words.</summary>
public sealed class MessagesTests
{
    private static readonly string Link = $"https://desk.example.test/incidents/{IncidentId}";

    private static readonly string[] Templates =
        ["new_report", "escalation", "breach_acknowledge", "breach_triage", "reminder", "assigned", "stage_changed", "closed", "recovery_complete"];

    private static readonly Regex Japanese = new(@"\p{IsHiragana}|\p{IsKatakana}|\p{IsCJKUnifiedIdeographs}");

    private static Incident Fold(params IIncidentEvent[] history) => history.Aggregate((Incident?)null, (s, e) => Incident.Evolve(s, e))!;

    private static (string Subject, string Body) Render(string template, string language, Incident? incident = null, string? detail = null) =>
        Messages.Render(template, language, incident ?? Fold(InAnalysis()), Link, detail);

    public static TheoryData<string, string> EveryTemplateInBothLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var t in Templates)
        {
            data.Add(t, "ja");
            data.Add(t, "en");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTemplateInBothLanguages))]
    public void Every_template_names_the_incident_and_links_to_it(string template, string language)
    {
        var (subject, body) = Render(template, language);

        Assert.Contains(Reference, subject);
        Assert.Contains(Reference, body);
        Assert.Contains(Link, body);
    }

    [Theory]
    [InlineData("new_report")]
    [InlineData("escalation")]
    [InlineData("breach_acknowledge")]
    [InlineData("breach_triage")]
    [InlineData("reminder")]
    [InlineData("assigned")]
    [InlineData("stage_changed")]
    [InlineData("closed")]
    [InlineData("recovery_complete")]
    public void Every_template_is_Japanese_in_ja(string template)
    {
        var (subject, body) = Render(template, "ja", detail: "バックアップから復元");

        Assert.Matches(Japanese, subject);
        Assert.Matches(Japanese, body);
        Assert.Contains($"\n詳細: {Link}\n", body);
    }

    [Theory]
    [InlineData("new_report")]
    [InlineData("escalation")]
    [InlineData("breach_acknowledge")]
    [InlineData("breach_triage")]
    [InlineData("reminder")]
    [InlineData("assigned")]
    [InlineData("stage_changed")]
    [InlineData("closed")]
    [InlineData("recovery_complete")]
    public void Every_template_has_no_Japanese_in_en(string template)
    {
        var (subject, body) = Render(template, "en", detail: "restored from offline backup");

        Assert.DoesNotMatch(Japanese, subject);
        Assert.DoesNotMatch(Japanese, body);
        Assert.Contains($"\nDetails: {Link}\n", body);
    }

    [Fact]
    public void A_new_report_in_Japanese_states_the_facts_in_Tokyo_time()
    {
        var (subject, body) = Render("new_report", "ja", Fold(InDetection()));

        Assert.Equal($"【新規報告】{Reference} ウイルス・不審な動作", subject);
        Assert.Contains(
            $"受付番号: {Reference}\n種類: ウイルス・不審な動作\n内容: PC shows a ransom note\n" +
            "気づいた日時: 2026/11/20 17:50 JST\n報告日時: 2026/11/20 18:00 JST\n", body);
    }

    [Theory]
    [InlineData("Europe/Berlin", "20 Nov 2026, 10:00 UTC+01:00")]
    [InlineData("America/New_York", "20 Nov 2026, 04:00 UTC-05:00")]
    [InlineData("UTC", "20 Nov 2026, 09:00 UTC")]
    public void Times_are_given_in_the_SLA_policys_time_zone(string zone, string reported)
    {
        var (_, body) = Messages.Render("new_report", "en", Fold(InDetection()), Link, timeZone: zone);

        Assert.Contains($"Reported: {reported}\n", body);
    }

    [Fact]
    public void A_new_report_in_English_states_the_facts_in_Tokyo_time()
    {
        var (subject, body) = Render("new_report", "en", Fold(InDetection()));

        Assert.Equal($"[New report] {Reference} Malware", subject);
        Assert.Contains(
            $"Reference: {Reference}\nCategory: Malware\nWhat happened: PC shows a ransom note\n" +
            "Noticed: 20 Nov 2026, 17:50 JST\nReported: 20 Nov 2026, 18:00 JST\n", body);
    }

    [Fact]
    public void A_report_to_responders_states_what_the_reporter_gave_and_the_severity_once_rated()
    {
        var (_, ja) = Messages.Render("reminder", "ja", Fold(InAnalysis()), Link, about: new MessageFacts("山田 花子"));
        var (_, en) = Messages.Render("reminder", "en", Fold(InAnalysis()), Link, about: new MessageFacts("Yamada Hanako"));

        Assert.Contains("報告者: 山田 花子\n報告者の連絡先: ext. 1234\n端末: PC-0815\n重大度: 中\nネットワーク: 切断済み\n", ja);
        Assert.Contains("Reported by: Yamada Hanako\nReporter's contact: ext. 1234\nDevice: PC-0815\nSeverity: medium\nNetwork: disconnected\n", en);
        Assert.DoesNotContain("受付確認の期限", ja);
    }

    [Theory]
    [InlineData("stage_changed")]
    [InlineData("closed")]
    public void Messages_to_the_reporter_do_not_repeat_their_own_contact_details(string template)
    {
        var (_, body) = Messages.Render(template, "ja", Fold(InAnalysis()), Link, about: new MessageFacts("山田 花子"));

        Assert.DoesNotContain("報告者の連絡先", body);
        Assert.DoesNotContain("重大度", body);
    }

    [Fact]
    public void A_language_other_than_English_gets_the_Japanese_text()
    {
        Assert.Equal(Render("escalation", "ja"), Render("escalation", "fr"));
    }

    [Fact]
    public void The_Japanese_and_English_texts_differ_for_every_template()
    {
        Assert.All(Templates, t => Assert.NotEqual(Render(t, "ja"), Render(t, "en")));
    }

    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    public void An_unknown_template_throws(string language)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Render("breach_everything", language));

        Assert.Equal("template", e.ParamName);
    }

    [Theory]
    [InlineData(Stage.Triage, "担当者が状況を確認しています")]
    [InlineData(Stage.Analysis, "原因と影響を調査しています")]
    [InlineData(Stage.Recovery, "復旧作業中です")]
    [InlineData(Stage.Prevention, "再発防止策を検討しています")]
    public void A_reporter_hears_where_the_incident_stands_in_plain_Japanese(Stage stage, string plain)
    {
        var (subject, body) = Render("stage_changed", "ja", Fold(In(stage)));

        Assert.Equal($"【状況のお知らせ】{Reference}", subject);
        Assert.Contains($"ご報告いただいた件の状況が変わりました。\n\nいまの状況: {plain}\n", body);
    }

    [Theory]
    [InlineData(Stage.Triage, "a responder is looking into what happened")]
    [InlineData(Stage.Analysis, "the cause and the impact are being investigated")]
    [InlineData(Stage.Recovery, "systems are being restored")]
    [InlineData(Stage.Prevention, "measures against a recurrence are being decided")]
    public void A_reporter_hears_where_the_incident_stands_in_plain_English_without_stage_jargon(Stage stage, string plain)
    {
        var (subject, body) = Render("stage_changed", "en", Fold(In(stage)));

        Assert.Equal($"[Update] {Reference}", subject);
        Assert.Contains($"Where it stands: {plain}\n", body);
        Assert.DoesNotContain(stage.ToString(), body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_closed_incident_thanks_the_reporter_in_Japanese()
    {
        var (subject, body) = Render("closed", "ja", Fold(Closed()));

        Assert.Equal($"【対応完了】{Reference}", subject);
        Assert.StartsWith("ご報告いただいた件の対応が完了しました。速やかな報告にご協力いただき、ありがとうございました。", body);
    }

    [Fact]
    public void A_closed_incident_thanks_the_reporter_in_English()
    {
        var (subject, body) = Render("closed", "en", Fold(Closed()));

        Assert.Equal($"[Closed] {Reference}", subject);
        Assert.StartsWith("The incident you reported has been dealt with and closed. Thank you for reporting it promptly.", body);
    }

    [Fact]
    public void A_reminder_names_the_stage_the_incident_is_still_in()
    {
        var incident = Fold(InRecovery());

        Assert.Equal($"【リマインダー】{Reference} ウイルス・不審な動作 は「復旧」の段階のままです", Render("reminder", "ja", incident).Subject);
        Assert.Equal($"[Reminder] {Reference} Malware is still in recovery", Render("reminder", "en", incident).Subject);
    }

    [Fact]
    public void Recovery_complete_carries_what_was_done()
    {
        var (_, ja) = Render("recovery_complete", "ja", Fold(InPrevention()), "バックアップから復元しました");
        var (_, en) = Render("recovery_complete", "en", Fold(InPrevention()), "restored from offline backup");

        Assert.StartsWith("システムが復旧し、正常に動作していることを確認しました。\nバックアップから復元しました\n", ja);
        Assert.StartsWith("The systems are restored and normal operation has been verified.\nrestored from offline backup\n", en);
    }

    [Fact]
    public void Subjects_say_what_the_message_is_about()
    {
        Assert.Equal(
        [
            $"【エスカレーション】{Reference} ウイルス・不審な動作 が未確認です",
            $"【対応期限超過】{Reference} ウイルス・不審な動作 が連絡体制の全員に未確認です",
            $"【対応期限超過】{Reference} ウイルス・不審な動作 の初動対応が期限内に終わっていません",
            $"【担当割当】{Reference} ウイルス・不審な動作 の対応責任者になりました",
            $"[Escalation] {Reference} Malware is unacknowledged",
            $"[SLA breached] {Reference} Malware: nobody in the contact chain acknowledged",
            $"[SLA breached] {Reference} Malware: triage not finished in time",
            $"[Assigned] You now own {Reference} Malware",
        ],
        new[] { "ja", "en" }.SelectMany(l => new[] { "escalation", "breach_acknowledge", "breach_triage", "assigned" }
            .Select(t => Render(t, l).Subject)));
    }

    [Theory]
    [InlineData("ja")]
    [InlineData("en")]
    public void Every_category_has_a_name_of_its_own(string language)
    {
        var names = Enum.GetValues<Category>()
            .Select(c => Render("new_report", language, Fold(Reported(c))).Subject)
            .ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
    }
}
