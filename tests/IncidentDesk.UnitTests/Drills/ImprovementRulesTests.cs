using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.Exercises;
using IncidentDesk.Api.Drills.Improvements;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.Notifications;
using static IncidentDesk.UnitTests.Testing.Fixed;

namespace IncidentDesk.UnitTests.Drills;

/// <summary>Given an item's events, when a command or a reminder's timer, then the events it decides (or the rule it breaks).</summary>
public sealed class ImprovementRulesTests
{
    private static readonly Guid ItemId = Guid.Parse("01930000-0000-7000-8000-000000000e01");
    private static readonly Guid RunId = Guid.Parse("01930000-0000-7000-8000-000000000e02");
    private static readonly Guid LaterRunId = Guid.Parse("01930000-0000-7000-8000-000000000e03");
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly DateOnly Due = new(2026, 12, 10);
    private static readonly Guid Notification = Guid.Parse("01930000-0000-7000-8000-0000000000c1");

    private static Caller As(Guid id, string role) => new(id, new HashSet<string> { role });

    private static ImprovementItem Item(ImprovementStatus status = ImprovementStatus.Open, Guid? owner = null)
    {
        var s = ImprovementItem.Evolve(null, new ImprovementItemCreated(ItemId, "Update the phone list", null, owner ?? Owner, Due,
            new ImprovementSource(RunId, "kyt-01", null, null, "Taro Suzuki"), null, Responder, T(0)));
        var path = status switch
        {
            ImprovementStatus.InProgress => new[] { ImprovementStatus.InProgress },
            ImprovementStatus.Done => [ImprovementStatus.InProgress, ImprovementStatus.Done],
            ImprovementStatus.Verified => [ImprovementStatus.InProgress, ImprovementStatus.Done, ImprovementStatus.Verified],
            _ => [],
        };
        foreach (var to in path)
            s = ImprovementItem.Evolve(s, new ImprovementItemStatusChanged(ItemId, s.Status, to, null, to == ImprovementStatus.Verified ? LaterRunId : null, null, Responder, T(1)));
        return s;
    }

    private static RetestFacts Retest(bool exists = true, bool same = true, bool later = true, bool held = true, Guid? run = null) =>
        new(run ?? LaterRunId, null, exists, same, later, held);

    private static IReadOnlyList<ImprovementReminderSet> Reminders(DateOnly due, DateTimeOffset now, int round = 0)
    {
        var n = 0;
        return ImprovementRules.Reminders(ItemId, due, round, Tokyo, ReminderSchedule.Default, now, () => Guid.Parse($"01930000-0000-7000-8000-000000002{round}{++n:x2}"));
    }

