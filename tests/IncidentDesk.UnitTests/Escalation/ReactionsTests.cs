using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Notifications;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Escalation;

/// <summary>
/// The inline process manager: which deadlines the decided events start and who hears about them (issue #4 §2-3).
/// Given a history and the escalation stream so far, when a command (or a timer) decides events, then these
/// deadlines and messages are planned. The SLA rows all differ, so every due time names the row it came from.
/// </summary>
public sealed class ReactionsTests
{
    private static SlaSpan Minutes(int m) => SlaSpan.OfMinutes(m);

    private static readonly SlaPolicy Policy = new(
    [
        new SlaRow(SlaPolicy.Unrated, Minutes(20), Minutes(120), Minutes(90)),
        // Briefings off: their deadlines are BriefingReactionsTests' subject, and these tests count every deadline planned.
        new SlaRow("critical", Minutes(5), Minutes(30), Minutes(45)) { Briefing = SlaSpan.Off },
        new SlaRow("high", Minutes(10), Minutes(120), Minutes(180)) { Briefing = SlaSpan.Off }, // same triage time as unrated
        new SlaRow("medium", Minutes(60), Minutes(480), Minutes(720)),
        new SlaRow("low", SlaSpan.BusinessDay, SlaSpan.BusinessDay, Minutes(4320)),
    ], "Asia/Tokyo", 9);

    private static readonly Contact First = new("CSIRT desk", "csirt@example.test", "03-0000-1111", "first response", null);
    private static readonly Contact Second = new("Suzuki Ken", "suzuki@example.test", null, "IT lead", "https://hooks.example.test/suzuki", "en");
    private static readonly Contact Third = new("Tanaka Yui", "tanaka@example.test", null, "CISO", null);

    private static readonly ContactChain Chain = new(
        Guid.Parse("01930000-0000-7000-8000-0000000000e1"), "default", [], null, true, [First, Second, Third]);

    private static readonly Recipient ReporterAccount = new(Reporter, "Yamada Hanako", "yamada@example.test", "ja");
    private static readonly Recipient ResponderAccount = new(Responder, "Ito Jun", "ito@example.test", "ja");
    private static readonly Recipient OwnerAccount = new(Owner, "Kato Mei", "kato@example.test", "en");

    /// <summary>An owner whose address is the first contact's, written differently.</summary>
    private static readonly Recipient OtherOwnerAccount = new(OtherOwner, "Desk account", "CSIRT@Example.TEST", "ja");

    private static readonly Recipient[] Executives =
    [
        new(Guid.Parse("01930000-0000-7000-8000-0000000000f1"), "Exec One", "ceo@example.test", "ja"),
        new(Guid.Parse("01930000-0000-7000-8000-0000000000f2"), "Exec Two", "cio@example.test", "en"),
    ];

    private static readonly Dictionary<Guid, Recipient> AllAccounts = new[] { ReporterAccount, ResponderAccount, OwnerAccount, OtherOwnerAccount }
        .ToDictionary(r => r.AccountId!.Value);

    private const string PublicUrl = "https://desk.example.test/";
    private static readonly string Link = $"https://desk.example.test/incidents/{IncidentId}";

    private static readonly Guid FiredDeadline = Guid.Parse("01930000-0000-7000-8000-0000000000dd");

    private static EscalationContext Context(ContactChain? chain = null, bool noChain = false, IReadOnlyList<Recipient>? executives = null,
        IReadOnlyDictionary<Guid, Recipient>? accounts = null) =>
        new(Policy, noChain ? null : chain ?? Chain, accounts ?? AllAccounts, executives ?? Executives, PublicUrl);

    private static Guid Id(int n) => Guid.Parse($"01930000-0000-7000-8000-1{n:00000000000}");

    private static Func<Guid> Ids()
    {
        var n = 0;
        return () => Id(++n);
    }

    private static Incident? Fold(IIncidentEvent[] history) => history.Aggregate((Incident?)null, (s, e) => Incident.Evolve(s, e));

