namespace IncidentDesk.Api.Decisions;

/// <summary>A text in both languages of the desk.</summary>
public sealed record Bilingual(string Ja, string En);

/// <summary>An option the kind pre-writes; <see cref="Safe"/> says whether a timer may ever apply it.</summary>
public sealed record KindOption(string Id, Bilingual Label, Bilingual Consequence, bool Safe);

/// <summary>
/// A kind of executive decision with its question, options and guidance pre-written from the seeds.
/// <see cref="Guidance"/> is shown beside the options; <see cref="GuidanceMustBeAcknowledged"/> names the option
/// that may be chosen only after the decider acknowledged it (the ransom: 000:1422-1430, 003:689-697).
/// </summary>
public sealed record DecisionKindTemplate(
    DecisionKind Kind, Bilingual Title, Bilingual Question, IReadOnlyList<KindOption> Options, Bilingual? Guidance,
    string? GuidanceMustBeAcknowledged, string Source);

public static class DecisionKinds
{
    public const string Pay = "pay";

    public static readonly IReadOnlyList<DecisionKindTemplate> All =
    [
        new(DecisionKind.BusinessStoppage,
            new("業務停止の範囲と期間", "Business stoppage"),
            new("復旧のために、通常業務をどの範囲まで、いつまで止めますか。", "How far, and until when, does normal business stop for recovery?"),
            [
                new("stop_affected", new("影響を受けたシステムと業務だけを止める", "Stop only the affected systems and work"),
                    new("被害の拡大を抑えつつ、他の業務は続けられます。影響範囲の見極めが甘いと感染が広がるおそれがあります。",
                        "Limits the spread while other work goes on; if the scope is misjudged, the infection may spread."), true),
                new("stop_all", new("復旧が確認できるまで全社の通常業務を止める", "Stop all normal business until recovery is confirmed"),
                    new("被害の拡大は確実に防げますが、売上や納期、取引先への影響が大きくなります。",
                        "Stops any further damage for certain, at a large cost in sales, delivery dates and partners."), false),
                new("continue_manual", new("システムを止め、手作業などの代替手段で業務を続ける", "Stop the systems and carry on by manual or other fallback means"),
                    new("業務は続けられますが、処理が遅れ、人手が必要になります。", "Business continues, slower and with more staff effort."), false),
            ],
            new("事前に定めた手順どおりにいかない場面では、経営層の判断が必要です。復旧のために通常業務をいつまで、どの範囲まで止めるかは、情報セキュリティ担当だけでは決められないため、経営層が判断します。",
                "When events leave the written procedure behind, management must decide. How long and how far normal business stops for recovery cannot be settled by the security staff alone; executives decide it."),
            null, "000_d9135f91c3be05b2.txt:1416-1420"),
        new(DecisionKind.RansomPayment,
            new("身代金の支払い", "Ransom payment"),
            new("攻撃者の要求する身代金を支払いますか。", "Do we pay the ransom the attacker demands?"),
            [
                new("do_not_pay", new("支払わない（バックアップなどから復旧する）", "Do not pay (recover from backups and other means)"),
                    new("復旧に時間がかかる場合がありますが、犯罪者に資金を渡さず、支払っても復号できないリスクも避けられます。",
                        "Recovery may take longer, but no money goes to criminals and the risk of paying without getting the data back is avoided."), true),
                new(Pay, new("支払う（人命がかかっている等の緊急時に限る）", "Pay (only in an emergency such as lives at stake)"),
                    new("支払っても復号の鍵が届かない例があり、データが戻る保証はありません。再び標的にされるおそれもあります。",
                        "Cases are known where the ransom was paid and no decryption key came: there is no guarantee of getting the data back, and the organisation may be targeted again."), false),
            ],
            new("身代金は通常支払うものではないとされ、支払いは推奨されません。言われたとおりに支払っても復号の鍵が送られなかった例があります。人命がかかっている等の緊急時に限り、あえて支払う判断もあり得ますが、その判断は経営層が行い、緊急性の根拠を記録します。",
                "A ransom is normally not paid and paying is not recommended: there are cases where the attacker was paid and sent no decryption key. Only in an emergency, such as lives at stake, may paying be decided; that is an executive's decision, and the emergency that justifies it is recorded."),
            Pay, "000_d9135f91c3be05b2.txt:1422-1430; 003_8c09d1b49d27eae0.txt:689-697"),
        new(DecisionKind.Disclosure,
            new("外部への通知・公表", "Disclosure and notification"),
            new("個人情報の本人、取引先、監督官庁、一般（ホームページ・報道）のうち、どこに、いつ、どの手段で知らせますか。",
                "Which of the affected individuals, business partners, supervising authorities and the public (website, press) do we tell, when, and by what channel?"),
            [
                new("notify_now", new("条件に書いた相手に、いますぐ通知・報告する", "Notify and report to the parties in the conditions now"),
                    new("早く知らせることで二次被害を防ぎ、信頼を守れます。事実が固まる前の通知は訂正が必要になることがあります。",
                        "Telling early prevents further harm and keeps trust; telling before the facts settle may need a correction later."), false),
                new("prepare_and_wait", new("通知文を準備し、事実が確定してから通知する", "Prepare the notices and send them once the facts are confirmed"),
                    new("内容の正確さは上がりますが、外部から先に発覚すると批判を受けるおそれがあります。",
                        "More accurate, but if it comes out from outside first, the organisation may be criticised."), true),
                new("do_not_disclose", new("通知・公表しない（理由を記録する）", "Do not notify or disclose (the reason is recorded)"),
                    new("法令や契約で通知が必要な場合は違反になるおそれがあります。", "Where law or contract requires notice, this may breach it."), false),
            ],
            new("漏えいした個人情報の本人や取引先などへの通知、監督官庁等への報告、ホームページやマスコミ等による公表を検討する必要があります。通知しない相手についても、その理由を残します。",
                "Notifying the people whose personal data leaked and business partners, reporting to supervising authorities, and announcing on the website or through the press must be considered. For any party not notified, record why."),
            null, "002_a25c085211cc7775.txt:621-627"),
        new(DecisionKind.ResponsePolicy,
            new("対応方針と対策本部の設置", "Response policy and the response headquarters"),
            new("対策本部を設置しますか。設置する場合、誰が加わり、どの方針で対応しますか。",
                "Do we convene the response headquarters, who sits on it, and what response policy does it set?"),
            [
                new("convene_hq", new("対策本部を設置する（構成員と方針は条件に記入）", "Convene the response headquarters (members and policy in the conditions)"),
                    new("組織として判断と情報伝達が一本化されます。関係者の時間を確保する必要があります。",
                        "Decisions and information run through one body; the members must make the time."), true),
                new("security_team", new("情報セキュリティ担当で対応を続け、経営層へ定期的に報告する", "The security team carries on and reports to management regularly"),
                    new("素早く動けますが、部署をまたぐ判断が遅れるおそれがあります。",
                        "Quicker to act, but decisions that cross departments may be delayed."), false),
            ],
            new("情報漏えいが確認されたら、速やかに責任者から対策本部へ伝え、対策本部が被害の拡大防止、復旧、通知・報告・公表を含む対応方針を決定します。",
                "Once a leak is confirmed, the person in charge tells the response headquarters promptly, and the headquarters decides the response policy: containing the damage, recovery, and notification, reporting and announcement."),
            null, "002_a25c085211cc7775.txt:617-621"),
        new(DecisionKind.PostponeUpdate,
            new("止められないシステムの更新延期", "Postponing an update on a system that cannot be stopped"),
            new("止められないシステムへの更新（セキュリティパッチ）を、いつ適用しますか。", "When do we apply the (security) update to the system that cannot be stopped?"),
            [
                new("apply_now", new("業務への影響を受け入れ、いますぐ適用する", "Accept the impact on business and apply it now"),
                    new("脆弱性はすぐ塞がりますが、適用中はシステムが止まります。", "The vulnerability is closed at once; the system stops while it is applied."), false),
                new("apply_in_window", new("次の保守時間帯に適用し、それまで影響を抑える対策をとる", "Apply in the next maintenance window, with mitigations until then"),
                    new("業務への影響は小さくなりますが、それまでの間は攻撃を受けるおそれが残ります。",
                        "Less impact on business; the system stays exposed until then."), true),
                new("postpone", new("適用を延期する（代わりの対策と期限を条件に記入）", "Postpone it (compensating measures and a date in the conditions)"),
                    new("延期は推奨されません。攻撃を受けた場合の被害は大きくなります。", "Postponing is discouraged; an attack meanwhile would cost more."), false),
            ],
            new("「止められない」という理由で基幹サーバなどの更新を先送りすることは推奨されません。更新が日常業務に影響する場合は、組織幹部の判断を仰ぎます。",
                "Putting off updates on core servers because they 'cannot be stopped' is discouraged. Where an update affects daily operations, seek the judgement of senior management."),
            null, "000_d9135f91c3be05b2.txt:223-237"),
        new(DecisionKind.Other,
            new("その他の判断", "Other decision"),
            new("", ""),
            [],
            null, null, "000_d9135f91c3be05b2.txt:1416-1418"),
    ];

    public static DecisionKindTemplate Of(DecisionKind kind) => All.First(k => k.Kind == kind);

    /// <summary>The kind a playbook decision step asks for, by its id (the steps of playbooks/*.yaml); other steps: "other".</summary>
    public static DecisionKind ForStep(string stepId) => stepId switch
    {
        "decide-business-stoppage" or "decide-website-closure" => DecisionKind.BusinessStoppage,
        "decide-ransom" => DecisionKind.RansomPayment,
        "decide-public-disclosure" => DecisionKind.Disclosure,
        "decide-response-policy" => DecisionKind.ResponsePolicy,
        _ => DecisionKind.Other,
    };

    /// <summary>Whether a timer may apply this option: only an option the kind marks safe ("other" has none).</summary>
    public static bool IsSafe(DecisionKind kind, string optionId) =>
        Of(kind).Options.Any(o => o.Id == optionId && o.Safe);
}
