using System.Globalization;
using System.Collections.Immutable;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.Escalation.FiringDeadlines;
using IncidentDesk.Api.Incidents;

namespace IncidentDesk.IntegrationTests.Escalation;

/// <summary>A clock the test sets (Microsoft's FakeTimeProvider is not obtainable here).</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>Unit-style: deadline arithmetic and FireDeadline's pure decision.</summary>
public sealed class DeadlineDecisionTests
{
    private static readonly SlaPolicy Policy = SlaPolicy.Default;
    private static readonly TimeSpan Jst = TimeSpan.FromHours(9);

    private static DateTimeOffset Due(TestClock clock, SlaSpan span) => DeadlineCalculator.Due(clock.GetUtcNow(), span, Policy);

    [Fact]
    public void Minute_and_second_spans_are_added_to_now()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(clock.Now.AddMinutes(15), Due(clock, SlaSpan.OfMinutes(15)));
        Assert.Equal(clock.Now.AddSeconds(3), Due(clock, new SlaSpan(null, false) { Seconds = 3 }));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(clock.Now.AddMinutes(30), Due(clock, SlaSpan.OfMinutes(30)));
    }

    [Theory]
    [InlineData("2026-11-20T19:30:00+09:00", "2026-11-23T09:00:00+09:00")] // Friday evening JST → Monday 09:00
    [InlineData("2026-11-21T12:00:00+09:00", "2026-11-23T09:00:00+09:00")] // Saturday → Monday
    [InlineData("2026-11-22T23:59:00+09:00", "2026-11-23T09:00:00+09:00")] // Sunday night → Monday
    [InlineData("2026-11-18T08:00:00+09:00", "2026-11-19T09:00:00+09:00")] // Wednesday 08:00 → Thursday 09:00
    [InlineData("2026-11-19T20:00:00+00:00", "2026-11-23T09:00:00+09:00")] // Thursday 20:00 UTC is Friday 05:00 JST
    public void Next_business_day_is_the_next_weekday_at_nine_in_Tokyo(string now, string expected)
    {
        var clock = new TestClock(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture));
        var due = Due(clock, SlaSpan.BusinessDay);
        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), due);
        Assert.Equal(9, due.ToOffset(Jst).Hour);
    }

    private static readonly Guid IncidentId = Guid.NewGuid();
    private static readonly Guid Reporter = Guid.NewGuid();
    private static readonly ContactChain Chain = new(Guid.NewGuid(), "chain", [], null, true,
        [new Contact("One", "one@example.test", null, null, null), new Contact("Two", "two@example.test", null, null, null)]);

    private static Incident Reported(DateTimeOffset at) => Incident.Evolve(null, new IncidentReported(IncidentId, "INC-T-0001", Category.C2,
        "Ransom note on screen", at.AddMinutes(-5), null, null, false, null, Reporter, at))!;

    private static EscalationState WithDeadline(Guid deadlineId, DateTimeOffset at) =>
        EscalationState.Evolve(null, new DeadlineSet(IncidentId, deadlineId, DeadlineKind.Acknowledge, null, 0, at.AddSeconds(3), SystemActor.Id, at)
            { ChainId = Chain.Id });

    [Fact]
    public void A_deadline_that_fires_twice_escalates_only_the_first_time()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero));
        var incident = Reported(clock.Now);
        var deadline = Guid.NewGuid();
        var escalation = WithDeadline(deadline, clock.Now);
        clock.Advance(TimeSpan.FromSeconds(4));

        var first = FireDeadlineHandler.Decide(incident, escalation, deadline, Chain, clock.GetUtcNow());
        var escalated = Assert.IsType<Escalated>(Assert.Single(first));
        Assert.Equal(1, escalated.Level);
        Assert.Equal("two@example.test", escalated.Contact.Email);

        var after = first.Aggregate(escalation, (s, e) => EscalationState.Evolve(s, e));
        Assert.Empty(FireDeadlineHandler.Decide(incident, after, deadline, Chain, clock.GetUtcNow()));
    }

    [Fact]
    public void A_deadline_of_an_acknowledged_incident_changes_nothing()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero));
        var incident = Reported(clock.Now);
        var deadline = Guid.NewGuid();
        var escalation = WithDeadline(deadline, clock.Now);
        clock.Advance(TimeSpan.FromSeconds(1));
        incident = Incident.Evolve(incident, new IncidentAcknowledged(IncidentId, Reporter, clock.GetUtcNow()))!;
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Empty(FireDeadlineHandler.Decide(incident, escalation, deadline, Chain, clock.GetUtcNow()));
    }

    [Fact]
    public void A_superseded_deadline_changes_nothing()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero));
        var incident = Reported(clock.Now);
        var old = Guid.NewGuid();
        var escalation = WithDeadline(old, clock.Now);
        escalation = EscalationState.Evolve(escalation,
            new DeadlineSet(IncidentId, Guid.NewGuid(), DeadlineKind.Acknowledge, null, 0, clock.Now.AddMinutes(30), SystemActor.Id, clock.Now));
        clock.Advance(TimeSpan.FromSeconds(4));

        Assert.Empty(FireDeadlineHandler.Decide(incident, escalation, old, Chain, clock.GetUtcNow()));
        Assert.Empty(FireDeadlineHandler.Decide(incident, escalation, Guid.NewGuid(), Chain, clock.GetUtcNow()));
    }
}
