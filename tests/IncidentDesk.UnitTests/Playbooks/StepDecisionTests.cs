using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.WorkingSteps;
using IncidentDesk.Api.Playbooks;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Playbooks.TestPlaybooks;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Playbooks;

/// <summary>
/// Completing, skipping and reopening the steps of the playbook an incident follows (<see cref="TestPlaybooks.WorkBook"/>).
/// Responders and admins work steps; decisions are an Executive's; a required 基本/必須/SHALL step is an
/// obligation that only an Executive can waive.
/// </summary>
public sealed class StepDecisionTests : IncidentSpec
{
    private static readonly Playbook Book = WorkBook;

    private static Func<Incident, IReadOnlyList<IIncidentEvent>> Complete(string stepId, string? evidence, Caller? by = null) =>
        s => WorkStepHandler.DecideComplete(s, Book, stepId, evidence, by ?? AResponder, Now);

    private static Func<Incident, IReadOnlyList<IIncidentEvent>> Skip(string stepId, string reason = "not needed here", Caller? by = null, Playbook? book = null) =>
        s => WorkStepHandler.DecideSkip(s, book ?? Book, stepId, reason, by ?? AResponder, Now);

    private static Func<Incident, IReadOnlyList<IIncidentEvent>> Reopen(string stepId, string? reason = null, Caller? by = null) =>
        s => WorkStepHandler.DecideReopen(s, Book, stepId, reason, by ?? AResponder, Now);

    private static IIncidentEvent[] InTriageOnBook() => Pinned(ReadyToLeaveTriage());

    // ---- completing ------------------------------------------------------------------------------------