    private static Guid IncidentOf(IDomainEvent e) => e switch
    {
        IEscalationEvent x => x.IncidentId,
        INotificationEvent n => n.IncidentId,
        _ => Guid.Empty,
    };

    private static EscalationState Stream(params IDomainEvent[] events) =>
        events.Aggregate(EscalationState.Empty(IncidentId), (s, e) => EscalationState.Evolve(s, e));

    private static IReadOnlyList<IDomainEvent> Plan(
        IIncidentEvent[] history, IDomainEvent[] decided, EscalationState? escalation = null, EscalationContext? ctx = null) =>
        Reactions.Plan(Fold(history), escalation ?? Stream(), decided, ctx ?? Context(), Ids(), Now);

    /// <summary>Messages in a readable form: channel, address, template, language, and whether it carries an ack link.</summary>
    private static string[] Sent(IEnumerable<IDomainEvent> events) => events.OfType<NotificationQueued>()
        .Select(n => $"{n.Channel} {n.Address} {n.Template} {n.Language}{(n.AckLink ? " +ack" : "")}").ToArray();

    private static (DeadlineKind Kind, Stage? Stage, int Level, DateTimeOffset DueAt)[] Deadlines(IEnumerable<IDomainEvent> events) =>
        events.OfType<DeadlineSet>().Select(d => (d.Kind, d.Stage, d.Level, d.DueAt)).ToArray();

    private static Escalated Escalation(int level, Contact to, int at) =>
        new Escalated(IncidentId, FiredDeadline, level, to, SystemActor.Id, T(at));

    private static SlaBreached Breach(DeadlineKind kind, int at) => new SlaBreached(IncidentId, FiredDeadline, kind, SystemActor.Id, T(at));

    private static ReminderSent Reminder(Stage stage, int at) => new ReminderSent(IncidentId, FiredDeadline, stage, SystemActor.Id, T(at));

    private static DeadlineSet TriageDeadline(int minutesAfterReport) =>
        new(IncidentId, FiredDeadline, DeadlineKind.Triage, null, 0, ReportedAt.AddMinutes(minutesAfterReport), SystemActor.Id, ReportedAt);

    // New report

    [Fact]
    public void A_new_report_sets_acknowledge_and_triage_deadlines_and_mails_the_first_contact_with_an_ack_link()
    {
        var events = Plan([], [Reported()]);

        var incident = Fold([Reported()])!;
        var (subject, body) = Messages.Render("new_report", "ja", incident, Link, about: new MessageFacts("Yamada Hanako", ReportedAt.AddMinutes(20)));
        Assert.Equal(
        [
            new DeadlineSet(IncidentId, Id(1), DeadlineKind.Acknowledge, null, 0, ReportedAt.AddMinutes(20), SystemActor.Id, Now)
                { ChainId = Chain.Id },
            new DeadlineSet(IncidentId, Id(2), DeadlineKind.Triage, null, 0, ReportedAt.AddMinutes(120), SystemActor.Id, Now),
            new NotificationQueued(IncidentId, Id(3), NotificationChannel.Email, "CSIRT desk", "csirt@example.test", "ja",
                "new_report", subject, body, true, SystemActor.Id, Now),
        ], events);
    }

    [Fact]
    public void The_new_report_mail_names_the_reporter_their_contact_and_the_deadline_to_acknowledge()
    {
        var body = Plan([], [Reported()]).OfType<NotificationQueued>().Single().Body;

        Assert.Contains("報告者: Yamada Hanako\n報告者の連絡先: ext. 1234\n端末: PC-0815\n重大度: 未評価（初動対応で判定）\n", body);
        Assert.Contains("受付確認の期限: 2026/11/20 18:20 JST\n", body);
    }

    [Fact]
    public void An_escalation_mail_names_the_reporter_and_the_new_deadline_to_acknowledge()
    {
        var body = Plan(InDetection(), [new Escalated(IncidentId, FiredDeadline, 1, Second, SystemActor.Id, T(20))])
            .OfType<NotificationQueued>().First(n => n.Channel == NotificationChannel.Email).Body;

        Assert.Contains("Reported by: Yamada Hanako\nReporter's contact: ext. 1234\n", body);
        Assert.Contains("Acknowledge by: 20 Nov 2026, 18:40 JST\n", body);
    }

