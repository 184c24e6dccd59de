using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.Scenarios;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.Notifications;

namespace IncidentDesk.Api.Drills;

/// <summary>
/// The messages a drill run sends itself (invitations, mail injects, STOPEX and resume notices), ja and en, each marked
/// 【訓練/DRILL】 (<see cref="DrillMarking.Mark"/>) and tied to its run (<see cref="NotificationQueued.DrillRunId"/>), so the
/// dispatcher delivers it only inside the run. Pure: ids and time come in.
/// </summary>
public static class DrillRunMessages
{
    public static NotificationQueued Message(
        DrillRun run, Recipient to, string template, string subject, string body, Func<Guid> newId, DateTimeOffset now)
    {
        var (markedSubject, markedBody) = DrillMarking.Mark(subject, body, to.Language);
        return new NotificationQueued(run.IncidentId ?? run.Id, newId(), NotificationChannel.Email, to.Name, to.Email, to.Language, template,
            markedSubject, markedBody, false, SystemActor.Id, now, run.Id);
    }

    private static string Title(DrillRun run, bool ja) => ja ? run.Scheduled.TitleJa : run.Scheduled.TitleEn;

    private static string Local(DateTimeOffset t, string timeZone, bool ja)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var z) ? z : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(t, zone);
        return ja ? $"{local:yyyy年M月d日 HH:mm}" : $"{local:yyyy-MM-dd HH:mm} ({zone.Id})";
    }

    /// <summary>Each participant is invited: when, which role and team, and where the drill's page is.</summary>
    public static IEnumerable<NotificationQueued> Invitations(
        DrillRun run, IReadOnlyDictionary<Guid, Recipient> accounts, string? facilitatorName, string timeZone, string publicUrl,
        Func<Guid> newId, DateTimeOffset now)
    {
        foreach (var p in run.Scheduled.Participants)
        {
            if (accounts.GetValueOrDefault(p.UserId) is not { } to) continue;
            var ja = to.Language != "en";
            var link = $"{publicUrl.TrimEnd('/')}/drills/{run.Id}";
            var role = ja
                ? p.Role switch { ParticipantRole.Player => "プレイヤー", ParticipantRole.Evaluator => "評価者", _ => "オブザーバー" }
                : EnumNames.Name(p.Role);
            var team = ja
                ? p.Team switch { DrillTeam.Executives => "経営層", DrillTeam.Responders => "対応チーム", _ => "一般社員" }
                : EnumNames.Name(p.Team);
            var (subject, body) = ja
                ? ($"訓練のご案内: {Title(run, true)}",
                   $"{to.Name} 様\n\n次の訓練に参加をお願いします。\n\n訓練: {Title(run, true)}\n開始予定: {Local(run.Scheduled.PlannedStart, timeZone, true)}\n" +
                   $"役割: {role}\nチーム: {team}\n進行役: {facilitatorName}\n\n訓練の画面: {link}\n\n" +
                   "訓練中に届くメールにはすべて【訓練/DRILL】の印が付きます。実際のインシデントが起きたときは、訓練を中断して通常どおり報告してください。")
                : ($"Drill invitation: {Title(run, false)}",
                   $"Dear {to.Name},\n\nYou are invited to take part in this drill.\n\nDrill: {Title(run, false)}\nPlanned start: {Local(run.Scheduled.PlannedStart, timeZone, false)}\n" +
                   $"Role: {role}\nTeam: {team}\nFacilitator: {facilitatorName}\n\nDrill page: {link}\n\n" +
                   "Every message of the drill is marked 【訓練/DRILL】. If a real incident happens, stop and report it as usual.");
            yield return Message(run, to, "drill_invitation", subject, body, newId, now);
        }
    }

    /// <summary>STOPEX and resume: everyone taking part is told at once.</summary>
    public static IEnumerable<NotificationQueued> Halted(
        DrillRun run, IReadOnlyDictionary<Guid, Recipient> accounts, bool stopped, string? reason, Func<Guid> newId, DateTimeOffset now)
    {
        foreach (var to in Everyone(run, accounts))
        {
            var ja = to.Language != "en";
            var why = string.IsNullOrWhiteSpace(reason) ? "" : ja ? $"\n理由: {reason}" : $"\nReason: {reason}";
            var (template, subject, body) = (stopped, ja) switch
            {
                (true, true) => ("drill_stopped", $"訓練中止 (STOPEX): {Title(run, true)}",
                    $"進行役が訓練を中止しました (STOPEX)。訓練のための対応はすべて止めてください。再開するときは改めて連絡します。{why}"),
                (true, false) => ("drill_stopped", $"Drill stopped (STOPEX): {Title(run, false)}",
                    $"The facilitator has stopped the drill (STOPEX). Stop every drill activity now; you will be told if it resumes.{why}"),
                (false, true) => ("drill_resumed", $"訓練再開: {Title(run, true)}", "進行役が訓練を再開しました。訓練を続けてください。"),
                (false, false) => ("drill_resumed", $"Drill resumed: {Title(run, false)}", "The facilitator has resumed the drill. Please carry on."),
            };
            yield return Message(run, to, template, subject, body, newId, now);
        }
    }

    /// <summary>
    /// A mail inject: to each participant of its audience, and one message per outside party it would reach in reality
    /// (never allow-listed, so the dispatcher records it as "would have been sent").
    /// </summary>
    public static IReadOnlyList<NotificationQueued> Inject(
        DrillRun run, DrillInject inject, IReadOnlyDictionary<Guid, Recipient> accounts, string publicUrl, Func<Guid> newId, DateTimeOffset now)
    {
        var output = new List<NotificationQueued>();
        var link = $"{publicUrl.TrimEnd('/')}/drills/{run.Id}";
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in DrillRules.Audience(run, inject.Audience))
        {
            if (accounts.GetValueOrDefault(p.UserId) is not { } to || !seen.Add(to.Email)) continue;
            output.Add(Message(run, to, "drill_inject", Text(inject.Title, to.Language), Body(to.Language), newId, now));
        }
        foreach (var party in inject.Outside)
        {
            var to = new Recipient(null, party.Name, party.Email, Languages.Default);
            output.Add(Message(run, to, "drill_inject_outside", Text(inject.Title, to.Language), Text(inject.Content, to.Language), newId, now));
        }
        return output;

        string Body(string language) => language == "en"
            ? $"{inject.Content.En}\n\nDrill page: {link}"
            : $"{inject.Content.Ja}\n\n訓練の画面: {link}";
    }

    /// <summary>How many of the messages reach a participant (not an outside party).</summary>
    public static int ToParticipants(IEnumerable<NotificationQueued> messages) => messages.Count(m => m.Template == "drill_inject");

    private static string Text(Playbooks.LocalizedText text, string language) => language == "en" ? text.En : text.Ja;

    private static IEnumerable<Recipient> Everyone(DrillRun run, IReadOnlyDictionary<Guid, Recipient> accounts)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in run.Scheduled.Participants.Select(p => p.UserId).Prepend(run.Scheduled.FacilitatorId))
            if (accounts.GetValueOrDefault(id) is { } to && seen.Add(to.Email))
                yield return to;
    }
}
