using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Recovering;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Incidents.Recovering;

public sealed class RecordRecoveryTests : IncidentSpec
{
    private static readonly DateTimeOffset PartnersCalled = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    private static RecoveryRequest Request(bool verified = true, string? actions = "restored from offline backup", params NotifiedPartyRequest[] parties) =>
        new(actions, verified, parties.Length == 0 ? [new NotifiedPartyRequest("business partners", PartnersCalled, "phone")] : parties);

    [Fact]
    public void Verifying_normal_operation_signs_it_off_by_the_caller_now()
    {
        Given(InRecovery())
            .When(s => RecordRecoveryHandler.Decide(s, RecordRecoveryHandler.Validate(Request(), Now), Responder, Now))
            .Then(new RecoveryRecorded(IncidentId, "restored from offline backup", true, Responder, Now,
                [new NotifiedParty("business partners", PartnersCalled, "phone")], Responder, Now));
    }

    [Fact]
    public void Recording_recovery_without_verification_leaves_no_sign_off()
    {
        Given(InRecovery())
            .When(s => RecordRecoveryHandler.Decide(s, RecordRecoveryHandler.Validate(Request(verified: false), Now), Responder, Now))
            .Then(new RecoveryRecorded(IncidentId, "restored from offline backup", false, null, null,
                [new NotifiedParty("business partners", PartnersCalled, "phone")], Responder, Now));
    }

    [Fact]
    public void Re_saving_a_verified_recovery_keeps_the_original_signer_and_time()
    {
        Given([.. InRecovery(), Recovered(8, verified: true, by: Responder)])
            .When(s => RecordRecoveryHandler.Decide(s, RecordRecoveryHandler.Validate(Request(actions: "restored and patched"), Now), OtherResponder, Now))
            .Then(new RecoveryRecorded(IncidentId, "restored and patched", true, Responder, T(8),
                [new NotifiedParty("business partners", PartnersCalled, "phone")], OtherResponder, Now));
    }

    [Fact]
    public void Unticking_verification_removes_the_sign_off_and_ticking_again_signs_anew()
    {
        var unticked = Given([.. InRecovery(), Recovered(8, verified: true, by: Responder)])
            .When(s => RecordRecoveryHandler.Decide(s, RecordRecoveryHandler.Validate(Request(verified: false), Now), OtherResponder, T(20)));
        Assert.Null(unticked.State.Recovery!.VerifiedBy);
        Assert.Null(unticked.State.Recovery.VerifiedAt);

        Given([.. InRecovery(), Recovered(8, verified: true, by: Responder), .. unticked.Events])
            .When(s => RecordRecoveryHandler.Decide(s, RecordRecoveryHandler.Validate(Request(), Now), OtherResponder, Now))
            .Then(new RecoveryRecorded(IncidentId, "restored from offline backup", true, OtherResponder, Now,
                [new NotifiedParty("business partners", PartnersCalled, "phone")], OtherResponder, Now));
    }

    [Fact]
    public void Recording_the_same_recovery_twice_changes_nothing()
    {
        var first = Given(InRecovery()).When(s => RecordRecoveryHandler.Decide(s, RecordRecoveryHandler.Validate(Request(), Now), Responder, T(8)));

        Given([.. InRecovery(), .. first.Events])
            .When(s => RecordRecoveryHandler.Decide(s, RecordRecoveryHandler.Validate(Request(), Now), OtherResponder, Now))
            .ThenNothingHappens();
    }

    [Fact]
    public void Notified_parties_are_trimmed_stored_in_UTC_and_a_blank_how_is_missing()
    {
        var tokyo = new DateTimeOffset(2026, 11, 21, 19, 0, 0, TimeSpan.FromHours(9));

        Given(InRecovery())
            .When(s => RecordRecoveryHandler.Decide(s,
                RecordRecoveryHandler.Validate(Request(false, "  ", new NotifiedPartyRequest("  affected users ", tokyo, "  ")), Now), Responder, Now))
            .Then(new RecoveryRecorded(IncidentId, null, false, null, null,
                [new NotifiedParty("affected users", PartnersCalled, null)], Responder, Now));
    }