    [Fact]
    public void Completing_a_step_records_the_trimmed_evidence_under_the_playbook_followed()
    {
        var s = Given(Pinned(InDetection()))
            .When(Complete("report-at-once", "  told IT at 09:05 "))
            .Then(new StepCompleted(IncidentId, "work-book", "report-at-once", "told IT at 09:05", Responder, Now))
            .State;

        Assert.Equal(new StepFacts("work-book", "report-at-once", StepStatus.Completed, "told IT at 09:05", null, false, Responder, Now),
            s.Steps["report-at-once"]);
        Assert.Equal(Now, s.UpdatedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Completing_a_prompt_step_without_evidence_is_a_400_on_evidence_quoting_the_prompt(string? evidence)
    {
        var s = Given(Pinned(InDetection())).State;

        var e = Validation.Fails(() => Complete("report-at-once", evidence)(s), "evidence");

        Assert.Contains("Write down what was done", e.Errors["evidence"][0]);
    }

    /// <summary>The device id as field evidence (raw, language-neutral), with the note typed beside it.</summary>
    private static StepCompleted DeviceEvidence(string note) =>
        new(IncidentId, "work-book", "record-device", note, Responder, Now)
        {
            Field = new FieldEvidence(EvidenceField.DeviceId) { Text = "PC-0815" },
        };

    [Fact]
    public void A_field_step_completes_with_the_fields_value()
    {
        Given(InTriageOnBook())
            .When(Complete("record-device", null))
            .Then(DeviceEvidence(""));
    }

    [Fact]
    public void A_note_given_with_a_field_step_is_kept_beside_the_value()
    {
        Given(InTriageOnBook())
            .When(Complete("record-device", " label checked "))
            .Then(DeviceEvidence("label checked"));
    }

    [Fact]
    public void A_field_step_whose_field_is_not_recorded_is_refused_as_evidence_missing()
    {
        var history = InTriageOnBook();
        history[0] = ((IncidentReported)history[0]) with { DeviceId = null };

        var violation = Given(history).When(Complete("record-device", "it is the grey laptop")).ThenRuleViolated("evidence_missing");

        Assert.Contains("deviceId", violation.Rules[0].Message);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "evidence_missing")]
    [InlineData(null, "evidence_missing")]
    public void Disconnected_from_the_network_is_evidence_only_when_the_device_was_disconnected(bool? disconnected, string? rule)
    {
        var outcome = Given(Pinned([Reported(disconnected: disconnected)])).When(Complete("confirm-disconnected", null));

        if (rule is null)
            outcome.Then(new StepCompleted(IncidentId, "work-book", "confirm-disconnected", "", Responder, Now)
            {
                // Which field and its raw value, in no language: the viewer's language renders it.
                Field = new FieldEvidence(EvidenceField.DisconnectedFromNetwork) { Flag = true },
            });
        else
            outcome.ThenRuleViolated(rule);
    }

    [Fact]
    public void Completing_a_step_whose_condition_does_not_hold_is_refused_as_not_applicable()
    {
        var violation = Given(InTriageOnBook()) // triaged: data is not leaking
            .When(Complete("protect-backups", "NAS unplugged"))
            .ThenRuleViolated("step_not_applicable");

        Assert.Contains("protect-backups", violation.Rules[0].Message);
    }

    [Fact]
    public void Completing_a_step_whose_condition_holds_is_recorded()
    {
        Given(Pinned([.. InTriage(), Triaged(3, leaking: true), Assigned(4)]))
            .When(Complete("protect-backups", "NAS unplugged"))
            .Then(new StepCompleted(IncidentId, "work-book", "protect-backups", "NAS unplugged", Responder, Now));
    }

    [Fact]
    public void An_unknown_step_id_is_not_found()
    {
        var s = Given(InTriageOnBook()).State;

        Assert.Throws<NotFoundError>(() => Complete("no-such-step", "x")(s));
        Assert.Throws<NotFoundError>(() => Skip("no-such-step")(s));
        Assert.Throws<NotFoundError>(() => Reopen("no-such-step")(s));
    }

    [Fact]
    public void An_incident_without_a_playbook_has_no_steps_to_work()
    {
        var s = Given(ReadyToLeaveTriage()).State;

        var e = Assert.Throws<NotFoundError>(() => WorkStepHandler.DecideComplete(s, null, "record-device", null, AResponder, Now));

        Assert.Contains("follows no playbook", e.Message);
    }

    [Fact]
    public void A_decision_step_completed_by_a_responder_is_forbidden()
    {
        var s = Given(InTriageOnBook()).State;

        Assert.Throws<Forbidden>(() => Complete("decide-stoppage", "keep the line running", AResponder)(s));
        Assert.Throws<Forbidden>(() => Complete("decide-stoppage", "keep the line running", AnAdmin)(s));
    }

    [Fact]
    public void A_decision_step_completed_by_an_executive_is_recorded()
    {
        Given(InTriageOnBook())
            .When(Complete("decide-stoppage", "stop the file server until Monday", AnExecutive))
            .Then(new StepCompleted(IncidentId, "work-book", "decide-stoppage", "stop the file server until Monday", ExecutiveId, Now));
    }

    [Fact]
    public void Task_steps_are_worked_by_responders_and_admins_and_reporters_tick_only_their_own_reporter_steps()
    {
        var s = Given(Pinned(InDetection())).State;
        var anotherReporter = new Caller(Guid.Parse("01930000-0000-7000-8000-0000000000a9"), new HashSet<string> { Roles.Reporter });

        Assert.Single(Complete("report-at-once", "told IT", AnAdmin)(s));
        Assert.Single(Complete("report-at-once", "told IT by phone", AReporter)(s));
        Assert.Throws<Forbidden>(() => Complete("report-at-once", "told IT", anotherReporter)(s));
        Assert.Throws<Forbidden>(() => Complete("identify-scope", "all of it", AReporter)(s));
    }

    // ---- skipping --------------------------------------------------------------------------------------

    private static Playbook WithRequired(string grade, bool required = true) => Parse(Yaml("grade-book", "C1", 1,
        [.. OnePerStage("g"), Step("the-step", "triage", grade: grade, required: required)]), "grade-book.yaml");

    [Theory]
    [InlineData("基本")]
    [InlineData("必須")]
    [InlineData("SHALL")]
    public void Skipping_a_required_obligation_as_a_responder_is_forbidden(string grade)
    {
        var book = WithRequired(grade);
        var s = Given(Pinned(ReadyToLeaveTriage(), Pin(book))).State;

        var e = Assert.Throws<Forbidden>(() => Skip("the-step", "no time", AResponder, book)(s));

        Assert.Contains(grade, e.Message);
        Assert.Contains("Executive", e.Message);
        Assert.Throws<Forbidden>(() => Skip("the-step", "no time", AnAdmin, book)(s));
    }

    [Theory]
    [InlineData("基本")]
    [InlineData("必須")]
    [InlineData("SHALL")]
    public void An_executive_skipping_a_required_obligation_records_a_waiver(string grade)
    {
        var book = WithRequired(grade);

        var s = Given(Pinned(ReadyToLeaveTriage(), Pin(book)))
            .When(Skip("the-step", "  accepted risk: contract ends Friday ", AnExecutive, book))
            .Then(new StepSkipped(IncidentId, "grade-book", "the-step", "accepted risk: contract ends Friday", true, ExecutiveId, Now))
            .State;

        Assert.Equal(new StepFacts("grade-book", "the-step", StepStatus.Skipped, null, "accepted risk: contract ends Friday", true, ExecutiveId, Now),
            s.Steps["the-step"]);
    }

    [Theory]
    [InlineData("基本", false)]
    [InlineData("必須", false)]
    [InlineData("SHALL", false)]
    [InlineData("推奨", true)]
    [InlineData("SHOULD", true)]
    [InlineData("MAY", true)]
    [InlineData("規程例", true)]
    [InlineData("guidance", true)]
    [InlineData("guidance", false)]
    public void A_responder_skipping_an_optional_or_non_obligation_step_is_no_waiver(string grade, bool required)
    {
        var book = WithRequired(grade, required);

        Given(Pinned(ReadyToLeaveTriage(), Pin(book)))
            .When(Skip("the-step", "done by the vendor", AResponder, book))
            .Then(new StepSkipped(IncidentId, "grade-book", "the-step", "done by the vendor", false, Responder, Now));
    }

    [Fact]
    public void Skipping_an_optional_SHALL_step_of_the_work_book_is_no_waiver()
    {
        Given(Pinned(InPrevention()))
            .When(Skip("restore-drill", "drilled last month"))
            .Then(new StepSkipped(IncidentId, "work-book", "restore-drill", "drilled last month", false, Responder, Now));
    }

    [Fact]
    public void Skipping_a_decision_step_is_an_executives_call()
    {
        var s = Given(InTriageOnBook()).State;

        Assert.Throws<Forbidden>(() => Skip("decide-stoppage", "nothing to decide", AResponder)(s));
        Assert.Single(Skip("decide-stoppage", "nothing to decide", AnExecutive)(s));
    }

    // ---- reopening -------------------------------------------------------------------------------------

    [Fact]
    public void Reopening_a_completed_step_returns_it_to_open()
    {
        var s = Given([.. InTriageOnBook(), Completed("record-device", 5, "PC-0815")])
            .When(Reopen("record-device", " it was another laptop "))
            .Then(new StepReopened(IncidentId, "work-book", "record-device", "it was another laptop", Responder, Now))
            .State;

        Assert.False(s.Steps.ContainsKey("record-device"));
        var line = Checklist.Lines(s, Book, []).Single(l => l.Step.Id == "record-device");
        Assert.Equal(StepStatus.Open, line.Status);
        Assert.True(line.Blocks);
    }

    [Fact]
    public void Reopening_a_skipped_step_returns_it_to_open_without_a_reason()
    {
        var s = Given([.. InTriageOnBook(), Skipped("record-device", 5)])
            .When(Reopen("record-device", "  "))
            .Then(new StepReopened(IncidentId, "work-book", "record-device", null, Responder, Now))
            .State;

        Assert.Empty(s.Steps);
    }

    [Fact]
    public void Reopening_a_waiver_as_a_responder_is_forbidden()
    {
        var s = Given([.. Pinned(InPrevention()), Skipped("patch-everything", 10, waiver: true)]).State;

        var e = Assert.Throws<Forbidden>(() => Reopen("patch-everything", "we can patch after all", AResponder)(s));

        Assert.Contains("Executive", e.Message);
    }

    [Fact]
    public void Reopening_a_waiver_as_an_executive_returns_the_step_to_open()
    {
        var s = Given([.. Pinned(InPrevention()), Skipped("patch-everything", 10, waiver: true)])
            .When(Reopen("patch-everything", "we can patch after all", AnExecutive))
            .Then(new StepReopened(IncidentId, "work-book", "patch-everything", "we can patch after all", ExecutiveId, Now))
            .State;

        Assert.Empty(s.Steps);
    }

    [Fact]
    public void Reopening_a_waiver_as_an_admin_is_forbidden_too()
    {
        var s = Given([.. Pinned(InPrevention()), Skipped("patch-everything", 10, waiver: true)]).State;

        Assert.Throws<Forbidden>(() => Reopen("patch-everything", "patched", AnAdmin)(s));
    }

    [Fact]
    public void Reopening_an_ordinary_skip_is_a_responders_not_an_executives()
    {
        var s = Given([.. InTriageOnBook(), Skipped("record-device", 5)]).State;

        Assert.Throws<Forbidden>(() => Reopen("record-device", null, AnExecutive)(s));
        Assert.Throws<Forbidden>(() => Reopen("record-device", null, AReporter)(s));
        Assert.Single(Reopen("record-device", null, AnAdmin)(s));
    }

    [Fact]
    public void Reopening_a_decision_is_an_executives()
    {
        var s = Given([.. InTriageOnBook(), Completed("decide-stoppage", 5, "no stoppage", by: ExecutiveId)]).State;

        Assert.Throws<Forbidden>(() => Reopen("decide-stoppage", "new facts", AResponder)(s));
        Assert.Single(Reopen("decide-stoppage", "new facts", AnExecutive)(s));
    }

    [Fact]
    public void A_step_done_under_an_earlier_playbook_can_be_reopened_under_its_own_playbook_id()
    {
        var s = Given([.. InTriageOnBook(), Completed("a-step-of-another-book", 5, playbookId: "other-book")]).State;

        var events = Reopen("a-step-of-another-book", "done by mistake")(s);

        Assert.Equal(EventJson.Describe([new StepReopened(IncidentId, "other-book", "a-step-of-another-book", "done by mistake", Responder, Now)]),
            EventJson.Describe(events));
    }

    // ---- idempotency -----------------------------------------------------------------------------------

    [Fact]
    public void Completing_a_completed_step_again_changes_nothing()
    {
        Given([.. InTriageOnBook(), Completed("record-device", 5, "PC-0815")])
            .When(Complete("record-device", "again"))
            .ThenNothingHappens();
    }

    [Fact]
    public void Skipping_a_skipped_step_again_changes_nothing()
    {
        Given([.. InTriageOnBook(), Skipped("record-device", 5)])
            .When(Skip("record-device", "still not needed"))
            .ThenNothingHappens();
    }

    [Fact]
    public void Reopening_an_open_step_changes_nothing()
    {
        Given(InTriageOnBook())
            .When(Reopen("record-device"))
            .ThenNothingHappens();
    }

    [Fact]
    public void A_skipped_step_can_still_be_completed_and_a_completed_one_skipped()
    {
        Given([.. InTriageOnBook(), Skipped("record-device", 5)])
            .When(Complete("record-device", null))
            .Then(DeviceEvidence(""));
        Given([.. InTriageOnBook(), Completed("record-device", 5)])
            .When(Skip("record-device", "wrong device recorded"))
            .Then(new StepSkipped(IncidentId, "work-book", "record-device", "wrong device recorded", false, Responder, Now));
    }

    // ---- closed incidents ------------------------------------------------------------------------------

    private static IIncidentEvent[] ClosedOnBook() =>
        Pinned([.. ReadyToLeavePrevention(), Completed("restore", 10), MovedOn(Stage.Prevention, Stage.Closed, 11)]);

    [Fact]
    public void Completing_a_step_of_a_closed_incident_is_refused()
    {
        Given(ClosedOnBook()).When(Complete("identify-scope", "12 PCs")).ThenRuleViolated("incident_closed");
    }

    [Fact]
    public void Skipping_a_step_of_a_closed_incident_is_refused()
    {
        Given(ClosedOnBook()).When(Skip("identify-scope")).ThenRuleViolated("incident_closed");
    }

    [Fact]
    public void Reopening_a_step_of_a_closed_incident_is_refused()
    {
        Given(ClosedOnBook()).When(Reopen("restore")).ThenRuleViolated("incident_closed");
    }
}
