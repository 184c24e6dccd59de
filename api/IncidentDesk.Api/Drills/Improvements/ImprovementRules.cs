using IncidentDesk.Api.Common;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.Notifications;

namespace IncidentDesk.Api.Drills.Improvements;

/// <summary>
/// When the owner is reminded: <see cref="DaysBefore"/> days before the due date and on it, each at
/// <see cref="TimeOfDay"/> in the organisation's time zone (IncidentDesk:Drills:ImprovementReminderDaysBefore, ...TimeOfDay).
/// </summary>
public sealed record ReminderSchedule(int DaysBefore, TimeOnly TimeOfDay)
{
    public static readonly ReminderSchedule Default = new(3, new TimeOnly(9, 0));
}

/// <summary>A validated new item (the handler checked owner, playbook step and source against the database).</summary>
public sealed record ImprovementInput(string Title, string? Detail, Guid OwnerId, DateOnly DueDate, PlaybookStepLink? PlaybookStep);

/// <summary>A validated edit: null leaves a field as it is; <see cref="ClearPlaybookStep"/> removes the link.</summary>
public sealed record ImprovementEdit(string? Title, string? Detail, bool ClearDetail, Guid? OwnerId, DateOnly? DueDate, PlaybookStepLink? PlaybookStep,
    bool ClearPlaybookStep);

/// <summary>
/// The later run (or exercise) said to have retested an item, as the database knows it: whether it exists, ran the same
/// scenario (is of the same type), came after the item's source, and has been held (started).
/// </summary>
public sealed record RetestFacts(Guid? RunId, Guid? ExerciseId, bool Exists, bool SameScenario, bool Later, bool Held);

/// <summary>The pure rules of improvement items: no I/O, clock or ids inside (time and ids are inputs).</summary>
public static class ImprovementRules
{
    public const int TitleMax = 200;
    public const int DetailMax = 4000;
    public const int NoteMax = 2000;
    public const int MaxYearsAhead = 3;

    private static readonly Dictionary<ImprovementStatus, ImprovementStatus[]> Next = new()
    {
        [ImprovementStatus.Open] = [ImprovementStatus.InProgress, ImprovementStatus.Done],
        [ImprovementStatus.InProgress] = [ImprovementStatus.Open, ImprovementStatus.Done],
        [ImprovementStatus.Done] = [ImprovementStatus.InProgress, ImprovementStatus.Verified],
        [ImprovementStatus.Verified] = [],
    };

    /// <summary>Responders and admins create and edit items; the owner (any role) and they move its status.</summary>
    public static bool MayEdit(Caller caller) => caller.WorksIncidents;

    public static bool MayChangeStatus(ImprovementItem item, Caller caller) => caller.WorksIncidents || item.OwnerId == caller.Id;