    [Fact]
    public void The_reporter_is_loaded_for_every_event_that_mails_responders()
    {
        Assert.Contains(Reporter, Reactions.AccountsNeeded(null, [Reported()]));
        Assert.Contains(Reporter, Reactions.AccountsNeeded(Fold(InDetection()), [new Escalated(IncidentId, FiredDeadline, 1, Second, SystemActor.Id, T(20))]));
        Assert.DoesNotContain(Reporter, Reactions.AccountsNeeded(Fold(InTriage()), [Triaged(3)]));
    }

    [Fact]
    public void A_new_report_reaches_only_the_first_contact_of_the_chain()
    {
        Assert.Equal(["Email csirt@example.test new_report ja +ack"], Sent(Plan([], [Reported()])));
    }

    [Fact]
    public void A_new_report_deadlines_come_from_the_unrated_row_counted_from_the_report_time()
    {
        var events = Reactions.Plan(null, Stream(), [Reported()], Context(), Ids(), ReportedAt.AddSeconds(2));

        Assert.Equal(
            [(DeadlineKind.Acknowledge, null, 0, ReportedAt.AddMinutes(20)), (DeadlineKind.Triage, null, 0, ReportedAt.AddMinutes(120))],
            Deadlines(events));
    }

    [Fact]
    public void A_new_report_without_a_contact_chain_still_gets_its_deadlines_but_mails_nobody()
    {
        var events = Plan([], [Reported()], ctx: Context(noChain: true));

        Assert.Empty(Sent(events));
        Assert.Equal([DeadlineKind.Acknowledge, DeadlineKind.Triage], Deadlines(events).Select(d => d.Kind));
    }

    [Fact]
    public void A_first_contact_with_a_webhook_also_gets_a_webhook_message_without_an_ack_link()
    {
        var chain = Chain with { Contacts = [Second, First] };

        var events = Plan([], [Reported()], ctx: Context(chain));

        Assert.Equal(
            ["Email suzuki@example.test new_report en +ack", "Webhook https://hooks.example.test/suzuki new_report en"],
            Sent(events));
        var (mail, hook) = (events.OfType<NotificationQueued>().First(), events.OfType<NotificationQueued>().Last());
        Assert.Equal((mail.Subject, mail.Body, mail.RecipientName), (hook.Subject, hook.Body, hook.RecipientName));
    }

    [Fact]
    public void A_new_report_is_written_in_the_first_contacts_language()
    {
        var chain = Chain with { Contacts = [Second] };

        var mail = Plan([], [Reported()], ctx: Context(chain)).OfType<NotificationQueued>().First();

        Assert.Equal("en", mail.Language);
        Assert.Equal($"[New report] {Reference} Malware", mail.Subject);
    }

    [Fact]
    public void Messages_link_to_the_incident_under_the_public_url()
    {
        var mail = Plan([], [Reported()]).OfType<NotificationQueued>().Single();

        Assert.Contains($"\n詳細: {Link}\n", mail.Body);
        Assert.DoesNotContain("//incidents", mail.Body);
    }

    // Assignment

    [Fact]
    public void Assigning_someone_else_mails_the_new_owner_without_an_ack_link()
    {
        var events = Plan(InTriage(), [Assigned(4)]);

        Assert.Equal(["Email kato@example.test assigned en"], Sent(events));
        Assert.Empty(Deadlines(events));
    }

    [Fact]
    public void Assigning_yourself_mails_nobody()
    {
        var self = new IncidentAssigned(IncidentId, Responder, null, Responder, T(4));

        Assert.Empty(Plan(InTriage(), [self]));
    }

    [Fact]
    public void Assigning_an_owner_whose_account_is_not_known_mails_nobody()
    {
        var accounts = new Dictionary<Guid, Recipient> { [Reporter] = ReporterAccount };

        Assert.Empty(Plan(InTriage(), [Assigned(4)], ctx: Context(accounts: accounts)));
    }

