using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.Escalation.FiringDeadlines;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Notifications;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Escalation.FiringDeadlines;

/// <summary>
/// An unacknowledged report's deadline fires: the chain's next contact, unless the chain is another one than the
/// deadline was set for (an admin created it meanwhile), which then starts at its first contact (issue 9 §1).
/// </summary>
public sealed class FireDeadlineTests
{
    private static readonly Guid DeadlineId = Guid.Parse("01930000-0000-7000-8000-0000000000d9");

    private static readonly Contact Desk = new("Desk", "desk@example.test", null, null, null);
    private static readonly Contact Lead = new("Lead", "lead@example.test", null, null, null);

    private static readonly ContactChain BuiltIn = ContactChain.BuiltIn([("Administrator", "admin@example.test", "ja", ["Admin"]),
        ("Responder", "responder@example.test", "ja", ["Responder"])])!;

    private static readonly ContactChain Saved = new(Guid.Parse("01930000-0000-7000-8000-0000000000e2"), "saved", [], null, true, [Desk, Lead]);

    private static readonly Incident Waiting = Incident.Evolve(null, Reported());

    private static EscalationState Deadline(Guid? chainId, int level = 0, params string[] mailedTo)
    {
        var s = EscalationState.Evolve(null,
            new DeadlineSet(IncidentId, DeadlineId, DeadlineKind.Acknowledge, null, level, T(30), Guid.Empty, T(0)) { ChainId = chainId });
        foreach (var address in mailedTo)
            s = EscalationState.Evolve(s, new NotificationQueued(IncidentId, Guid.NewGuid(), NotificationChannel.Email, "x", address, "ja",
                "new_report", "s", "b", true, Guid.Empty, T(0)));
        return s;
    }

    [Fact]
    public void The_built_in_chain_is_the_first_admin_then_every_responder_once_each()
    {
        var chain = ContactChain.BuiltIn([
            ("Responder A", "a@example.test", "ja", ["Responder"]),
            ("Admin One", "one@example.test", "en", ["Admin", "Responder"]),
            ("Admin Two", "two@example.test", "ja", ["Admin"]),
            ("Reporter", "r@example.test", "ja", ["Reporter"]),
        ])!;
        Assert.Equal(ContactChain.BuiltInId, chain.Id);
        Assert.Equal(["one@example.test", "a@example.test"], chain.Contacts.Select(c => c.Email));
        Assert.Equal("en", chain.Contacts[0].Language);
        Assert.Null(ContactChain.BuiltIn([("Reporter", "r@example.test", "ja", ["Reporter", "Executive"])]));
    }

    [Fact]
    public void On_the_same_chain_the_next_contact_is_alerted()
    {
        var events = FireDeadlineHandler.Decide(Waiting, Deadline(Saved.Id), DeadlineId, Saved, Now);
        Assert.Equal([new Escalated(IncidentId, DeadlineId, 1, Lead, IncidentDesk.Api.Common.SystemActor.Id, Now)], events);
    }

    [Fact]
    public void A_chain_created_after_the_report_starts_with_its_first_contact_never_mid_chain()
    {
        var events = FireDeadlineHandler.Decide(Waiting, Deadline(BuiltIn.Id), DeadlineId, Saved, Now);
        Assert.Equal(Desk, Assert.IsType<Escalated>(Assert.Single(events)).Contact);
        Assert.Equal(0, ((Escalated)events[0]).Level);
    }

    [Fact]
    public void A_deadline_stored_before_deadlines_named_their_chain_continues_only_the_chain_it_alerted()
    {
        // Its level-0 contact was mailed: the chain goes on to its second contact.
        Assert.Equal(Lead, ((Escalated)FireDeadlineHandler.Decide(Waiting, Deadline(null, 0, "DESK@example.test"), DeadlineId, Saved, Now)[0]).Contact);
        // Nobody of this chain was told (the report predates it): its first contact.
        Assert.Equal(Desk, ((Escalated)FireDeadlineHandler.Decide(Waiting, Deadline(null), DeadlineId, Saved, Now)[0]).Contact);
    }

    [Fact]
    public void The_exhausted_built_in_chain_is_a_breach_and_no_chain_at_all_is_one_too()
    {
        Assert.IsType<SlaBreached>(Assert.Single(FireDeadlineHandler.Decide(Waiting, Deadline(BuiltIn.Id, 1), DeadlineId, BuiltIn, Now)));
        Assert.IsType<SlaBreached>(Assert.Single(FireDeadlineHandler.Decide(Waiting, Deadline(null), DeadlineId, null, Now)));
    }
}
