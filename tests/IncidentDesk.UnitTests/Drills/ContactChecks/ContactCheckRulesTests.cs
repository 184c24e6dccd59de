using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.ContactChecks;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.Notifications;
using static IncidentDesk.UnitTests.Testing.Fixed;

namespace IncidentDesk.UnitTests.Drills.ContactChecks;

/// <summary>The pure rules of a contact-chain check: the walk down the chain, escalation, bounces, outcomes.</summary>
public sealed class ContactCheckRulesTests
{
    private static readonly Guid CheckId = Guid.Parse("01930000-0000-7000-8000-0000000000e5");
    private static readonly Guid RunId = Guid.Parse("01930000-0000-7000-8000-0000000000e6");
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(30);

    private static readonly ContactChain Chain = new(Guid.Parse("01930000-0000-7000-8000-0000000000c2"), "IT chain", [Category.C2], null, false,
    [
        new Contact("Taro", "taro@example.co.jp", "03-1111-1111", "IT manager", null, "ja"),
        new Contact("Hanako", "hanako@example.co.jp", null, "Deputy", null, "en"),
        new Contact("Jiro", "jiro@example.co.jp", null, null, null, "ja"),
    ]);

    private int ids;

    private Guid NewId() => new($"01930000-0000-7000-8000-{++ids:x12}");

    private static DateTimeOffset StepDue(DateTimeOffset from) => from + Step;

    private static ContactCheck Fold(IEnumerable<IContactCheckEvent> events, ContactCheck? s = null) =>
        events.Aggregate(s, (state, e) => ContactCheck.Evolve(state, e))!;

    private ContactCheck Started(bool announced = false) =>
        Fold(ContactCheckRules.Start(CheckId, RunId, Category.C2, Chain, announced, null, Responder, T(0), StepDue, NewId));

    [Fact]
    public void Starting_alerts_the_first_contact_only_with_a_step_of_the_acknowledge_time()
    {
        var events = ContactCheckRules.Start(CheckId, RunId, Category.C2, Chain, true, null, Responder, T(0), StepDue, NewId);

        var started = Assert.IsType<ContactCheckStarted>(events[0]);
        Assert.Equal(["taro@example.co.jp", "hanako@example.co.jp", "jiro@example.co.jp"], started.Members.Select(m => m.Email));
        Assert.Equal([0, 1, 2], started.Members.Select(m => m.Index));
        Assert.Equal(["ja", "en", "ja"], started.Members.Select(m => m.Language));
        var sent = Assert.IsType<ContactAttemptSent>(Assert.Single(events.Skip(1)));
        Assert.Equal(0, sent.Member);
        Assert.Equal(T(30), sent.StepDueAt);
        Assert.Equal(sent.StepId, sent.Timer().TimerId);
        Assert.Equal(ContactCheckStepTimer.Purpose, sent.Timer().Purpose);
    }

    [Fact]
    public void A_language_for_the_check_overrides_each_contact_s_own()
    {
        var events = ContactCheckRules.Start(CheckId, RunId, Category.C2, Chain, true, "en", Responder, T(0), StepDue, NewId);

        Assert.All(((ContactCheckStarted)events[0]).Members, m => Assert.Equal("en", m.Language));
    }

    [Fact]
    public void An_empty_chain_cannot_be_checked()
    {
        var empty = Chain with { Contacts = [] };

        var e = Assert.Throws<RuleViolated>(() => ContactCheckRules.Start(CheckId, RunId, Category.C2, empty, true, null, Responder, T(0), StepDue, NewId));
        Assert.Equal("chain_empty", e.Rules[0].Code);
    }

    [Fact]
    public void A_step_that_times_out_unanswered_escalates_to_the_next_contact_in_chain_order()
    {
        var s = Started();
        var step = s.Members[0].StepId!.Value;

        var events = ContactCheckRules.FireStep(s, step, T(30), StepDue, NewId);

        Assert.Collection(events,
            e => Assert.Equal(new ContactResponseMissed(CheckId, 0, step, SystemActor.Id, T(30)), e),
            e => Assert.Equal(new ContactEscalated(CheckId, 0, 1, EscalationReason.NoResponse, SystemActor.Id, T(30)), e),
            e => Assert.Equal((1, T(60)), (((ContactAttemptSent)e).Member, ((ContactAttemptSent)e).StepDueAt)));
    }