    // Escalation and breaches

    [Fact]
    public void An_escalation_mails_the_next_contact_with_an_ack_link_and_a_webhook_message()
    {
        var events = Plan(InDetection(), [Escalation(1, Second, 20)]);

        Assert.Equal(
            ["Email suzuki@example.test escalation en +ack", "Webhook https://hooks.example.test/suzuki escalation en"],
            Sent(events));
    }

    [Fact]
    public void An_escalation_sets_the_next_acknowledge_deadline_at_the_next_level()
    {
        var events = Plan(InDetection(), [Escalation(2, Third, 40)]);

        Assert.Equal([(DeadlineKind.Acknowledge, null, 2, T(40).AddMinutes(20))], Deadlines(events));
    }

    [Fact]
    public void An_exhausted_chain_mails_every_executive_with_an_ack_link_in_their_language()
    {
        var events = Plan(InDetection(), [Breach(DeadlineKind.Acknowledge, 60)]);

        Assert.Equal(
            ["Email ceo@example.test breach_acknowledge ja +ack", "Email cio@example.test breach_acknowledge en +ack"],
            Sent(events));
    }

    [Fact]
    public void An_exhausted_chain_tells_neither_the_chain_nor_the_owner_and_sets_no_deadline()
    {
        var events = Plan(ReadyToLeaveTriage(), [Breach(DeadlineKind.Acknowledge, 60)], ctx: Context(executives: []));

        Assert.Empty(events);
    }

    [Fact]
    public void A_triage_breach_mails_the_owner_and_every_contact_of_the_chain_without_ack_links()
    {
        var events = Plan(ReadyToLeaveTriage(), [Breach(DeadlineKind.Triage, 125)]);

        Assert.Equal(
        [
            "Email kato@example.test breach_triage en",
            "Email csirt@example.test breach_triage ja",
            "Email suzuki@example.test breach_triage en",
            "Webhook https://hooks.example.test/suzuki breach_triage en",
            "Email tanaka@example.test breach_triage ja",
        ], Sent(events));
        Assert.Empty(Deadlines(events));
    }

    [Fact]
    public void A_triage_breach_mails_an_address_shared_by_the_owner_and_a_contact_only_once()
    {
        var events = Plan([.. InTriage(), Assigned(4, OtherOwner)], [Breach(DeadlineKind.Triage, 125)]);

        Assert.Equal(
        [
            "Email CSIRT@Example.TEST breach_triage ja",
            "Email suzuki@example.test breach_triage en",
            "Webhook https://hooks.example.test/suzuki breach_triage en",
            "Email tanaka@example.test breach_triage ja",
        ], Sent(events));
    }

    [Fact]
    public void A_triage_breach_of_an_unowned_incident_reaches_the_chain()
    {
        var events = Plan(InTriage(), [Breach(DeadlineKind.Triage, 125)]);

        Assert.Equal(
            ["csirt@example.test", "suzuki@example.test", "https://hooks.example.test/suzuki", "tanaka@example.test"],
            events.OfType<NotificationQueued>().Select(n => n.Address));
    }

    // Reminders

    [Fact]
    public void A_reminder_goes_to_the_owner()
    {
        Assert.Equal(["Email kato@example.test reminder en"], Sent(Plan(InAnalysis(), [Reminder(Stage.Analysis, 800)])));
    }

    [Fact]
    public void A_reminder_of_an_unowned_incident_goes_to_the_first_contact()
    {
        Assert.Equal(["Email csirt@example.test reminder ja"], Sent(Plan(InTriage(), [Reminder(Stage.Triage, 100)])));
    }

    [Fact]
    public void A_reminder_sets_the_next_reminder_of_the_same_stage_from_the_severitys_row()
    {
        var events = Plan(InAnalysis(), [Reminder(Stage.Analysis, 800)]); // triaged medium: reminders every 720 min

        Assert.Equal([(DeadlineKind.Reminder, Stage.Analysis, 0, T(800).AddMinutes(720))], Deadlines(events));
    }