    [Fact]
    public void A_new_item_is_reminded_three_days_before_and_on_its_due_date_at_nine_in_the_organisations_zone()
    {
        var reminders = Reminders(Due, Now);

        Assert.Equal([(ImprovementReminderKind.BeforeDue, new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero)),
                (ImprovementReminderKind.OnDue, new DateTimeOffset(2026, 12, 10, 0, 0, 0, TimeSpan.Zero))],
            reminders.Select(r => (r.Kind, r.DueAt)));
        Assert.All(reminders, r => Assert.Equal(ImprovementDueTimer.Purpose, r.Timer().Purpose));
        Assert.All(reminders, r => Assert.Equal(ItemId, r.Timer().StreamId));
    }

    [Fact]
    public void A_reminder_whose_time_has_passed_is_not_set_but_the_due_day_itself_is_reminded_at_once()
    {
        // 2026-12-10 10:00 in Tokyo: both 09:00 reminders have passed; the item is due today.
        var now = new DateTimeOffset(2026, 12, 10, 1, 0, 0, TimeSpan.Zero);

        var reminders = Reminders(Due, now);

        var only = Assert.Single(reminders);
        Assert.Equal(ImprovementReminderKind.OnDue, only.Kind);
        Assert.Equal(now, only.DueAt);
    }

    [Fact]
    public void A_reminder_is_sent_once_to_the_current_owner_and_a_second_firing_sends_nothing()
    {
        var item = Item();
        var set = Reminders(Due, Now);
        var notices = set.Aggregate((ImprovementNotices?)null, (s, e) => ImprovementNotices.Evolve(s, e))!;
        var owner = new Recipient(Owner, "Hanako", "hanako@example.co.jp", "ja");

        var first = ImprovementRules.Remind(item, notices, set[0].TimerId, owner, "https://desk/drills/improvements/x", Now, () => Notification);
        var queued = Assert.IsType<NotificationQueued>(first[1]);
        Assert.Equal(ImprovementReminderKind.BeforeDue, Assert.IsType<ImprovementReminderSent>(first[0]).Kind);
        Assert.Equal("hanako@example.co.jp", queued.Address);
        Assert.StartsWith("【改善項目】期日が近づいています（2026-12-10）", queued.Subject, StringComparison.Ordinal);
        Assert.Contains("Taro Suzuki", queued.Body, StringComparison.Ordinal);
        Assert.Null(queued.DrillRunId);
        Assert.Equal(item.Id, queued.IncidentId);

        var after = first.Aggregate(notices, (s, e) => ImprovementNotices.Evolve(s, e));
        Assert.Empty(ImprovementRules.Remind(item, after, set[0].TimerId, owner, "link", Now, () => Notification));
    }

    [Fact]
    public void A_done_item_or_a_reminder_of_an_earlier_round_sends_nothing()
    {
        var first = Reminders(Due, Now);
        var second = Reminders(Due.AddDays(7), Now, round: 1);
        var notices = first.Concat(second).Aggregate((ImprovementNotices?)null, (s, e) => ImprovementNotices.Evolve(s, e))!;
        var moved = ImprovementItem.Evolve(Item(), new ImprovementItemDueDateChanged(ItemId, Due.AddDays(7), Responder, T(2)));
        var owner = new Recipient(Owner, "Hanako", "hanako@example.co.jp", "en");

        Assert.Empty(ImprovementRules.Remind(moved, notices, first[1].TimerId, owner, "link", Now, () => Notification));
        Assert.Equal(2, ImprovementRules.Remind(moved, notices, second[1].TimerId, owner, "link", Now, () => Notification).Count);
        Assert.Empty(ImprovementRules.Remind(Item(ImprovementStatus.Done) with { DueDate = Due.AddDays(7) }, notices, second[1].TimerId, owner, "link", Now,
            () => Notification));
    }

    [Fact]
    public void A_disabled_owner_is_mailed_nothing_but_the_reminder_is_spent()
    {
        var set = Reminders(Due, Now);
        var notices = set.Aggregate((ImprovementNotices?)null, (s, e) => ImprovementNotices.Evolve(s, e))!;

        var events = ImprovementRules.Remind(Item(), notices, set[1].TimerId, null, "link", Now, () => Notification);

        Assert.IsType<ImprovementReminderSent>(Assert.Single(events));
    }

    [Theory]
    [InlineData(ImprovementStatus.Open, ImprovementStatus.InProgress)]
    [InlineData(ImprovementStatus.Open, ImprovementStatus.Done)]
    [InlineData(ImprovementStatus.InProgress, ImprovementStatus.Done)]
    [InlineData(ImprovementStatus.InProgress, ImprovementStatus.Open)]
    [InlineData(ImprovementStatus.Done, ImprovementStatus.InProgress)]
    public void The_status_moves_along_open_in_progress_done_or_one_step_back(ImprovementStatus from, ImprovementStatus to)
    {
        var changed = Assert.IsType<ImprovementItemStatusChanged>(
            Assert.Single(ImprovementRules.ChangeStatus(Item(from), to, "note", null, As(Responder, Roles.Responder), Now)));

        Assert.Equal((from, to, Responder, Now), (changed.From, changed.To, changed.Actor, changed.At));
    }

    [Fact]
    public void The_same_status_again_changes_nothing()
    {
        Assert.Empty(ImprovementRules.ChangeStatus(Item(ImprovementStatus.InProgress), ImprovementStatus.InProgress, null, null, As(Owner, Roles.Reporter), Now));
    }

    [Fact]
    public void The_owner_of_any_role_changes_the_status_and_another_executive_or_reporter_may_not()
    {
        Assert.Single(ImprovementRules.ChangeStatus(Item(), ImprovementStatus.InProgress, null, null, As(Owner, Roles.Reporter), Now));
        Assert.Throws<Forbidden>(() => ImprovementRules.ChangeStatus(Item(), ImprovementStatus.InProgress, null, null, As(OtherOwner, Roles.Executive), Now));
        Assert.Throws<Forbidden>(() => ImprovementRules.ChangeStatus(Item(), ImprovementStatus.InProgress, null, null, As(OtherOwner, Roles.Reporter), Now));
    }

    [Theory]
    [InlineData(ImprovementStatus.Open, ImprovementStatus.Verified, "status_transition_not_allowed")]
    [InlineData(ImprovementStatus.InProgress, ImprovementStatus.Verified, "status_transition_not_allowed")]
    [InlineData(ImprovementStatus.Verified, ImprovementStatus.Done, "improvement_verified")]
    public void Skipping_to_verified_or_leaving_it_is_refused_naming_the_rule(ImprovementStatus from, ImprovementStatus to, string rule)
    {
        var e = Assert.Throws<RuleViolated>(() => ImprovementRules.ChangeStatus(Item(from), to, null, Retest(), As(Responder, Roles.Admin), Now));

        Assert.Equal(rule, e.Rules.Single().Code);
    }

    [Fact]
    public void Verified_names_a_later_held_run_of_the_same_scenario()
    {
        var changed = Assert.IsType<ImprovementItemStatusChanged>(Assert.Single(
            ImprovementRules.ChangeStatus(Item(ImprovementStatus.Done), ImprovementStatus.Verified, null, Retest(), As(Responder, Roles.Responder), Now)));

        Assert.Equal(LaterRunId, changed.RetestRunId);
        Assert.Equal(LaterRunId, ImprovementItem.Evolve(Item(ImprovementStatus.Done), changed).RetestRunId);
    }

    [Theory]
    [InlineData("none", "retest_required")]
    [InlineData("unknown", "retest_unknown")]
    [InlineData("source", "retest_not_later")]
    [InlineData("other-scenario", "retest_other_scenario")]
    [InlineData("earlier", "retest_not_later")]
    [InlineData("not-held", "retest_not_held")]
    public void Verified_without_a_proper_retest_is_refused_naming_the_rule(string retest, string rule)
    {
        RetestFacts? facts = retest switch
        {
            "none" => null,
            "unknown" => Retest(exists: false),
            "source" => Retest(run: RunId),
            "other-scenario" => Retest(same: false),
            "earlier" => Retest(later: false),
            _ => Retest(held: false),
        };

        var e = Assert.Throws<RuleViolated>(() =>
            ImprovementRules.ChangeStatus(Item(ImprovementStatus.Done), ImprovementStatus.Verified, null, facts, As(Responder, Roles.Responder), Now));

        Assert.Equal(rule, e.Rules.Single().Code);
    }

    [Fact]
    public void An_edit_records_one_event_per_kind_of_change_and_an_edit_that_changes_nothing_records_none()
    {
        var events = ImprovementRules.Edit(Item(), new ImprovementEdit("Update the phone list (all sites)", null, false, OtherOwner, Due.AddDays(1),
            new PlaybookStepLink("c2-ransomware", "call-chain"), false), Responder, Now);

        Assert.Equal([typeof(ImprovementItemEdited), typeof(ImprovementItemAssigned), typeof(ImprovementItemDueDateChanged)], events.Select(e => e.GetType()));
        Assert.Empty(ImprovementRules.Edit(Item(), new ImprovementEdit("Update the phone list", null, false, Owner, Due, null, false), Responder, Now));
    }

    [Fact]
    public void A_verified_item_is_not_edited_any_more()
    {
        var e = Assert.Throws<RuleViolated>(() =>
            ImprovementRules.Edit(Item(ImprovementStatus.Verified), new ImprovementEdit("x", null, false, null, null, null, false), Responder, Now));

        Assert.Equal("improvement_verified", e.Rules.Single().Code);
    }

    [Theory]
    [InlineData(-1, "must be today or later")]
    [InlineData(0, null)]
    [InlineData(365 * 3, null)]
    [InlineData(365 * 3 + 2, "must be within 3 years")]
    public void A_due_date_is_today_or_later_within_three_years(int days, string? error)
    {
        var today = ImprovementRules.Today(Now, Tokyo);
        var errors = new FieldErrors();

        ImprovementRules.CheckDueDate(errors, "dueDate", today.AddDays(days), Now, Tokyo);

        Assert.Equal(error is not null, errors.Has("dueDate"));
    }

    [Theory]
    [InlineData("backup-restore-missing", "backupRestore")]
    [InlineData("phishing-on-restore", "phishing")]
    [InlineData("clicked-over-sent", "phishing.clicked")]
    [InlineData("credentials-over-clicked", "phishing.credentialsEntered")]
    [InlineData("other-without-notes", "notes")]
    [InlineData("future", "date")]
    public void An_exercise_record_is_refused_naming_the_field(string problem, string field)
    {
        var today = new DateOnly(2026, 11, 22);
        var restore = new BackupRestoreInput("File server", true, 45, 60, true);
        var request = problem switch
        {
            "backup-restore-missing" => new ExerciseRequest(ExerciseType.BackupRestore, today, "Restore", 3, null, null, null, null),
            "phishing-on-restore" => new ExerciseRequest(ExerciseType.BackupRestore, today, "Restore", 3, restore, new PhishingInput(1, 0, 0, null), null, null),
            "clicked-over-sent" => new ExerciseRequest(ExerciseType.PhishingSimulation, today, "Phish", 3, null, new PhishingInput(10, 11, 0, null), null, null),
            "credentials-over-clicked" => new ExerciseRequest(ExerciseType.PhishingSimulation, today, "Phish", 3, null, new PhishingInput(10, 2, 1, 3), null, null),
            "other-without-notes" => new ExerciseRequest(ExerciseType.Other, today, "Evacuation", 3, null, null, null, null),
            _ => new ExerciseRequest(ExerciseType.BackupRestore, today.AddDays(1), "Restore", 3, restore, null, null, null),
        };
        var errors = new FieldErrors();

        ExerciseValidation.Record(errors, request, today);

        var e = Assert.Throws<ValidationFailed>(errors.ThrowIfAny);
        Assert.Equal([field], e.Errors.Keys);
    }

    [Fact]
    public void A_phishing_simulation_has_click_and_report_rates_and_a_correction_that_changes_nothing_records_nothing()
    {
        var record = ExerciseValidation.Record(new FieldErrors(),
            new ExerciseRequest(ExerciseType.PhishingSimulation, new DateOnly(2026, 11, 1), "Phish", 40, null, new PhishingInput(40, 6, 13, 2), null, null),
            new DateOnly(2026, 11, 22));
        var s = Exercise.Evolve(null, new ExerciseLogged(ItemId, record, Responder, T(0)));

        Assert.Equal(15.0, ExerciseRules.Rate(record.Phishing!.Clicked, record.Phishing.EmailsSent));
        Assert.Equal(32.5, ExerciseRules.Rate(record.Phishing.Reported, record.Phishing.EmailsSent));
        Assert.Null(ExerciseRules.Rate(0, 0));
        Assert.Empty(ExerciseRules.Update(s, record with { }, Responder, Now));
        Assert.Single(ExerciseRules.Update(s, record with { ParticipantsCount = 41 }, Responder, Now));
        var deleted = Exercise.Evolve(s, Assert.Single(ExerciseRules.Delete(s, "Logged twice", Responder, Now)));
        Assert.Empty(ExerciseRules.Delete(deleted, "again", Responder, Now));
        Assert.Equal("exercise_deleted", Assert.Throws<RuleViolated>(() => ExerciseRules.Update(deleted, record, Responder, Now)).Rules.Single().Code);
    }

    [Fact]
    public void Notices_fold_rounds_and_sent_reminders()
    {
        var set = Reminders(Due, Now).Concat(Reminders(Due.AddDays(1), Now, round: 1)).ToList();
        var notices = set.Aggregate((ImprovementNotices?)null, (s, e) => ImprovementNotices.Evolve(s, e))!;

        Assert.Equal(1, notices.Round);
        Assert.Equal(4, notices.Timers.Count);
        Assert.DoesNotContain(notices.Timers.Values, t => t.SentAt is not null);
        Assert.NotEqual(ImprovementNotices.StreamIdFor(ItemId), ItemId);
        Assert.Equal(ImprovementNotices.StreamIdFor(ItemId), ImprovementNotices.StreamIdFor(ItemId));
    }
}
