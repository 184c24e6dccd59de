using System.Collections.Immutable;
using IncidentDesk.Api.Incidents;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Incidents;

public sealed class EvolveTests
{
    private static Incident Fold(params IIncidentEvent[] events) => events.Aggregate((Incident?)null, (s, e) => Incident.Evolve(s, e))!;

    private static IIncidentEvent[] FullLifecycle() =>
    [
        Reported(Category.Unknown),
        Noted(1, "reporter says screen is locked"),
        Acknowledged(2),
        MovedOn(Stage.Detection, Stage.Triage, 2),
        new IncidentReclassified(IncidentId, Category.Unknown, Category.C2, "ransom note", Responder, T(3)),
        Triaged(4, InfoClass.Business, Impact.Serious, severity: Severity.Medium, actions: ["Pulled the LAN cable", "Closed the website"]),
        Assigned(5, Owner),
        MovedOn(Stage.Triage, Stage.Analysis, 6),
        Rerated(7, InfoClass.Confidential, Impact.ExtremelySerious, true, Severity.Medium, Severity.Critical, "customer data on the share"),
        Analysed(8),
        Noted(9, "vendor confirmed the strain"),
        MovedOn(Stage.Analysis, Stage.Recovery, 10),
        Assigned(11, OtherOwner, Owner),
        Recovered(12, verified: true, by: OtherResponder),
        MovedOn(Stage.Recovery, Stage.Prevention, 13),
        Prevented(14),
        MovedOn(Stage.Prevention, Stage.Closed, 15),
        Noted(16, "insurer asked for the report"),
    ];

    [Fact]
    public void Folding_a_full_lifecycle_gives_the_closed_incident()
    {
        var s = Fold(FullLifecycle());

        Assert.Equal(IncidentId, s.Id);
        Assert.Equal(Reference, s.Reference);
        Assert.Equal(Category.C2, s.Category);
        Assert.Equal(Stage.Closed, s.Stage);
        Assert.Null(s.NextStage);
        Assert.Equal(Reporter, s.ReporterId);
        Assert.Equal(NoticedAt, s.NoticedAt);
        Assert.Equal(ReportedAt, s.ReportedAt);
        Assert.Equal(T(2), s.AcknowledgedAt);
        Assert.Equal(Responder, s.AcknowledgedBy);
        Assert.Equal(OtherOwner, s.OwnerId);
        Assert.Equal(Severity.Critical, s.Severity);
        Assert.Equal(T(16), s.UpdatedAt);
        Assert.Equal(["reporter says screen is locked", "vendor confirmed the strain", "insurer asked for the report"], s.Notes.Select(n => n.Text));
        Assert.Equal([T(1), T(9), T(16)], s.Notes.Select(n => n.At));
    }

    [Fact]
    public void Folding_keeps_the_facts_of_each_stage_form()
    {
        var s = Fold(FullLifecycle());

        Assert.NotNull(s.Triage);
        Assert.Equal(InfoClass.Confidential, s.Triage.InfoClass);
        Assert.Equal(Impact.ExtremelySerious, s.Triage.Impact);
        Assert.True(s.Triage.PersonalDataInvolved);
        Assert.Equal(Severity.Critical, s.Triage.Severity);
        Assert.Equal(["Pulled the LAN cable", "Closed the website"], s.Triage.ContainmentActions.AsEnumerable());
        Assert.Equal(T(4), s.Triage.TriagedAt);

        Assert.Equal(new AnalysisFacts(AllAnswered(), "shared drive unreadable", "12 PCs", "FS-01", "macro in a mail attachment",
            "reimage and restore"), s.Analysis);

        Assert.NotNull(s.Recovery);
        Assert.True(s.Recovery.NormalOperationVerified);
        Assert.Equal(OtherResponder, s.Recovery.VerifiedBy);
        Assert.Equal(T(12), s.Recovery.VerifiedAt);
        Assert.Equal([Notified()], s.Recovery.NotifiedParties.AsEnumerable());

        Assert.NotNull(s.Prevention);
        Assert.Equal("macros enabled", s.Prevention.RootCause);
        Assert.Equal([WillDo()], s.Prevention.Measures.AsEnumerable());
        Assert.True(s.Prevention.PolicyUpdateNeeded);
    }

    [Fact]
    public void Each_stage_form_keeps_who_saved_it_last_and_when()
    {
        var s = Fold([.. FullLifecycle(), Analysed(17) with { Actor = OtherResponder }]);

        Assert.Equal(new RecordStamp(OtherResponder, T(17)), s.AnalysisStamp);
        Assert.Equal(new RecordStamp(Responder, T(12)), s.RecoveryStamp);
        Assert.Equal(new RecordStamp(Responder, T(14)), s.PreventionStamp);
        Assert.Null(Fold(Reported()).AnalysisStamp);
    }

    [Fact]
    public void Updated_at_is_the_time_of_the_last_event_of_any_kind()
    {
        var events = FullLifecycle();
        for (var n = 1; n <= events.Length; n++)
            Assert.Equal(events[n - 1].At, Fold(events[..n]).UpdatedAt);
    }

    [Fact]
    public void Acknowledging_does_not_by_itself_move_the_stage()
    {
        // The stage moves only by stage_advanced; acknowledge emits both.
        Assert.Equal(Stage.Detection, Fold(Reported(), Acknowledged(1)).Stage);
    }

    [Fact]
    public void A_new_triage_replaces_the_previous_one()
    {
        var s = Fold([.. InTriage(), Triaged(3), Triaged(4, InfoClass.Public, Impact.Minor, severity: Severity.Low, actions: ["none needed"])]);

        Assert.Equal(Severity.Low, s.Severity);
        Assert.Equal(["none needed"], s.Triage!.ContainmentActions.AsEnumerable());
        Assert.Equal(T(4), s.Triage.TriagedAt);
    }

    [Theory]
    [MemberData(nameof(NotReported))]
    public void A_stream_must_start_with_incident_reported(IIncidentEvent first)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Incident.Evolve(null, first));

        Assert.Contains("incident_reported", e.Message);
    }

    public static TheoryData<IIncidentEvent> NotReported() =>
    [
        Acknowledged(1), MovedOn(Stage.Detection, Stage.Triage, 1), Triaged(), Assigned(), Analysed(), Recovered(), Prevented(),
        Noted(1, "x"), new IncidentReclassified(IncidentId, Category.C1, Category.C2, "r", Responder, T(1)),
        Rerated(1, InfoClass.Public, Impact.Minor, false, Severity.Low, Severity.Low),
    ];

    [Fact]
    public void A_foreign_event_cannot_be_folded()
    {
        Assert.Throws<InvalidOperationException>(() => Incident.Evolve(Fold(Reported()), new { Something = "else" }));
    }

    [Fact]
    public void Folding_does_not_change_the_previous_state()
    {
        var before = Fold(InTriage());
        var notesBefore = before.Notes;

        var after = Incident.Evolve(before, Noted(5, "x"));

        Assert.Equal(Stage.Triage, before.Stage);
        Assert.Empty(before.Notes);
        Assert.Same(notesBefore, before.Notes);
        Assert.Single(after.Notes);
        Assert.IsType<ImmutableList<NoteFacts>>(after.Notes);
    }
}