    [Fact]
    public void Notified_at_is_stored_with_a_zero_offset()
    {
        var tokyo = new DateTimeOffset(2026, 11, 21, 19, 0, 0, TimeSpan.FromHours(9));

        var e = (RecoveryRecorded)Given(InRecovery())
            .When(s => RecordRecoveryHandler.Decide(s, RecordRecoveryHandler.Validate(Request(false, null, new NotifiedPartyRequest("users", tokyo, null)), Now), Responder, Now))
            .Events.Single();

        Assert.Equal(TimeSpan.Zero, e.NotifiedParties[0].NotifiedAt.Offset);
    }

    [Theory]
    [InlineData(Stage.Detection)]
    [InlineData(Stage.Triage)]
    [InlineData(Stage.Analysis)]
    [InlineData(Stage.Prevention)]
    public void The_recovery_form_is_refused_outside_recovery(Stage stage)
    {
        Given(In(stage))
            .When(s => RecordRecoveryHandler.Decide(s, RecordRecoveryHandler.Validate(Request(), Now), Responder, Now))
            .ThenRuleViolated("wrong_stage");
    }

    [Fact]
    public void The_recovery_form_is_refused_once_closed()
    {
        Given(Closed())
            .When(s => RecordRecoveryHandler.Decide(s, RecordRecoveryHandler.Validate(Request(), Now), Responder, Now))
            .ThenRuleViolated("incident_closed");
    }

    // Validation (400)

    [Fact]
    public void A_recovery_with_notified_parties_is_valid() => Validation.Passes(() => RecordRecoveryHandler.Validate(Request(), Now));

    [Fact]
    public void Whether_normal_operation_was_verified_is_required() =>
        Validation.Fails(() => RecordRecoveryHandler.Validate(new RecoveryRequest(null, null, null), Now), "normalOperationVerified");

    [Fact]
    public void A_notified_party_needs_a_name()
    {
        Validation.Fails(() => RecordRecoveryHandler.Validate(Request(true, null,
            new NotifiedPartyRequest("users", PartnersCalled, null),
            new NotifiedPartyRequest("  ", PartnersCalled, null),
            new NotifiedPartyRequest(null, PartnersCalled, null)), Now),
            "notifiedParties.1.party", "notifiedParties.2.party");
    }

    [Fact]
    public void A_notified_party_needs_a_time_that_is_not_in_the_future()
    {
        Validation.Passes(() => RecordRecoveryHandler.Validate(Request(true, null, new NotifiedPartyRequest("users", Now.AddMinutes(5), null)), Now));
        Validation.Fails(() => RecordRecoveryHandler.Validate(Request(true, null,
            new NotifiedPartyRequest("users", Now.AddMinutes(5).AddSeconds(1), null),
            new NotifiedPartyRequest("partners", null, null)), Now),
            "notifiedParties.0.notifiedAt", "notifiedParties.1.notifiedAt");
    }

    [Fact]
    public void A_missing_notified_party_entry_is_refused() =>
        Validation.Fails(() => RecordRecoveryHandler.Validate(new RecoveryRequest(null, true, [null!]), Now), "notifiedParties.0");

    [Fact]
    public void Text_limits_apply_to_actions_party_and_how()
    {
        Validation.Fails(() => RecordRecoveryHandler.Validate(Request(true, new string('a', 4001),
            new NotifiedPartyRequest(new string('p', 201), PartnersCalled, new string('h', 201))), Now),
            "actionsTaken", "notifiedParties.0.party", "notifiedParties.0.how");
    }

    [Fact]
    public void At_most_fifty_notified_parties_are_accepted()
    {
        NotifiedPartyRequest[] Parties(int n) => [.. Enumerable.Range(0, n).Select(i => new NotifiedPartyRequest($"party {i}", PartnersCalled, null))];

        Validation.Passes(() => RecordRecoveryHandler.Validate(Request(true, null, Parties(50)), Now));
        Validation.Fails(() => RecordRecoveryHandler.Validate(Request(true, null, Parties(51)), Now), "notifiedParties");
    }
}
