using IncidentDesk.Api.Common;
using IncidentDesk.Api.Decisions;
using IncidentDesk.Api.Drills;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Filing;
using IncidentDesk.Api.Notifications;
using static IncidentDesk.UnitTests.Testing.Fixed;

namespace IncidentDesk.UnitTests.Drills;

/// <summary>
/// A drill incident is a drill from creation (issue 11 §2): numbered DRL- in its own series, its run on the report and
/// the state, and every message its reactions queue tied to the run and marked; a real incident's messages are neither.
/// </summary>
public sealed class DrillIncidentTests
{
    private static readonly Guid Run = Guid.Parse("01930000-0000-7000-8000-00000000d001");

    private static DrillIncidentFiling Filing(string title = "【訓練】PC shows a ransom note", string description = "Inject 1: the screen is red.") =>
        new(Run, IncidentId, Reporter, Category.C2, title, description, NoticedAt) { DisconnectedFromNetwork = true };

    private static IncidentReported DrillReport() =>
        DrillIncidentFiler.Decide(DrillIncidentFiler.Validate(Filing()), Filing(), "DRL-2026-0001", ReportedAt, null);

    [Theory]
    [InlineData("INC", 2026, 1, "INC-2026-0001")]
    [InlineData("DRL", 2026, 1, "DRL-2026-0001")]
    [InlineData("DRL", 2027, 42, "DRL-2027-0042")]
    [InlineData("INC", 2026, 10000, "INC-2026-10000")]
    public void References_are_prefix_year_and_a_four_digit_number_that_grows_past_9999(string prefix, int year, long n, string expected)
    {
        Assert.Equal(expected, IncidentReferences.Format(prefix, year, n));
    }

    [Fact]
    public void Only_drl_references_read_as_drill_references()
    {
        Assert.True(IncidentReferences.IsDrillReference("DRL-2026-0001"));
        Assert.False(IncidentReferences.IsDrillReference("INC-2026-0001"));
    }

    [Fact]
    public void A_drill_report_is_decided_as_a_real_report_is_then_tied_to_its_run()
    {
        var reported = DrillReport();

        Assert.Equal(Run, reported.DrillRunId);
        Assert.Equal("DRL-2026-0001", reported.Reference);
        Assert.Equal("【訓練】PC shows a ransom note\nInject 1: the screen is red.", reported.Summary);
        Assert.Equal(Reporter, reported.Actor);
        Assert.Equal(ReportedAt, reported.At);
        Assert.Equal(NoticedAt, reported.NoticedAt);
        Assert.True(reported.DisconnectedFromNetwork);
    }

    [Fact]
    public void The_incident_state_is_a_drill_from_its_first_event_and_stays_one()
    {
        var drill = Incident.Evolve(null, DrillReport());
        var later = Incident.Evolve(drill, new StageAdvanced(IncidentId, Stage.Detection, Stage.Triage, Responder, T(2)));

        Assert.Equal(Run, drill.DrillRunId);
        Assert.True(later.IsDrill);
        Assert.False(Incident.Evolve(null, Testing.History.Reported()).IsDrill);
    }

    [Theory]
    [InlineData("", "title")]
    [InlineData("   ", "title")]
    public void A_drill_filing_without_a_title_is_refused_naming_the_field(string title, string field)
    {
        var e = Assert.Throws<ValidationFailed>(() => DrillIncidentFiler.Validate(Filing(title: title)));
        Assert.Contains(field, e.Errors.Keys);
    }

    [Fact]
    public void A_drill_filing_with_empty_ids_or_an_overlong_text_is_refused_naming_each_field()
    {
        var e = Assert.Throws<ValidationFailed>(() => DrillIncidentFiler.Validate(
            new DrillIncidentFiling(Guid.Empty, Guid.Empty, Guid.Empty, Category.C1, "t", new string('x', 4000), NoticedAt)));
        Assert.Equal(["description", "incidentId", "reporterId", "runId"], e.Errors.Keys.Order(StringComparer.Ordinal));
    }

    private static readonly Contact First = new("CSIRT desk", "csirt@example.test", "03-0000-1111", "first response", "https://hooks.example.test/csirt", "en");

    private static EscalationContext Context() => new(SlaPolicy.Default, new ContactChain(Guid.NewGuid(), "default", [], null, true, [First]),
        new Dictionary<Guid, Recipient> { [Reporter] = new(Reporter, "Yamada Hanako", "yamada@example.test", "ja") }, [], "https://desk.example.test");

    [Fact]
    public void Every_message_the_filing_of_a_drill_incident_queues_carries_its_run_and_the_marking_mail_and_webhook_alike()
    {
        var queued = Reactions.Plan(null, EscalationState.Empty(IncidentId), [DrillReport()], Context(), Guid.NewGuid, ReportedAt)
            .OfType<NotificationQueued>().ToList();

        Assert.Equal([NotificationChannel.Email, NotificationChannel.Webhook], queued.Select(q => q.Channel));
        Assert.All(queued, q =>
        {
            Assert.Equal(Run, q.DrillRunId);
            Assert.True(DrillMarking.IsMarked(q.Subject, q.Body, q.Language), q.Subject);
            Assert.StartsWith("【訓練/DRILL】 ", q.Subject);
            Assert.StartsWith(DrillMarking.FirstLine("en"), q.Body);
        });
    }

    [Fact]
    public void A_real_incident_s_messages_carry_no_run_and_no_drill_marking()
    {
        var queued = Reactions.Plan(null, EscalationState.Empty(IncidentId), [Testing.History.Reported()], Context(), Guid.NewGuid, ReportedAt)
            .OfType<NotificationQueued>().ToList();

        Assert.NotEmpty(queued);
        Assert.All(queued, q =>
        {
            Assert.Null(q.DrillRunId);
            Assert.DoesNotContain(DrillMarking.SubjectPrefix, q.Subject);
        });
    }

    [Fact]
    public void A_decision_request_on_a_drill_incident_mails_its_approvers_marked_and_tied_to_the_run()
    {
        var audience = new DecisionAudience(new Dictionary<Guid, Recipient>
        {
            [Decisions.DecisionSpec.Ceo] = new(Decisions.DecisionSpec.Ceo, "Sato CEO", "ceo@example.co.jp", "ja"),
            [Decisions.DecisionSpec.Cfo] = new(Decisions.DecisionSpec.Cfo, "Jane CFO", "cfo@example.com", "en"),
        }, [], "Asia/Tokyo", "https://desk.example.co.jp");
        var s = Decisions.DecisionSpec.Open();
        var drill = Decisions.DecisionSpec.Incident() with { DrillRunId = Run };

        var mails = DecisionMessages.Plan(s, s.Request, drill, audience, Guid.NewGuid, Now);

        Assert.Equal(2, mails.Count);
        Assert.All(mails, m =>
        {
            Assert.Equal(Run, m.DrillRunId);
            Assert.True(DrillMarking.IsMarked(m.Subject, m.Body, m.Language));
        });
        Assert.All(DecisionMessages.Plan(s, s.Request, Decisions.DecisionSpec.Incident(), audience, Guid.NewGuid, Now), m => Assert.Null(m.DrillRunId));
    }
}