    [Fact]
    public void A_step_timer_fires_once_in_effect_and_a_stale_or_answered_step_decides_nothing()
    {
        var s = Started();
        var step = s.Members[0].StepId!.Value;
        var after = Fold(ContactCheckRules.FireStep(s, step, T(30), StepDue, NewId), s);

        Assert.Empty(ContactCheckRules.FireStep(after, step, T(31), StepDue, NewId));
        Assert.Empty(ContactCheckRules.FireStep(s, Guid.NewGuid(), T(30), StepDue, NewId));
        var acked = Fold(ContactCheckRules.Acknowledge(s, s.Members[0].NotificationId!.Value, SystemActor.Id, T(5), StepDue, NewId), s);
        Assert.Empty(ContactCheckRules.FireStep(acked, step, T(30), StepDue, NewId));
    }

    [Fact]
    public void An_acknowledgement_counts_once_and_hands_on_to_the_next_contact_at_once()
    {
        var s = Started();
        var notification = s.Members[0].NotificationId!.Value;

        var events = ContactCheckRules.Acknowledge(s, notification, SystemActor.Id, T(4), StepDue, NewId);
        var after = Fold(events, s);

        Assert.IsType<ContactAcknowledged>(events[0]);
        Assert.Equal(1, Assert.IsType<ContactAttemptSent>(events[1]).Member);
        Assert.DoesNotContain(events, e => e is ContactEscalated);
        Assert.Empty(ContactCheckRules.Acknowledge(after, notification, SystemActor.Id, T(5), StepDue, NewId));
        Assert.Equal(TimeSpan.FromMinutes(4), ContactCheckRules.TimeToAcknowledge(after.Members[0]));
        Assert.Equal(ContactOutcome.Acknowledged, ContactCheckRules.Outcome(after.Members[0]));
    }

    [Fact]
    public void A_link_of_another_message_is_refused()
    {
        Assert.Throws<Forbidden>(() => ContactCheckRules.Acknowledge(Started(), Guid.NewGuid(), SystemActor.Id, T(4), StepDue, NewId));
    }

    [Fact]
    public void An_acknowledgement_after_the_step_timed_out_is_late_and_does_not_move_the_check_again()
    {
        var s = Started();
        var first = s.Members[0];
        s = Fold(ContactCheckRules.FireStep(s, first.StepId!.Value, T(30), StepDue, NewId), s);

        var events = ContactCheckRules.Acknowledge(s, first.NotificationId!.Value, SystemActor.Id, T(40), StepDue, NewId);
        s = Fold(events, s);

        Assert.IsType<ContactAcknowledged>(Assert.Single(events));
        Assert.Equal(ContactOutcome.Late, ContactCheckRules.Outcome(s.Members[0]));
        Assert.Equal(1, s.Current);
    }

    [Fact]
    public void A_bounced_mail_moves_on_to_the_next_contact_at_once()
    {
        var s = Started();

        var events = ContactCheckRules.Bounced(s, s.Members[0].NotificationId!.Value, 1, "550 no such user", true, T(1), StepDue, NewId);
        s = Fold(events, s);

        Assert.IsType<ContactAttemptBounced>(events[0]);
        Assert.Equal(new ContactEscalated(CheckId, 0, 1, EscalationReason.Bounced, SystemActor.Id, T(1)), events[1]);
        Assert.Equal(ContactOutcome.Bounced, ContactCheckRules.Outcome(s.Members[0]));
        Assert.Equal(1, s.Current);
        Assert.Empty(ContactCheckRules.Bounced(s, s.Members[0].NotificationId!.Value, 1, "again", true, T(2), StepDue, NewId));
    }

    [Fact]
    public void The_check_completes_when_the_last_contact_answers_or_times_out()
    {
        var s = Started();
        for (var i = 0; i < 2; i++) s = Fold(ContactCheckRules.FireStep(s, s.Members[i].StepId!.Value, T(30 * (i + 1)), StepDue, NewId), s);

        var events = ContactCheckRules.FireStep(s, s.Members[2].StepId!.Value, T(90), StepDue, NewId);
        s = Fold(events, s);

        Assert.Equal(new ContactCheckCompleted(CheckId, RunId, SystemActor.Id, T(90)), events[^1]);
        Assert.True(s.Completed);
        Assert.All(s.Members, m => Assert.Equal(ContactOutcome.NoResponse, ContactCheckRules.Outcome(m)));
        Assert.Equal([true, true, false], s.Members.Select(m => m.EscalatedPast));
    }

    [Fact]
    public void A_member_not_reached_yet_is_pending()
    {
        var s = Started();

        Assert.Equal([ContactOutcome.Pending, ContactOutcome.Pending, ContactOutcome.Pending], s.Members.Select(ContactCheckRules.Outcome));
        Assert.Null(s.Members[1].SentAt);
    }