    /// <summary>Staff see every item; a reporter only those they own.</summary>
    public static bool MaySee(ImprovementItem item, Caller caller) => caller.SeesAllIncidents || item.OwnerId == caller.Id;

    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>A due date is today or later (in the organisation's zone), and not absurdly far ahead.</summary>
    public static void CheckDueDate(FieldErrors errors, string field, DateOnly due, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = Today(now, zone);
        if (due < today) errors.Add(field, "must be today or later");
        else if (due > today.AddYears(MaxYearsAhead)) errors.Add(field, $"must be within {MaxYearsAhead} years");
    }

    public static ImprovementItemCreated Create(Guid id, ImprovementInput b, ImprovementSource source, Guid actor, DateTimeOffset now) =>
        new(id, b.Title, b.Detail, b.OwnerId, b.DueDate, source, b.PlaybookStep, actor, now);

    /// <summary>
    /// The reminders of one round for <paramref name="due"/>: <c>DaysBefore</c> days before and on the due date at the
    /// schedule's time of day. A reminder whose time has passed is not set, except the one on the due date while that
    /// day has not ended (it goes out now): every owner hears of a due item once on its day.
    /// </summary>
    public static IReadOnlyList<ImprovementReminderSet> Reminders(
        Guid itemId, DateOnly due, int round, TimeZoneInfo zone, ReminderSchedule schedule, DateTimeOffset now, Func<Guid> newId)
    {
        DateTimeOffset At(DateOnly day)
        {
            var local = day.ToDateTime(schedule.TimeOfDay, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }
        var reminders = new List<ImprovementReminderSet>();
        if (schedule.DaysBefore > 0 && At(due.AddDays(-schedule.DaysBefore)) is var before && before > now)
            reminders.Add(new ImprovementReminderSet(itemId, newId(), ImprovementReminderKind.BeforeDue, round, due, before, SystemActor.Id, now));
        var on = At(due);
        if (on > now || Today(now, zone) <= due)
            reminders.Add(new ImprovementReminderSet(itemId, newId(), ImprovementReminderKind.OnDue, round, due, on > now ? on : now, SystemActor.Id, now));
        return reminders;
    }

    /// <summary>Pure. The changes an edit makes, one event per kind of change; an edit that changes nothing appends nothing.</summary>
    public static IReadOnlyList<IImprovementEvent> Edit(ImprovementItem s, ImprovementEdit b, Guid actor, DateTimeOffset now)
    {
        if (s.Status == ImprovementStatus.Verified)
            throw new RuleViolated("improvement_verified", "a verified improvement item is final: its retest proved it; create a new item for new work");
        var events = new List<IImprovementEvent>();
        var title = b.Title ?? s.Title;
        var detail = b.ClearDetail ? null : b.Detail ?? s.Detail;
        var step = b.ClearPlaybookStep ? null : b.PlaybookStep ?? s.PlaybookStep;
        if (title != s.Title || detail != s.Detail || step != s.PlaybookStep)
            events.Add(new ImprovementItemEdited(s.Id, title, detail, step, actor, now));
        if (b.OwnerId is { } owner && owner != s.OwnerId) events.Add(new ImprovementItemAssigned(s.Id, owner, actor, now));
        if (b.DueDate is { } due && due != s.DueDate) events.Add(new ImprovementItemDueDateChanged(s.Id, due, actor, now));
        return events;
    }

    /// <summary>
    /// Pure. A step along open → in-progress → done, or back one step; verified only from done, naming a later run of the
    /// item's scenario (a later exercise of its type) that was held and retested it. The same status again is no change.
    /// </summary>
    public static IReadOnlyList<IImprovementEvent> ChangeStatus(
        ImprovementItem s, ImprovementStatus to, string? note, RetestFacts? retest, Caller caller, DateTimeOffset now)
    {
        if (!MayChangeStatus(s, caller)) throw new Forbidden("only responders, admins and the item's owner change its status");
        if (to == s.Status) return [];
        if (!Next[s.Status].Contains(to))
            throw new RuleViolated(s.Status == ImprovementStatus.Verified ? "improvement_verified" : "status_transition_not_allowed",
                s.Status == ImprovementStatus.Verified
                    ? "a verified improvement item is final"
                    : $"an item that is {EnumNames.Name(s.Status)} cannot become {EnumNames.Name(to)} " +
                      $"(next: {string.Join(", ", Next[s.Status].Select(x => EnumNames.Name(x)))})");
        if (to == ImprovementStatus.Verified)
        {
            if (retest is null)
                throw new RuleViolated("retest_required", s.Source.RunId is not null
                    ? "verified needs retestRunId: a later run of the same scenario that retested the item"
                    : "verified needs retestExerciseId: a later exercise of the same type that retested the item");
            if (!retest.Exists) throw new RuleViolated("retest_unknown", "the retest run or exercise does not exist");
            if (retest.RunId is not null && retest.RunId == s.Source.RunId || retest.ExerciseId is not null && retest.ExerciseId == s.Source.ExerciseId)
                throw new RuleViolated("retest_not_later", "the run or exercise the item came from cannot be its retest");
            if (!retest.SameScenario)
                throw new RuleViolated("retest_other_scenario", s.Source.RunId is not null
                    ? $"the retest run must run the item's scenario '{s.Source.ScenarioId}'"
                    : "the retest exercise must be of the same type as the item's exercise");
            if (!retest.Later) throw new RuleViolated("retest_not_later", "the retest must come after the run or exercise the item came from");
            if (!retest.Held) throw new RuleViolated("retest_not_held", "the retest run has not been held yet");
        }
        return [new ImprovementItemStatusChanged(s.Id, s.Status, to, note, to == ImprovementStatus.Verified ? retest?.RunId : null,
            to == ImprovementStatus.Verified ? retest?.ExerciseId : null, caller.Id, now)];
    }

    /// <summary>
    /// Pure. A reminder's time has come: the owner is told once, if the timer is of the current round (a due date
    /// change set new ones) and the item is not done. Twice, late, or after the facts moved on, it changes nothing.
    /// </summary>
    public static IReadOnlyList<object> Remind(
        ImprovementItem item, ImprovementNotices notices, Guid timerId, Recipient? owner, string link, DateTimeOffset now, Func<Guid> newId)
    {
        if (!notices.Timers.TryGetValue(timerId, out var timer) || timer.SentAt is not null) return [];
        if (timer.Round != notices.Round || timer.DueDate != item.DueDate || item.IsClosed) return [];
        var sent = new ImprovementReminderSent(item.Id, timerId, timer.Kind, SystemActor.Id, now);
        if (owner is null) return [sent];
        var (subject, body) = ImprovementMessages.Render(timer.Kind, owner.Language, item, link);
        // Not a drill message: follow-up work after a drill is real work, and its owner may not have been in the run.
        return [sent, new NotificationQueued(item.Id, newId(), NotificationChannel.Email, owner.Name, owner.Email, owner.Language,
            timer.Kind == ImprovementReminderKind.BeforeDue ? "improvement_due_soon" : "improvement_due", subject, body, false, SystemActor.Id, now)];
    }
}

/// <summary>The reminder mails' texts, in Japanese (default) and English.</summary>
public static class ImprovementMessages
{
    public static (string Subject, string Body) Render(ImprovementReminderKind kind, string language, ImprovementItem item, string link)
    {
        var ja = language != "en";
        var due = item.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var detail = item.Detail is { } d ? (ja ? $"内容: {d}\n" : $"Detail: {d}\n") : "";
        var from = item.Source switch
        {
            { ContactPerson: { } p } => ja ? $"きっかけ: 訓練の連絡網確認で応答がなかった連絡先（{p}）\n" : $"Found by: a drill's contact-chain check ({p} did not answer)\n",
            { ExpectedActionId: { } a } => ja ? $"きっかけ: 訓練で達成されなかった期待行動（{a}）\n" : $"Found by: a drill's expected action that was missed ({a})\n",
            { RunId: not null } => ja ? "きっかけ: 訓練の事後レポート\n" : "Found by: a drill's after-action report\n",
            _ => ja ? "きっかけ: 演習（バックアップ復旧・標的型メール訓練など）\n" : "Found by: an exercise (backup restore, phishing simulation, ...)\n",
        };
        var open = ja ? $"\n改善項目の画面: {link}\n" : $"\nImprovement item: {link}\n";
        var facts = ja ? $"改善項目: {item.Title}\n期日: {due}\n状況: {Status(item.Status, true)}\n{detail}{from}"
                       : $"Improvement item: {item.Title}\nDue: {due}\nStatus: {Status(item.Status, false)}\n{detail}{from}";
        return (kind, ja) switch
        {
            (ImprovementReminderKind.BeforeDue, true) => ($"【改善項目】期日が近づいています（{due}）: {item.Title}",
                $"あなたが担当する改善項目の期日が近づいています。完了したら状況を「完了」にしてください。\n\n{facts}{open}"),
            (ImprovementReminderKind.BeforeDue, false) => ($"[Improvement] Due soon ({due}): {item.Title}",
                $"An improvement item you own is due soon. Mark it done when it is.\n\n{facts}{open}"),
            (ImprovementReminderKind.OnDue, true) => ($"【改善項目】本日が期日です: {item.Title}",
                $"あなたが担当する改善項目は本日が期日です。完了したら状況を「完了」に、間に合わない場合は期日の変更を依頼してください。\n\n{facts}{open}"),
            _ => ($"[Improvement] Due today: {item.Title}",
                $"An improvement item you own is due today. Mark it done, or ask for a new due date if it cannot be.\n\n{facts}{open}"),
        };
    }

    private static string Status(ImprovementStatus s, bool ja) => (s, ja) switch
    {
        (ImprovementStatus.Open, true) => "未着手",
        (ImprovementStatus.InProgress, true) => "対応中",
        (ImprovementStatus.Done, true) => "完了",
        (ImprovementStatus.Verified, true) => "再訓練で確認済み",
        (ImprovementStatus.Open, false) => "open",
        (ImprovementStatus.InProgress, false) => "in progress",
        (ImprovementStatus.Done, false) => "done",
        _ => "verified",
    };
}
