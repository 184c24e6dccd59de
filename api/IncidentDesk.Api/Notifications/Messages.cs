using IncidentDesk.Api.Incidents;

namespace IncidentDesk.Api.Notifications;

/// <summary>Facts a message needs beyond the incident: the reporter's name, and the acknowledge deadline it announces.</summary>
public sealed record MessageFacts(string? ReporterName = null, DateTimeOffset? AckDueAt = null)
{
    /// <summary>The briefing a "briefing" message carries.</summary>
    public BriefingText? Briefing { get; init; }

    /// <summary>When the briefing that "briefing_due" / "briefing_missed" is about fell due, and when the executives hear it is late.</summary>
    public DateTimeOffset? BriefingDueAt { get; init; }

    public DateTimeOffset? BriefingLateAt { get; init; }

    public string? OwnerName { get; init; }
}

/// <summary>An executive briefing as posted, for its mail.</summary>
public sealed record BriefingText(
    int Number, string WhatHappened, string Impact, string Response, string Unknowns, string NextDecision, string? PostedBy,
    DateTimeOffset PostedAt);

/// <summary>
/// What a message about a decision request says: the question and options as asked (the requester's words), the
/// deadline, the outcome when there is one, and the link to the request's page (which needs a signed-in Executive to
/// decide: no message ever carries a link that decides).
/// </summary>
public sealed record DecisionMessage(
    string Reference, string Question, DateTimeOffset NeededBy, IReadOnlyList<(string Label, string Consequence)> Options,
    string? Recommendation, string Link, string? Outcome = null, string? Conditions = null, string? Rationale = null,
    string? By = null, string? Text = null);