    [Fact]
    public void A_phone_mark_on_the_contact_awaited_moves_on_and_reads_as_acknowledged_by_phone()
    {
        var s = Started();

        var events = ContactCheckRules.Mark(s, 0, true, "Called", Responder, T(10), StepDue, NewId);
        s = Fold(events, s);

        Assert.IsType<ContactMarked>(events[0]);
        Assert.Equal(1, Assert.IsType<ContactAttemptSent>(events[1]).Member);
        Assert.Equal(ContactOutcome.Acknowledged, ContactCheckRules.Outcome(s.Members[0]));
        Assert.Equal(ResultChannel.Phone, ContactCheckViews.View(s, 3).Members[0].Channel);
        Assert.Empty(ContactCheckRules.Mark(s, 0, true, "Called", Responder, T(11), StepDue, NewId));
        var notReached = Fold(ContactCheckRules.Mark(s, 2, false, null, Responder, T(12), StepDue, NewId), s);
        Assert.Equal(ContactOutcome.NoResponse, ContactCheckRules.Outcome(notReached.Members[2]));
        Assert.Equal(1, notReached.Current);
    }

    [Fact]
    public void A_mark_of_an_unknown_member_names_the_field()
    {
        var e = Assert.Throws<ValidationFailed>(() => ContactCheckRules.Mark(Started(), 3, true, null, Responder, T(10), StepDue, NewId));
        Assert.Contains("member", e.Errors.Keys);
    }

    [Fact]
    public void An_acknowledgement_within_seconds_of_delivery_is_flagged_as_suspected_automated()
    {
        var s = Started();
        var n = s.Members[0].NotificationId!.Value;
        s = Fold(ContactCheckRules.Delivered(s, n, 1, T(1)), s);

        var quick = Fold(ContactCheckRules.Acknowledge(s, n, SystemActor.Id, T(1).AddSeconds(2), StepDue, NewId), s);
        var human = Fold(ContactCheckRules.Acknowledge(s, n, SystemActor.Id, T(1).AddSeconds(40), StepDue, NewId), s);

        Assert.True(ContactCheckRules.SuspectedAutomated(quick.Members[0]));
        Assert.False(ContactCheckRules.SuspectedAutomated(human.Members[0]));
        Assert.Empty(ContactCheckRules.Delivered(s, n, 1, T(2)));
    }

    [Fact]
    public void The_table_summarises_outcomes_and_the_median_time_to_acknowledge()
    {
        var s = Started();
        s = Fold(ContactCheckRules.Acknowledge(s, s.Members[0].NotificationId!.Value, SystemActor.Id, T(2), StepDue, NewId), s);
        s = Fold(ContactCheckRules.Acknowledge(s, s.Members[1].NotificationId!.Value, SystemActor.Id, T(6), StepDue, NewId), s);
        s = Fold(ContactCheckRules.Bounced(s, s.Members[2].NotificationId!.Value, 3, "550", true, T(7), StepDue, NewId), s);

        var view = ContactCheckViews.View(s, 9);

        Assert.Equal(ContactCheckStatus.Completed, view.Status);
        Assert.Equal(new ContactCheckSummary(3, 2, 0, 0, 1, 0, 180), view.Summary);
        Assert.Equal([120.0, 240.0], view.Members.Take(2).Select(m => m.SecondsToAcknowledge!.Value));
        Assert.Equal(3, view.Members[2].Attempts);
    }

    [Fact]
    public void The_drill_mail_is_marked_and_differs_for_announced_and_unannounced_checks()
    {
        var announced = Started(announced: true);
        var unannounced = Started(announced: false);

        var (subjectA, bodyA) = ContactCheckMessages.Render(announced, announced.Members[1].Member, T(30), "Asia/Tokyo");
        var (subjectU, bodyU) = ContactCheckMessages.Render(unannounced, unannounced.Members[1].Member, T(30), "Asia/Tokyo");
        var (subjectJa, bodyJa) = ContactCheckMessages.Render(unannounced, unannounced.Members[0].Member, T(30), "Asia/Tokyo");

        Assert.True(DrillMarking.IsMarked(subjectA, bodyA, "en"));
        Assert.True(DrillMarking.IsMarked(subjectU, bodyU, "en"));
        Assert.True(DrillMarking.IsMarked(subjectJa, bodyJa, "ja"));
        Assert.Contains("(announced)", subjectA);
        Assert.Contains("unannounced", bodyU);
        Assert.Contains("抜き打ち", bodyJa);
        Assert.Contains("18:30:00 JST", bodyU);
        var queued = Assert.Single(ContactCheckMessages.Plan(unannounced, [(ContactAttemptSent)ContactCheckRules
            .Start(CheckId, RunId, Category.C2, Chain, false, null, Responder, T(0), StepDue, NewId)[1]], "Asia/Tokyo", T(0)));
        Assert.Equal((RunId, "drill-ack", true), (queued.DrillRunId!.Value, queued.AckRoute!, queued.AckLink));
    }
}