    [Fact]
    public void A_reminder_with_neither_owner_nor_chain_still_sets_the_next_reminder()
    {
        var events = Plan(InTriage(), [Reminder(Stage.Triage, 100)], ctx: Context(noChain: true));

        Assert.Empty(Sent(events));
        Assert.Equal([(DeadlineKind.Reminder, Stage.Triage, 0, T(100).AddMinutes(90))], Deadlines(events));
    }

    // Stage changes

    [Fact]
    public void Advancing_tells_the_reporter_in_plain_words_without_an_ack_link()
    {
        var events = Plan(ReadyToLeaveTriage(), [MovedOn(Stage.Triage, Stage.Analysis, 5)]);

        Assert.Equal(["Email yamada@example.test stage_changed ja"], Sent(events));
        Assert.Contains("いまの状況: 原因と影響を調査しています", events.OfType<NotificationQueued>().Single().Body);
    }

    [Fact]
    public void Advancing_by_the_reporter_tells_the_reporter_nothing()
    {
        var byReporter = new StageAdvanced(IncidentId, Stage.Triage, Stage.Analysis, Reporter, T(5));

        Assert.Empty(Sent(Plan(ReadyToLeaveTriage(), [byReporter])));
    }

    [Fact]
    public void Closing_tells_the_reporter_it_is_closed()
    {
        Assert.Equal(["Email yamada@example.test closed ja"], Sent(Plan(ReadyToLeavePrevention(), [MovedOn(Stage.Prevention, Stage.Closed, 11)])));
    }

    [Fact]
    public void Closing_by_the_reporter_tells_nobody()
    {
        var byReporter = new StageAdvanced(IncidentId, Stage.Prevention, Stage.Closed, Reporter, T(11));

        Assert.Empty(Plan(ReadyToLeavePrevention(), [byReporter]));
    }

    [Fact]
    public void Leaving_recovery_tells_every_contact_of_the_chain_what_was_done()
    {
        var events = Plan(ReadyToLeaveRecovery(), [MovedOn(Stage.Recovery, Stage.Prevention, 9)]);

        Assert.Equal(
        [
            "Email yamada@example.test stage_changed ja",
            "Email csirt@example.test recovery_complete ja",
            "Email suzuki@example.test recovery_complete en",
            "Webhook https://hooks.example.test/suzuki recovery_complete en",
            "Email tanaka@example.test recovery_complete ja",
        ], Sent(events));
        Assert.All(events.OfType<NotificationQueued>().Where(n => n.Template == "recovery_complete"),
            n => Assert.Contains("restored from offline backup", n.Body));
    }

    [Fact]
    public void Advancing_out_of_another_stage_tells_the_chain_nothing()
    {
        var events = Plan(ReadyToLeaveAnalysis(), [MovedOn(Stage.Analysis, Stage.Recovery, 7)]);

        Assert.Equal(["Email yamada@example.test stage_changed ja"], Sent(events));
    }

    // Deadlines of stages, triage and rerating

    [Theory]
    [InlineData(Stage.Analysis, 720)] // triaged medium
    [InlineData(Stage.Recovery, 720)]
    [InlineData(Stage.Prevention, 720)]
    public void Advancing_into_an_open_stage_sets_a_reminder_for_that_stage_from_the_severitys_row(Stage into, int minutes)
    {
        var history = into switch
        {
            Stage.Analysis => ReadyToLeaveTriage(),
            Stage.Recovery => ReadyToLeaveAnalysis(),
            _ => ReadyToLeaveRecovery(),
        };

        var events = Plan(history, [MovedOn(into - 1, into, 20)]);

        Assert.Equal([(DeadlineKind.Reminder, into, 0, T(20).AddMinutes(minutes))], Deadlines(events));
    }

    [Fact]
    public void An_acknowledgement_that_starts_triage_sets_an_unrated_triage_reminder_and_tells_the_reporter()
    {
        var events = Plan(InDetection(), [Acknowledged(1), MovedOn(Stage.Detection, Stage.Triage, 1)]);

        Assert.Equal([(DeadlineKind.Reminder, Stage.Triage, 0, T(1).AddMinutes(90))], Deadlines(events));
        Assert.Equal(["Email yamada@example.test stage_changed ja"], Sent(events));
    }

