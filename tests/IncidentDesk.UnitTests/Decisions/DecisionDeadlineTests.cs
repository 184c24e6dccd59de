using IncidentDesk.Api.Common;
using IncidentDesk.Api.Decisions;
using static IncidentDesk.UnitTests.Decisions.DecisionSpec;
using static IncidentDesk.UnitTests.Testing.Fixed;

namespace IncidentDesk.UnitTests.Decisions;

/// <summary>What a decision timer does when it fires: reminders once, the expiry rule, and never an unsafe default.</summary>
public sealed class DecisionDeadlineTests
{
    private static int ids;

    private static (IReadOnlyList<IDecisionEvent> OnRequest, IReadOnlyList<IDecisionEvent> OnNotices) Fire(
        DecisionRequest s, DecisionNotices n, Guid timer) =>
        ApplyDecisionDeadlineHandler.Decide(s, n, timer, NeededBy, () => Guid.Parse($"01930000-0000-7000-8000-0000000009{Interlocked.Increment(ref ids) % 256:x2}"));

    [Fact]
    public void A_reminder_is_sent_once()
    {
        var (notices, half, _, _) = FirstRound();
        var (onRequest, onNotices) = Fire(Open(), notices, half);
        Assert.Empty(onRequest);
        Assert.Equal(50, Assert.IsType<DecisionReminderSent>(Assert.Single(onNotices)).Percent);

        var after = DecisionNotices.Evolve(notices, onNotices[0]);
        Assert.Equal(([], []), (Fire(Open(), after, half).OnRequest.ToArray(), Fire(Open(), after, half).OnNotices.ToArray()));
    }

    [Fact]
    public void A_decided_or_withdrawn_request_ignores_its_timers()
    {
        var (notices, half, _, deadline) = FirstRound();
        var decided = State(Requested(), new ApproverDecided(DecisionId, IncidentId, Ceo, "do_not_pay", null, "why", null, false, Snapshot(), Ceo, Now),
            new DecisionReached(DecisionId, IncidentId, "do_not_pay", null, "why", Ceo, Now));
        var withdrawn = State(Requested(), new DecisionWithdrawn(DecisionId, IncidentId, "moot", Responder, Now));
        foreach (var s in new[] { decided, withdrawn })
        foreach (var t in new[] { half, deadline })
        {
            var (a, b) = Fire(s, notices, t);
            Assert.Empty(a);
            Assert.Empty(b);
        }
    }

    [Fact]
    public void Escalation_goes_to_the_deputies_then_every_executive_each_with_a_new_round_then_lapses()
    {
        var (notices, _, _, deadline) = FirstRound();
        var (onRequest, onNotices) = Fire(Open(), notices, deadline);
        var toDeputies = Assert.IsType<DecisionEscalated>(Assert.Single(onRequest));
        Assert.Equal(DecisionReach.Deputies, toDeputies.Reach);
        Assert.Equal(NeededBy + (NeededBy - AskedAt), toDeputies.NeededBy);
        var round1 = onNotices.Cast<DecisionDeadlineSet>().ToList();
        Assert.All(round1, t => Assert.Equal(1, t.Round));

        var s = State(Requested(), toDeputies);
        // The first round's deadline firing again (a second node, a retry) changes nothing now.
        Assert.Empty(Fire(s, notices, deadline).OnRequest);
        var n1 = round1.Aggregate(notices, (x, e) => DecisionNotices.Evolve(x, e));
        var toAll = Assert.IsType<DecisionEscalated>(Assert.Single(Fire(s, n1, round1[2].TimerId).OnRequest));
        Assert.Equal(DecisionReach.AllExecutives, toAll.Reach);

        s = State(Requested(), toDeputies, toAll);
        var round2 = DecisionTimers.Round(DecisionId, IncidentId, 2, NeededBy, toAll.NeededBy, Guid.NewGuid, NeededBy);
        var n2 = round2.Aggregate(n1, (x, e) => DecisionNotices.Evolve(x, e));
        var lapsed = Assert.IsType<DecisionLapsed>(Assert.Single(Fire(s, n2, round2[2].TimerId).OnRequest));
        Assert.Equal(LapseResult.NoDecision, lapsed.Result);
    }

    [Fact]
    public void Without_deputies_escalation_reaches_every_executive_at_once()
    {
        var (notices, _, _, deadline) = FirstRound();
        Assert.Equal(DecisionReach.AllExecutives,
            Assert.IsType<DecisionEscalated>(Fire(Open(deputy: false), notices, deadline).OnRequest.Single()).Reach);
    }

    [Fact]
    public void Re_asking_happens_once_and_then_the_request_lapses_with_no_decision()
    {
        var (notices, _, _, deadline) = FirstRound();
        var (onRequest, onNotices) = Fire(Open(onExpiry: OnExpiry.ReAsk), notices, deadline);
        var reasked = Assert.IsType<DecisionReasked>(Assert.Single(onRequest));
        var s = State(Requested(onExpiry: OnExpiry.ReAsk), reasked);
        var n = onNotices.Aggregate(notices, (x, e) => DecisionNotices.Evolve(x, e));
        var lapsed = Assert.IsType<DecisionLapsed>(Assert.Single(Fire(s, n, ((DecisionDeadlineSet)onNotices[2]).TimerId).OnRequest));
        Assert.Equal((LapseResult.NoDecision, (string?)null), (lapsed.Result, lapsed.OptionId));
    }

    [Fact]
    public void A_safe_default_is_applied_at_the_deadline()
    {
        var (notices, _, _, deadline) = FirstRound();
        var lapsed = Assert.IsType<DecisionLapsed>(Fire(Open(onExpiry: OnExpiry.ApplySafeOption, defaultOption: "do_not_pay"), notices, deadline).OnRequest.Single());
        Assert.Equal((LapseResult.DefaultApplied, "do_not_pay"), (lapsed.Result, lapsed.OptionId));
        var s = State(Requested(onExpiry: OnExpiry.ApplySafeOption, defaultOption: "do_not_pay"), lapsed);
        Assert.Equal(DecisionStatus.Lapsed, s.Status);
        Assert.True(s.Outcome!.ByTimer);
    }

    [Theory]
    [InlineData(DecisionKind.RansomPayment, "pay")]
    [InlineData(DecisionKind.Disclosure, "notify_now")]
    [InlineData(DecisionKind.Other, "anything")]
    public void A_timer_never_applies_an_option_the_kind_does_not_mark_safe_even_if_one_was_stored_as_the_default(DecisionKind kind, string option)
    {
        // A request stored with an unsafe default (validation refuses it today; history is forever) still lapses undecided.
        var options = new[] { new DecisionOption(option, option, "c", true), new DecisionOption("other", "other", "c", true) };
        var s = State(Requested(kind, onExpiry: OnExpiry.ApplySafeOption, defaultOption: option, options: options));
        var (notices, _, _, deadline) = FirstRound();
        var lapsed = Assert.IsType<DecisionLapsed>(Fire(s, notices, deadline).OnRequest.Single());
        Assert.Equal((LapseResult.NoDecision, (string?)null), (lapsed.Result, lapsed.OptionId));
    }

    [Fact]
    public void Record_no_decision_lapses_at_the_first_deadline()
    {
        var (notices, _, _, deadline) = FirstRound();
        Assert.Equal(LapseResult.NoDecision,
            Assert.IsType<DecisionLapsed>(Fire(Open(onExpiry: OnExpiry.RecordNoDecision), notices, deadline).OnRequest.Single()).Result);
        _ = SystemActor.Id;
    }
}