/// <summary>The texts of every message IncidentDesk sends, in Japanese (default) and English.</summary>
public static class Messages
{
    /// <summary>Messages about a decision request (issue 10 §3); times in the organisation's zone.</summary>
    public static (string Subject, string Body) RenderDecision(string template, string language, DecisionMessage m, string timeZone = "Asia/Tokyo")
    {
        var ja = language != "en";
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var z) ? z : TimeZoneInfo.Utc;
        var due = LocalTime(m.NeededBy, zone, ja);
        var options = string.Concat(m.Options.Select((o, i) => ja ? $"  {i + 1}. {o.Label}\n     結果: {o.Consequence}\n" : $"  {i + 1}. {o.Label}\n     Consequence: {o.Consequence}\n"));
        var asked = ja
            ? $"受付番号: {m.Reference}\n判断を求める事項: {m.Question}\n期限: {due}\n選択肢:\n{options}" + (m.Recommendation is { } r ? $"担当者の推奨: {r}\n" : "")
            : $"Reference: {m.Reference}\nDecision needed: {m.Question}\nNeeded by: {due}\nOptions:\n{options}" + (m.Recommendation is { } r2 ? $"The requester recommends: {r2}\n" : "");
        var outcome = ja
            ? $"決定: {m.Outcome}\n" + (m.Conditions is { } c ? $"条件: {c}\n" : "") + (m.Rationale is { } why ? $"理由: {why}\n" : "") + (m.By is { } by ? $"決定者: {by}\n" : "")
            : $"Decision: {m.Outcome}\n" + (m.Conditions is { } c2 ? $"Conditions: {c2}\n" : "") + (m.Rationale is { } why2 ? $"Rationale: {why2}\n" : "") + (m.By is { } by2 ? $"Decided by: {by2}\n" : "");
        var open = ja ? $"\n判断の画面（ログインが必要です）: {m.Link}\n" : $"\nDecision page (sign-in required): {m.Link}\n";
        var head = $"{m.Reference} {m.Question}";
        return (template, ja) switch
        {
            ("decision_requested", true) => ($"【経営判断のお願い】{head}", $"経営層による判断が必要です。期限までに判断してください。\n\n{asked}{open}"),
            ("decision_requested", false) => ($"[Decision needed] {head}", $"An executive decision is needed. Please decide by the deadline.\n\n{asked}{open}"),
            ("decision_reminder", true) => ($"【リマインダー】経営判断の期限が近づいています: {head}", $"まだ判断されていません。期限は {due} です。\n\n{asked}{open}"),
            ("decision_reminder", false) => ($"[Reminder] Decision due soon: {head}", $"This decision has not been taken yet. It is needed by {due}.\n\n{asked}{open}"),
            ("decision_escalated", true) => ($"【エスカレーション】経営判断が期限までに行われていません: {head}", $"承認者による判断が期限までに行われなかったため、あなたにも判断をお願いします。新しい期限は {due} です。\n\n{asked}{open}"),
            ("decision_escalated", false) => ($"[Escalated] Decision not taken in time: {head}", $"The approvers did not decide in time, so you are now asked to decide. The new deadline is {due}.\n\n{asked}{open}"),
            ("decision_reasked", true) => ($"【再依頼】経営判断をあらためてお願いします: {head}", $"期限までに判断されなかったため、期限を延ばしてあらためてお願いします。新しい期限は {due} です。\n\n{asked}{open}"),
            ("decision_reasked", false) => ($"[Asked again] Decision still needed: {head}", $"No decision was taken in time, so you are asked again with a new deadline: {due}.\n\n{asked}{open}"),
            ("decision_reached", true) => ($"【経営判断】決定しました: {head}", $"判断が下されました。\n\n{outcome}\n{asked}{open}"),
            ("decision_reached", false) => ($"[Decided] {head}", $"The decision has been taken.\n\n{outcome}\n{asked}{open}"),
            ("decision_superseded", true) => ($"【経営判断】決定が変更されました: {head}", $"以前の決定に代わる新しい判断が下されました。\n変更の理由: {m.Text}\n\n{outcome}\n{asked}{open}"),
            ("decision_superseded", false) => ($"[Decision changed] {head}", $"A new decision replaces the earlier one.\nWhy: {m.Text}\n\n{outcome}\n{asked}{open}"),
            ("decision_default_applied", true) => ($"【期限切れ】既定の選択肢を適用しました: {head}", $"期限までに判断されなかったため、依頼時に定めた既定の選択肢を適用しました。必要であれば経営層が決定を変更できます。\n\n{outcome}\n{asked}{open}"),
            ("decision_default_applied", false) => ($"[Lapsed] Default applied: {head}", $"No decision was taken by the deadline, so the default set in the request was applied. Executives can still supersede it.\n\n{outcome}\n{asked}{open}"),
            ("decision_no_decision", true) => ($"【期限切れ】経営判断が行われませんでした: {head}", $"期限までに判断されず、「判断なし」として記録しました。対応責任者として、次の対応を検討してください。\n\n{asked}{open}"),
            ("decision_no_decision", false) => ($"[Lapsed] No decision taken: {head}", $"No decision was taken by the deadline; this is recorded as \"no decision taken\". As the owner, please decide how to proceed.\n\n{asked}{open}"),
            ("decision_info_asked", true) => ($"【確認依頼】経営層から質問があります: {head}", $"判断の前に、次の点を確認したいとのことです。\n質問: {m.Text}\n質問者: {m.By}\n\n{asked}{open}"),
            ("decision_info_asked", false) => ($"[Question] An executive asks before deciding: {head}", $"Before deciding, an executive asks:\n{m.Text}\nAsked by: {m.By}\n\n{asked}{open}"),
            ("decision_info_answered", true) => ($"【回答】質問への回答がありました: {head}", $"質問への回答がありました。\n回答: {m.Text}\n回答者: {m.By}\n\n{asked}{open}"),
            ("decision_info_answered", false) => ($"[Answered] Your question was answered: {head}", $"Your question has been answered:\n{m.Text}\nAnswered by: {m.By}\n\n{asked}{open}"),
            ("decision_withdrawn", true) => ($"【取り下げ】経営判断の依頼が取り下げられました: {head}", $"この判断の依頼は取り下げられました。判断は不要です。\n理由: {m.Text}\n\n{asked}{open}"),
            ("decision_withdrawn", false) => ($"[Withdrawn] Decision no longer needed: {head}", $"This decision request was withdrawn; no decision is needed.\nWhy: {m.Text}\n\n{asked}{open}"),
            _ => throw new ArgumentOutOfRangeException(nameof(template), template, "unknown message template"),
        };
    }

    /// <param name="timeZone">The SLA policy's time zone: times in the text are local to the organisation.</param>
    /// <param name="about">Who reported it and by when it must be acknowledged, for the people who respond.</param>
    public static (string Subject, string Body) Render(string template, string language, Incident s, string link, string? detail = null,
        string timeZone = "Asia/Tokyo", MessageFacts? about = null)
    {
        var ja = language != "en";
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var z) ? z : TimeZoneInfo.Utc;
        string Local(DateTimeOffset t) => LocalTime(t, zone, ja);
        var category = ja ? CategoryJa(s.Category) : CategoryEn(s.Category);
        var head = $"{s.Reference} {category}";
        var facts = ja
            ? $"受付番号: {s.Reference}\n種類: {category}\n内容: {s.Summary}\n気づいた日時: {Local(s.NoticedAt)}\n報告日時: {Local(s.ReportedAt)}\n"
            : $"Reference: {s.Reference}\nCategory: {category}\nWhat happened: {s.Summary}\nNoticed: {Local(s.NoticedAt)}\nReported: {Local(s.ReportedAt)}\n";
        // Reporters are told about their own report; everyone else needs to know who to call and how bad it is.
        if (template is not ("stage_changed" or "closed")) facts += ResponderFacts(s, about ?? new MessageFacts(), ja, Local);
        var open = ja ? $"\n詳細: {link}\n" : $"\nDetails: {link}\n";
        var b = about?.Briefing;
        var dueAt = about?.BriefingDueAt is { } d ? Local(d) : "";
        var lateAt = about?.BriefingLateAt is { } l ? Local(l) : "";
        var last = s.LastBriefingAt is { } lb
            ? ja ? $"前回の報告: 第{s.BriefingCount}報（{Local(lb)}）\n" : $"Last briefing: no. {s.BriefingCount} ({Local(lb)})\n"
            : ja ? "前回の報告: まだ一度も報告されていません\n" : "Last briefing: none has been posted yet\n";
        return (template, ja) switch
        {
            ("new_report", true) => ($"【新規報告】{head}", $"新しいセキュリティ事故の報告がありました。内容を確認し、受付を確認してください。\n\n{facts}{open}"),
            ("new_report", false) => ($"[New report] {head}", $"A new security incident has been reported. Please review it and acknowledge it.\n\n{facts}{open}"),
            ("escalation", true) => ($"【エスカレーション】{head} が未確認です", $"期限までに誰も受付を確認していないため、連絡体制に従ってお知らせします。至急確認してください。\n\n{facts}{open}"),
            ("escalation", false) => ($"[Escalation] {head} is unacknowledged", $"Nobody acknowledged this report in time, so the contact chain now reaches you. Please look at it now.\n\n{facts}{open}"),
            ("breach_acknowledge", true) => ($"【対応期限超過】{head} が連絡体制の全員に未確認です", $"連絡体制の全員に連絡しましたが、受付が確認されていません。経営層として状況を確認してください。\n\n{facts}{open}"),
            ("breach_acknowledge", false) => ($"[SLA breached] {head}: nobody in the contact chain acknowledged", $"Everyone in the contact chain was alerted and nobody has acknowledged. As an executive, please find out why.\n\n{facts}{open}"),
            ("breach_triage", true) => ($"【対応期限超過】{head} の初動対応が期限内に終わっていません", $"初動対応の期限を過ぎました。状況を確認し、対応を進めてください。\n\n{facts}{open}"),
            ("breach_triage", false) => ($"[SLA breached] {head}: triage not finished in time", $"The triage deadline has passed. Please check and move the incident on.\n\n{facts}{open}"),
            ("reminder", true) => ($"【リマインダー】{head} は「{StageJa(s.Stage)}」の段階のままです", $"この件はまだ「{StageJa(s.Stage)}」の段階です。進み具合を確認してください。\n\n{facts}{open}"),
            ("reminder", false) => ($"[Reminder] {head} is still in {s.Stage.ToString().ToLowerInvariant()}", $"This incident is still in the {s.Stage.ToString().ToLowerInvariant()} stage. Please check on its progress.\n\n{facts}{open}"),
            ("assigned", true) => ($"【担当割当】{head} の対応責任者になりました", $"あなたがこの件の対応責任者に割り当てられました。\n\n{facts}{open}"),
            ("assigned", false) => ($"[Assigned] You now own {head}", $"You have been assigned as the owner of this incident.\n\n{facts}{open}"),
            ("stage_changed", true) => ($"【状況のお知らせ】{s.Reference}", $"ご報告いただいた件の状況が変わりました。\n\nいまの状況: {PlainJa(s.Stage)}\n\n{facts}{open}"),
            ("stage_changed", false) => ($"[Update] {s.Reference}", $"The incident you reported has moved on.\n\nWhere it stands: {PlainEn(s.Stage)}\n\n{facts}{open}"),
            ("closed", true) => ($"【対応完了】{s.Reference}", $"ご報告いただいた件の対応が完了しました。速やかな報告にご協力いただき、ありがとうございました。\n\n{facts}{open}"),
            ("closed", false) => ($"[Closed] {s.Reference}", $"The incident you reported has been dealt with and closed. Thank you for reporting it promptly.\n\n{facts}{open}"),
            ("recovery_complete", true) => ($"【復旧完了】{head}", $"システムが復旧し、正常に動作していることを確認しました。\n{detail}\n\n{facts}{open}"),
            ("recovery_complete", false) => ($"[Recovered] {head}", $"The systems are restored and normal operation has been verified.\n{detail}\n\n{facts}{open}"),
            ("briefing", true) when b is not null => ($"【状況報告 第{b.Number}報】{head}",
                $"経営層への状況報告（第{b.Number}報）です。{b.PostedBy ?? "対応担当者"}が{Local(b.PostedAt)}に報告しました。\n\n" +
                $"■ 何が起きたか\n{b.WhatHappened}\n\n■ これまでの影響\n{b.Impact}\n\n■ 現在の対応\n{b.Response}\n\n" +
                $"■ まだ分かっていないこと\n{b.Unknowns}\n\n■ 必要な経営判断\n{b.NextDecision}\n\n{facts}{open}"),
            ("briefing", false) when b is not null => ($"[Status briefing no. {b.Number}] {head}",
                $"Status briefing no. {b.Number} for the executives, posted by {b.PostedBy ?? "a responder"} at {Local(b.PostedAt)}.\n\n" +
                $"What happened\n{b.WhatHappened}\n\nImpact so far\n{b.Impact}\n\nWhat is being done\n{b.Response}\n\n" +
                $"What is not known yet\n{b.Unknowns}\n\nNext decision needed\n{b.NextDecision}\n\n{facts}{open}"),
            ("briefing_due", true) => ($"【状況報告の期限】{head} の経営層への状況報告を投稿してください",
                $"経営層への状況報告の期限（{dueAt}）になりました。現在の状況を報告してください。{lateAt}までに投稿がない場合は、報告が遅れていることを経営層に通知します。\n{last}\n{facts}{open}"),
            ("briefing_due", false) => ($"[Briefing due] {head}: please post a status briefing for the executives",
                $"A status briefing for the executives was due at {dueAt}. Please post where things stand. If none is posted by {lateAt}, the executives are told that the briefing is late.\n{last}\n{facts}{open}"),
            ("briefing_missed", true) => ($"【状況報告の遅れ】{head} の状況報告が期限を過ぎても届いていません",
                $"{dueAt}が期限だった経営層への状況報告が、まだ投稿されていません。対応責任者に状況を確認してください。\n{last}\n{facts}{open}"),
            ("briefing_missed", false) => ($"[Briefing late] {head}: the status briefing is overdue",
                $"The status briefing for the executives due at {dueAt} has not been posted. Please check with the incident owner.\n{last}\n{facts}{open}"),
            _ => throw new ArgumentOutOfRangeException(nameof(template), template, "unknown message template"),
        };
    }

    private static string ResponderFacts(Incident s, MessageFacts about, bool ja, Func<DateTimeOffset, string> local)
    {
        var lines = new System.Text.StringBuilder();
        void Line(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) lines.Append(label).Append(": ").Append(value).Append('\n');
        }
        var reporter = about.ReporterName is { } name
            ? s.Department is { Length: > 0 } dept ? $"{name} ({dept})" : name
            : s.Department;
        var unknown = ja ? "未記入" : "not given";
        Line(ja ? "報告者" : "Reported by", reporter);
        Line(ja ? "対応責任者" : "Owner", about.OwnerName);
        Line(ja ? "報告者の連絡先" : "Reporter's contact", s.Contact ?? unknown);
        Line(ja ? "端末" : "Device", s.DeviceId);
        Line(ja ? "重大度" : "Severity", s.Severity is { } sev
            ? (ja ? SeverityJa(sev) : sev.ToString().ToLowerInvariant())
            : ja ? "未評価（初動対応で判定）" : "not rated yet (set at triage)");
        if (s.PersonalDataMayBeInvolved) Line(ja ? "個人情報" : "Personal data", ja ? "含まれるおそれあり" : "may be involved");
        if (s.DisconnectedFromNetwork is { } off)
            Line(ja ? "ネットワーク" : "Network", off ? (ja ? "切断済み" : "disconnected") : (ja ? "未切断" : "still connected"));
        if (about.AckDueAt is { } due) Line(ja ? "受付確認の期限" : "Acknowledge by", local(due));
        return lines.ToString();
    }

    /// <summary>ja: 2026/12/03 18:31 JST; en: 3 Dec 2026, 18:31 JST (as the web app writes them).</summary>
    private static string LocalTime(DateTimeOffset t, TimeZoneInfo zone, bool ja)
    {
        var local = TimeZoneInfo.ConvertTime(t, zone);
        var label = zone.Id is "Asia/Tokyo" or "Tokyo Standard Time" ? "JST"
            : local.Offset == TimeSpan.Zero ? "UTC"
            : $"UTC{(local.Offset < TimeSpan.Zero ? "-" : "+")}{local.Offset:hh\\:mm}";
        return local.ToString(ja ? "yyyy/MM/dd HH:mm" : "d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " " + label;
    }

    private static string SeverityJa(Severity s) => s switch
    {
        Severity.Low => "低", Severity.Medium => "中", Severity.High => "高", _ => "緊急",
    };

    private static string StageJa(Stage s) => s switch
    {
        Stage.Detection => "検知", Stage.Triage => "初動対応", Stage.Analysis => "分析", Stage.Recovery => "復旧",
        Stage.Prevention => "再発防止", _ => "完了",
    };

    private static string PlainJa(Stage s) => s switch
    {
        Stage.Detection => "受け付けました。担当者の確認を待っています",
        Stage.Triage => "担当者が状況を確認しています",
        Stage.Analysis => "原因と影響を調査しています",
        Stage.Recovery => "復旧作業中です",
        Stage.Prevention => "再発防止策を検討しています",
        _ => "対応が完了しました",
    };

    private static string PlainEn(Stage s) => s switch
    {
        Stage.Detection => "received; waiting for a responder to pick it up",
        Stage.Triage => "a responder is looking into what happened",
        Stage.Analysis => "the cause and the impact are being investigated",
        Stage.Recovery => "systems are being restored",
        Stage.Prevention => "measures against a recurrence are being decided",
        _ => "dealt with and closed",
    };

    private static string CategoryJa(Category c) => c switch
    {
        Category.C1 => "ウイルス・不審な動作", Category.C2 => "ランサムウェア", Category.C3 => "不審なメール・フィッシング",
        Category.C4 => "端末・記録媒体の紛失・盗難", Category.C5 => "のぞき見・盗み聞き", Category.C6 => "不正アクセス",
        Category.C7 => "クラウド・SNSの誤公開", Category.C8 => "メール・FAXの誤送信", Category.C9 => "内部・委託先からの情報漏えい",
        Category.C10 => "システム障害・災害", _ => "種類不明",
    };

    private static string CategoryEn(Category c) => c switch
    {
        Category.C1 => "Malware", Category.C2 => "Ransomware", Category.C3 => "Phishing / targeted mail",
        Category.C4 => "Lost or stolen device", Category.C5 => "Eavesdropping", Category.C6 => "Unauthorised access",
        Category.C7 => "Cloud / SNS misuse", Category.C8 => "Mis-sent information", Category.C9 => "Insider / contractor leak",
        Category.C10 => "System failure / disaster", _ => "Unknown category",
    };
}