    [Fact]
    public void Closing_sets_no_reminder()
    {
        Assert.Empty(Deadlines(Plan(ReadyToLeavePrevention(), [MovedOn(Stage.Prevention, Stage.Closed, 11)])));
    }

    [Fact]
    public void Triage_resets_the_triage_deadline_from_the_rated_severitys_row_counted_from_the_report()
    {
        var events = Plan(InTriage(), [Triaged(3, severity: Severity.Critical)], Stream(TriageDeadline(120)));

        Assert.Equal(
            [new DeadlineSet(IncidentId, Id(1), DeadlineKind.Triage, null, 0, ReportedAt.AddMinutes(30), SystemActor.Id, Now)],
            events);
    }

    [Fact]
    public void Triage_after_the_triage_deadline_breached_sets_no_new_deadline_so_the_breach_is_not_mailed_twice()
    {
        var breached = Stream(TriageDeadline(120),
            new SlaBreached(IncidentId, FiredDeadline, DeadlineKind.Triage, SystemActor.Id, ReportedAt.AddMinutes(120)));

        Assert.Empty(Plan(InTriage(), [Triaged(130, severity: Severity.Critical)], breached));
    }

    [Fact]
    public void Triage_that_leaves_the_triage_deadline_where_it_was_sets_nothing()
    {
        Assert.Empty(Plan(InTriage(), [Triaged(3, severity: Severity.High)], Stream(TriageDeadline(120))));
    }

