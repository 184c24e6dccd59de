using System.Globalization;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Notifications;

namespace IncidentDesk.Api.Drills.ContactChecks;

/// <summary>
/// The drill mail of a contact-chain check, in the member's language, marked as a drill (<see cref="DrillMarking"/>). An
/// announced check tells people it is the check they were told about; an unannounced one asks them to answer as they
/// would a real alert. The personal acknowledge link is added by the dispatcher when the mail leaves (it is a credential
/// and never stored).
/// </summary>
public static class ContactCheckMessages
{
    public const string Template = "contact_check";

    /// <summary>The landing route of the check's acknowledge links (<c>/drill-ack/{checkId}?token=…</c>).</summary>
    public const string AckRoute = "drill-ack";

    public static (string Subject, string Body) Render(ContactCheck s, CheckMember to, DateTimeOffset stepDueAt, string timeZone)
    {
        var ja = to.Language != "en";
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var z) ? z : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(stepDueAt, zone);
        var due = local.ToString(ja ? "yyyy/MM/dd HH:mm:ss" : "d MMM yyyy, HH:mm:ss", CultureInfo.InvariantCulture)
                  + (zone.Id is "Asia/Tokyo" or "Tokyo Standard Time" ? " JST" : $" (UTC{local.Offset:+hh\\:mm;-hh\\:mm})");
        var (subject, body) = (s.Announced, ja) switch
        {
            (true, true) => ($"連絡体制の確認（予告済み）: {s.ChainName}",
                $"{to.Name} 様\n\n予告していた緊急連絡体制の確認訓練です。連絡体制「{s.ChainName}」の{to.Index + 1}番目の連絡先として、" +
                $"このメールが届くかを確認しています。\n\n下のリンクを開き、「受信を確認しました」ボタンを押してください（リンクを開くだけでは確認になりません）。\n" +
                $"確認の目安: {due} まで。期限を過ぎると、実際のインシデントと同じように次の連絡先へ連絡が回ります。\n\n実際の対応は不要です。"),
            (true, false) => ($"Contact-chain check (announced): {s.ChainName}",
                $"Dear {to.Name},\n\nThis is the contact-chain check you were told about. It checks that mail reaches you as contact no. {to.Index + 1} " +
                $"of the chain \"{s.ChainName}\".\n\nOpen the link below and press the \"I received this\" button (opening the link alone does not count).\n" +
                $"Please answer by {due}. After that the check moves on to the next contact, as a real escalation would.\n\nNo real action is needed."),
            (false, true) => ($"緊急連絡の確認（抜き打ち）: {s.ChainName}",
                $"{to.Name} 様\n\n緊急連絡体制の抜き打ち確認です。本物の緊急連絡を受けたときと同じように、できるだけ早く対応してください。\n" +
                $"連絡体制「{s.ChainName}」の{to.Index + 1}番目の連絡先として、このメールが届き、すぐに気づいてもらえるかを確認しています。\n\n" +
                $"下のリンクを開き、「受信を確認しました」ボタンを押してください（リンクを開くだけでは確認になりません）。\n" +
                $"確認の目安: {due} まで。期限を過ぎると、実際のインシデントと同じように次の連絡先へ連絡が回ります。"),
            (false, false) => ($"Emergency contact check (unannounced): {s.ChainName}",
                $"Dear {to.Name},\n\nThis is an unannounced check of the emergency contact chain. Please respond as quickly as you would to a real alert.\n" +
                $"It checks that mail reaches you, and is noticed, as contact no. {to.Index + 1} of the chain \"{s.ChainName}\".\n\n" +
                $"Open the link below and press the \"I received this\" button (opening the link alone does not count).\n" +
                $"Please answer by {due}. After that the check moves on to the next contact, as a real escalation would."),
        };
        return DrillMarking.Mark(subject, body, to.Language);
    }

    /// <summary>The mails the decided events send: one for every <see cref="ContactAttemptSent"/>, on the check's notice stream.</summary>
    public static IReadOnlyList<NotificationQueued> Plan(ContactCheck after, IEnumerable<IContactCheckEvent> decided, string timeZone, DateTimeOffset now)
    {
        var output = new List<NotificationQueued>();
        foreach (var sent in decided.OfType<ContactAttemptSent>())
        {
            var to = after.Members[sent.Member].Member;
            var (subject, body) = Render(after, to, sent.StepDueAt, timeZone);
            output.Add(new NotificationQueued(after.Id, sent.NotificationId, sent.Channel, to.Name, to.Email, to.Language, Template,
                subject, body, true, SystemActor.Id, now, after.RunId) { AckRoute = AckRoute });
        }
        return output;
    }

    /// <summary>R35: the reminder to admins and executives that no contact-chain check has completed for 12 months.</summary>
    public static (string Subject, string Body) RenderReminder(string language, DateTimeOffset? lastCheckAt, string timeZone, string publicUrl)
    {
        var ja = language != "en";
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var z) ? z : TimeZoneInfo.Utc;
        var last = lastCheckAt is { } at
            ? TimeZoneInfo.ConvertTime(at, zone).ToString(ja ? "yyyy/MM/dd" : "d MMM yyyy", CultureInfo.InvariantCulture)
            : null;
        var link = $"{publicUrl.TrimEnd('/')}/admin/setup";
        return ja
            ? ("【リマインダー】緊急連絡体制の確認訓練を実施してください",
                (last is null ? "緊急連絡体制の確認訓練がまだ一度も実施されていません。" : $"最後に緊急連絡体制の確認訓練を実施したのは {last} です。12か月以上経過しています。") +
                "\n\n非常時の連絡体制は、決めておくだけでは本当に機能するかわかりません。年1回を目安に、実際に連絡を回す訓練を行ってください。\n\n" +
                $"管理画面: {link}\n")
            : ("[Reminder] Please run a contact-chain check",
                (last is null ? "No contact-chain check has been run yet." : $"The last contact-chain check was completed on {last}, more than 12 months ago.") +
                "\n\nA contact chain that exists only on paper may not work when it is needed. Please try it for real about once a year.\n\n" +
                $"Admin page: {link}\n");
    }
}