    [Fact]
    public void Triage_of_a_low_severity_moves_the_triage_deadline_to_the_next_business_day()
    {
        // Reported Friday 2026-11-20 18:00 JST: the next business day starts Monday 09:00 JST.
        var events = Plan(InTriage(), [Triaged(3, severity: Severity.Low)], Stream(TriageDeadline(120)));

        Assert.Equal([(DeadlineKind.Triage, null, 0, new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero))], Deadlines(events));
    }

    [Fact]
    public void Rerating_during_triage_resets_the_triage_deadline()
    {
        var events = Plan(ReadyToLeaveTriage(),
            [Rerated(5, InfoClass.Confidential, Impact.Serious, true, Severity.Medium, Severity.Critical)],
            Stream(TriageDeadline(480)));

        Assert.Equal([(DeadlineKind.Triage, null, 0, ReportedAt.AddMinutes(30))], Deadlines(events));
    }

    [Fact]
    public void Rerating_after_triage_sets_no_triage_deadline_and_mails_nobody()
    {
        var events = Plan(InAnalysis(),
            [Rerated(6, InfoClass.Confidential, Impact.Serious, true, Severity.Medium, Severity.Critical)],
            Stream(TriageDeadline(480)));

        Assert.Empty(events);
    }

    [Fact]
    public void Events_that_concern_nobody_plan_nothing()
    {
        Assert.Empty(Plan(InAnalysis(), [Noted(6, "called the vendor"), Analysed(7)]));
    }

    [Fact]
    public void Every_planned_event_is_by_the_system_at_the_time_of_planning_with_its_own_id()
    {
        var events = Plan(ReadyToLeaveRecovery(), [MovedOn(Stage.Recovery, Stage.Prevention, 9)]);

        Assert.All(events, e => Assert.Equal((IncidentId, SystemActor.Id, Now), (IncidentOf(e), e.Actor, e.At)));
        var ids = events.Select(e => e switch { DeadlineSet d => d.DeadlineId, NotificationQueued n => n.NotificationId, _ => Guid.Empty });
        Assert.Equal(Enumerable.Range(1, events.Count).Select(Id), ids);
    }

    // Which accounts and executives the loader must read

    // Every mail to responders names the reporter (and stage changes are mailed to them), so those events need them.

    [Fact]
    public void Filing_needs_the_reporter_only()
    {
        Assert.Equal([Reporter], Reactions.AccountsNeeded(null, [Reported()]));
    }

    [Fact]
    public void A_stage_change_needs_the_reporter()
    {
        Assert.Equal([Reporter], Reactions.AccountsNeeded(Fold(ReadyToLeaveTriage()), [MovedOn(Stage.Triage, Stage.Analysis, 5)]));
    }

    [Fact]
    public void An_assignment_needs_the_new_owner_and_the_reporter()
    {
        Assert.Equal(Sorted([OtherOwner, Reporter]), Sorted(Reactions.AccountsNeeded(Fold(InAnalysis()), [Assigned(6, OtherOwner, Owner)])));
    }

    [Fact]
    public void A_reminder_or_triage_breach_needs_the_owner_and_the_reporter()
    {
        Assert.Equal(Sorted([Owner, Reporter]), Sorted(Reactions.AccountsNeeded(Fold(InAnalysis()), [Reminder(Stage.Analysis, 800)])));
        Assert.Equal(Sorted([Owner, Reporter]), Sorted(Reactions.AccountsNeeded(Fold(ReadyToLeaveTriage()), [Breach(DeadlineKind.Triage, 125)])));
    }

    [Fact]
    public void A_reminder_of_an_unowned_incident_needs_only_the_reporter()
    {
        Assert.Equal([Reporter], Reactions.AccountsNeeded(Fold(InTriage()), [Reminder(Stage.Triage, 100)]));
    }

    [Fact]
    public void Recording_facts_needs_no_account()
    {
        Assert.Empty(Reactions.AccountsNeeded(Fold(InTriage()), [Triaged(3)]));
    }

    private static Guid[] Sorted(IEnumerable<Guid> ids) => [.. ids.Order()];

    [Fact]
    public void Only_an_exhausted_chain_needs_the_executives()
    {
        Assert.True(Reactions.NeedsExecutives([Breach(DeadlineKind.Acknowledge, 60)]));
        Assert.False(Reactions.NeedsExecutives([Breach(DeadlineKind.Triage, 125)]));
        Assert.False(Reactions.NeedsExecutives([Escalation(1, Second, 20)]));
        Assert.False(Reactions.NeedsExecutives([Reported()]));
    }

    public static TheoryData<string> Scenarios => new(PlanScenarios.Keys);

    private static readonly Dictionary<string, (IIncidentEvent[] History, IDomainEvent[] Decided)> PlanScenarios = new()
    {
        ["filing"] = ([], [Reported()]),
        ["acknowledging starts triage"] = (InDetection(), [Acknowledged(1), MovedOn(Stage.Detection, Stage.Triage, 1)]),
        ["assigning"] = (InTriage(), [Assigned(4)]),
        ["reassigning"] = (InAnalysis(), [Assigned(6, OtherOwner, Owner)]),
        ["leaving recovery"] = (ReadyToLeaveRecovery(), [MovedOn(Stage.Recovery, Stage.Prevention, 9)]),
        ["closing"] = (ReadyToLeavePrevention(), [MovedOn(Stage.Prevention, Stage.Closed, 11)]),
        ["escalating"] = (InDetection(), [Escalation(1, Second, 20)]),
        ["exhausted chain"] = (InDetection(), [Breach(DeadlineKind.Acknowledge, 60)]),
        ["triage breach"] = (ReadyToLeaveTriage(), [Breach(DeadlineKind.Triage, 125)]),
        ["reminder"] = (InAnalysis(), [Reminder(Stage.Analysis, 800)]),
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Planning_with_only_the_accounts_and_executives_the_loader_was_asked_for_sends_the_same_messages(string scenario)
    {
        var (history, decided) = PlanScenarios[scenario];
        var needed = Reactions.AccountsNeeded(Fold(history), decided);
        var loaded = AllAccounts.Where(a => needed.Contains(a.Key)).ToDictionary();
        var executives = Reactions.NeedsExecutives(decided) ? Executives : [];

        var everyone = Plan(history, decided);
        var asLoaded = Plan(history, decided, ctx: Context(accounts: loaded, executives: executives));

        Assert.NotEmpty(Sent(everyone));
        Assert.Equal(everyone, asLoaded);
    }
}
