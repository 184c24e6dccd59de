using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Decisions;
using IncidentDesk.Api.Drills.ContactChecks;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Notifications;
using IncidentDesk.Api.Playbooks;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.EventStore;

/// <summary>
/// Stored events are forever: these literals pin the JSON each event type is written with. A failing test
/// here means stored history would change shape. Change event shapes additively only, then update the pin
/// (architecture guide, "The event store").
/// </summary>
public sealed partial class EventJsonTests
{
    private const string Incident = "\"incidentId\":\"01930000-0000-7000-8000-000000000001\"";
    private const string ByResponder = "\"actor\":\"01930000-0000-7000-8000-0000000000b1\"";
    private static readonly Guid UserId = Guid.Parse("01930000-0000-7000-8000-0000000000e1");

    private static readonly Guid Deadline = Guid.Parse("01930000-0000-7000-8000-0000000000d1");
    private static readonly Guid Notification = Guid.Parse("01930000-0000-7000-8000-0000000000c1");
    private static readonly Guid Chain = Guid.Parse("01930000-0000-7000-8000-0000000000c2");
    private static readonly Guid Decision = Guid.Parse("01930000-0000-7000-8000-0000000000f1");
    private static readonly Guid Deputy = Guid.Parse("01930000-0000-7000-8000-0000000000e2");
    private static readonly Guid Question = Guid.Parse("01930000-0000-7000-8000-0000000000f2");
    private static readonly Guid Timer = Guid.Parse("01930000-0000-7000-8000-0000000000f3");
    private static readonly Guid Check = Guid.Parse("01930000-0000-7000-8000-0000000000e5");
    private static readonly Guid Run = Guid.Parse("01930000-0000-7000-8000-0000000000e6");
    private const string CheckField = "\"checkId\":\"01930000-0000-7000-8000-0000000000e5\"";
    private const string BySystem = "\"actor\":\"00000000-0000-4000-8000-00000000d35c\"";
    private static readonly Contact Taro = new("Taro Suzuki", "taro@example.co.jp", "03-1234-5678", "IT manager", null, "ja");

    private static readonly Dictionary<string, (object Sample, string Json)> CorePins = new()
    {
        ["incident_reported"] = (
            new IncidentReported(IncidentId, Reference, Category.C2, "PC shows a ransom note", NoticedAt, "ext. 1234", "PC-0815",
                true, true, Reporter, ReportedAt),
            "{" + Incident + ",\"reference\":\"INC-2026-0042\",\"category\":\"C2\",\"summary\":\"PC shows a ransom note\"," +
            "\"noticedAt\":\"2026-11-20T08:50:00+00:00\",\"contact\":\"ext. 1234\",\"deviceId\":\"PC-0815\"," +
            "\"personalDataMayBeInvolved\":true,\"disconnectedFromNetwork\":true," +
            "\"actor\":\"01930000-0000-7000-8000-0000000000a1\",\"at\":\"2026-11-20T09:00:00+00:00\"}"),

        // Filed by a tabletop drill run (issue 11 §2): a drill from creation, numbered DRL-. Without a run the field is absent.
        ["incident_reported (drill)"] = (
            new IncidentReported(IncidentId, "DRL-2026-0007", Category.C2, "【訓練】PC shows a ransom note", NoticedAt, null, null,
                false, true, Reporter, ReportedAt) { DrillRunId = Guid.Parse("01930000-0000-7000-8000-0000000000d1") },
            "{" + Incident + ",\"reference\":\"DRL-2026-0007\",\"category\":\"C2\",\"summary\":\"【訓練】PC shows a ransom note\"," +
            "\"noticedAt\":\"2026-11-20T08:50:00+00:00\",\"contact\":null,\"deviceId\":null," +
            "\"personalDataMayBeInvolved\":false,\"disconnectedFromNetwork\":true," +
            "\"actor\":\"01930000-0000-7000-8000-0000000000a1\",\"at\":\"2026-11-20T09:00:00+00:00\"," +
            "\"drillRunId\":\"01930000-0000-7000-8000-0000000000d1\"}"),

        ["incident_acknowledged"] = (
            new IncidentAcknowledged(IncidentId, Responder, T(1)),
            "{" + Incident + "," + ByResponder + ",\"at\":\"2026-11-20T09:01:00+00:00\"}"),

        ["incident_triaged"] = (
            new IncidentTriaged(IncidentId, InfoClass.Confidential, Impact.ExtremelySerious, true, true, true,
                ["Closed the website", "Moved data to an offline PC"], Severity.Critical, Responder, T(3)),
            "{" + Incident + ",\"infoClass\":\"confidential\",\"impact\":\"extremely_serious\",\"personalDataInvolved\":true," +
            "\"usersMayBeHarmed\":true,\"dataMayBeLeaking\":true," +
            "\"containmentActions\":[\"Closed the website\",\"Moved data to an offline PC\"],\"severity\":\"critical\"," +
            ByResponder + ",\"at\":\"2026-11-20T09:03:00+00:00\"}"),

        ["severity_rerated"] = (
            new SeverityRerated(IncidentId, InfoClass.Business, Impact.Serious, false, Severity.Critical, Severity.Medium,
                "no customer data after all", Responder, T(4)),
            "{" + Incident + ",\"infoClass\":\"business\",\"impact\":\"serious\",\"personalDataInvolved\":false," +
            "\"from\":\"critical\",\"to\":\"medium\",\"reason\":\"no customer data after all\"," +
            ByResponder + ",\"at\":\"2026-11-20T09:04:00+00:00\"}"),

        ["analysis_recorded"] = (
            new AnalysisRecorded(IncidentId,
                new FiveW1H(Known("a contractor"), Known("file server encrypted"), Known("2026-11-20 08:40"), Known("Osaka office"),
                    NotKnown, Known("phishing attachment")),
                "shared drive unreadable", "12 PCs", null, "macro in a mail attachment", "reimage and restore", Responder, T(6)),
            "{" + Incident + ",\"fiveW1H\":{" +
            "\"who\":{\"value\":\"a contractor\",\"unknown\":false}," +
            "\"what\":{\"value\":\"file server encrypted\",\"unknown\":false}," +
            "\"when\":{\"value\":\"2026-11-20 08:40\",\"unknown\":false}," +
            "\"where\":{\"value\":\"Osaka office\",\"unknown\":false}," +
            "\"why\":{\"value\":null,\"unknown\":true}," +
            "\"how\":{\"value\":\"phishing attachment\",\"unknown\":false}}," +
            "\"damage\":\"shared drive unreadable\",\"scale\":\"12 PCs\",\"affectedAssets\":null," +
            "\"cause\":\"macro in a mail attachment\",\"countermeasures\":\"reimage and restore\"," +
            ByResponder + ",\"at\":\"2026-11-20T09:06:00+00:00\"}"),

        ["recovery_recorded"] = (
            new RecoveryRecorded(IncidentId, "restored from offline backup", true, Responder, T(8),
                [new NotifiedParty("business partners", T(7), "phone"), new NotifiedParty("affected users", T(7), null)],
                OtherResponder, T(9)),
            "{" + Incident + ",\"actionsTaken\":\"restored from offline backup\",\"normalOperationVerified\":true," +
            "\"verifiedBy\":\"01930000-0000-7000-8000-0000000000b1\",\"verifiedAt\":\"2026-11-20T09:08:00+00:00\"," +
            "\"notifiedParties\":[" +
            "{\"party\":\"business partners\",\"notifiedAt\":\"2026-11-20T09:07:00+00:00\",\"how\":\"phone\"}," +
            "{\"party\":\"affected users\",\"notifiedAt\":\"2026-11-20T09:07:00+00:00\",\"how\":null}]," +
            "\"actor\":\"01930000-0000-7000-8000-0000000000b2\",\"at\":\"2026-11-20T09:09:00+00:00\"}"),

        ["prevention_recorded"] = (
            new PreventionRecorded(IncidentId, "macros enabled",
                [
                    new Measure("block macros by policy", MeasureDecision.WillDo, new DateOnly(2026, 12, 31)),
                    new Measure("phishing drill", MeasureDecision.Done, null),
                    new Measure("new AV vendor", MeasureDecision.NotNeeded, null),
                ], true, Responder, T(10)),
            "{" + Incident + ",\"rootCause\":\"macros enabled\",\"measures\":[" +
            "{\"description\":\"block macros by policy\",\"decision\":\"will_do\",\"deadline\":\"2026-12-31\"}," +
            "{\"description\":\"phishing drill\",\"decision\":\"done\",\"deadline\":null}," +
            "{\"description\":\"new AV vendor\",\"decision\":\"not_needed\",\"deadline\":null}]," +
            "\"policyUpdateNeeded\":true," + ByResponder + ",\"at\":\"2026-11-20T09:10:00+00:00\"}"),

        ["stage_advanced"] = (
            new StageAdvanced(IncidentId, Stage.Prevention, Stage.Closed, Responder, T(11)),
            "{" + Incident + ",\"from\":\"prevention\",\"to\":\"closed\"," + ByResponder + ",\"at\":\"2026-11-20T09:11:00+00:00\"}"),

        ["note_added"] = (
            new NoteAdded(IncidentId, NoteId, "Called the ISP", Responder, T(12)),
            "{" + Incident + ",\"noteId\":\"01930000-0000-7000-8000-0000000000d1\",\"text\":\"Called the ISP\"," +
            ByResponder + ",\"at\":\"2026-11-20T09:12:00+00:00\"}"),

        ["incident_reclassified"] = (
            new IncidentReclassified(IncidentId, Category.Unknown, Category.C10, "it was an outage", Responder, T(13)),
            "{" + Incident + ",\"from\":\"unknown\",\"to\":\"C10\",\"reason\":\"it was an outage\"," +
            ByResponder + ",\"at\":\"2026-11-20T09:13:00+00:00\"}"),

        ["incident_assigned"] = (
            new IncidentAssigned(IncidentId, OtherOwner, Owner, Responder, T(14)),
            "{" + Incident + ",\"ownerId\":\"01930000-0000-7000-8000-0000000000c2\"," +
            "\"previousOwnerId\":\"01930000-0000-7000-8000-0000000000c1\"," + ByResponder + ",\"at\":\"2026-11-20T09:14:00+00:00\"}"),

        ["incident_reported (with playbook)"] = (
            new IncidentReported(IncidentId, Reference, Category.C8, "mail to the wrong customer", NoticedAt, null, null,
                true, null, Reporter, ReportedAt) { Playbook = new PlaybookPin("c8-mis-sent", 2, "9f86d081884c7d65") },
            "{" + Incident + ",\"reference\":\"INC-2026-0042\",\"category\":\"C8\",\"summary\":\"mail to the wrong customer\"," +
            "\"noticedAt\":\"2026-11-20T08:50:00+00:00\",\"contact\":null,\"deviceId\":null," +
            "\"personalDataMayBeInvolved\":true,\"disconnectedFromNetwork\":null," +
            "\"actor\":\"01930000-0000-7000-8000-0000000000a1\",\"at\":\"2026-11-20T09:00:00+00:00\"," +
            "\"playbook\":{\"id\":\"c8-mis-sent\",\"version\":2,\"contentHash\":\"9f86d081884c7d65\"}}"),

        ["incident_reclassified (with playbook)"] = (
            new IncidentReclassified(IncidentId, Category.C1, Category.C2, "files encrypted", Responder, T(13))
            {
                Playbook = new PlaybookPin("c2-ransomware", 1, "60303ae22b998861"),
            },
            "{" + Incident + ",\"from\":\"C1\",\"to\":\"C2\",\"reason\":\"files encrypted\"," +
            ByResponder + ",\"at\":\"2026-11-20T09:13:00+00:00\"," +
            "\"playbook\":{\"id\":\"c2-ransomware\",\"version\":1,\"contentHash\":\"60303ae22b998861\"}}"),

        ["step_completed"] = (
            new StepCompleted(IncidentId, "c1-malware", "disconnect-lan", "cable pulled at 08:55", Responder, T(15)),
            "{" + Incident + ",\"playbookId\":\"c1-malware\",\"stepId\":\"disconnect-lan\",\"evidence\":\"cable pulled at 08:55\"," +
            ByResponder + ",\"at\":\"2026-11-20T09:15:00+00:00\"}"),

        // Evidenced by an incident field: which field and its raw value, in no language; the note alone in 'evidence'.
        ["step_completed (field: disconnected)"] = (
            new StepCompleted(IncidentId, "c1-malware", "confirm-disconnected", "", Responder, T(15))
            {
                Field = new FieldEvidence(EvidenceField.DisconnectedFromNetwork) { Flag = true },
            },
            "{" + Incident + ",\"playbookId\":\"c1-malware\",\"stepId\":\"confirm-disconnected\",\"evidence\":\"\"," +
            ByResponder + ",\"at\":\"2026-11-20T09:15:00+00:00\",\"field\":{\"name\":\"disconnectedFromNetwork\",\"flag\":true}}"),

        ["step_completed (field: severity)"] = (
            new StepCompleted(IncidentId, "c1-malware", "rate-severity", "rated at the triage meeting", Responder, T(15))
            {
                Field = new FieldEvidence(EvidenceField.Severity) { Severity = Severity.High },
            },
            "{" + Incident + ",\"playbookId\":\"c1-malware\",\"stepId\":\"rate-severity\",\"evidence\":\"rated at the triage meeting\"," +
            ByResponder + ",\"at\":\"2026-11-20T09:15:00+00:00\",\"field\":{\"name\":\"severity\",\"severity\":\"high\"}}"),

        ["step_completed (field: notified parties)"] = (
            new StepCompleted(IncidentId, "c1-malware", "verify-and-notify", "", Responder, T(15))
            {
                Field = new FieldEvidence(EvidenceField.NotifiedParties) { Parties = [new NotifiedParty("営業部長", T(10), "電話")] },
            },
            "{" + Incident + ",\"playbookId\":\"c1-malware\",\"stepId\":\"verify-and-notify\",\"evidence\":\"\"," +
            ByResponder + ",\"at\":\"2026-11-20T09:15:00+00:00\"," +
            "\"field\":{\"name\":\"notifiedParties\",\"parties\":[{\"party\":\"営業部長\",\"notifiedAt\":\"2026-11-20T09:10:00+00:00\",\"how\":\"電話\"}]}}"),

        ["step_completed (field: report)"] = (
            new StepCompleted(IncidentId, "c1-malware", "report-immediately", "", Reporter, T(0))
            {
                Field = new FieldEvidence(EvidenceField.Report) { Text = Reference },
            },
            "{" + Incident + ",\"playbookId\":\"c1-malware\",\"stepId\":\"report-immediately\",\"evidence\":\"\"," +
            "\"actor\":\"01930000-0000-7000-8000-0000000000a1\",\"at\":\"2026-11-20T09:00:00+00:00\",\"field\":{\"name\":\"report\",\"text\":\"INC-2026-0042\"}}"),

        ["step_skipped"] = (
            new StepSkipped(IncidentId, "c1-malware", "notify-partners", "no partner data involved", true, Responder, T(16)),
            "{" + Incident + ",\"playbookId\":\"c1-malware\",\"stepId\":\"notify-partners\",\"reason\":\"no partner data involved\"," +
            "\"waiver\":true," + ByResponder + ",\"at\":\"2026-11-20T09:16:00+00:00\"}"),

        ["step_reopened"] = (
            new StepReopened(IncidentId, "c1-malware", "notify-partners", null, Responder, T(17)),
            "{" + Incident + ",\"playbookId\":\"c1-malware\",\"stepId\":\"notify-partners\",\"reason\":null," +
            ByResponder + ",\"at\":\"2026-11-20T09:17:00+00:00\"}"),

        ["possible_duplicate_flagged"] = (
            new PossibleDuplicateFlagged(IncidentId, Guid.Parse("01930000-0000-7000-8000-000000000002"), "INC-2026-0041", 0.857, SystemActor.Id, T(0)),
            "{" + Incident + ",\"otherIncidentId\":\"01930000-0000-7000-8000-000000000002\",\"otherReference\":\"INC-2026-0041\"," +
            "\"similarity\":0.857,\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:00:00+00:00\"}"),

        ["user_registered"] = (
            new UserRegistered(UserId, "hanako@example.co.jp", "Hanako Sato", ["Responder", "Admin"], UserId, T(0)),
            "{\"userId\":\"01930000-0000-7000-8000-0000000000e1\",\"email\":\"hanako@example.co.jp\",\"displayName\":\"Hanako Sato\"," +
            "\"roles\":[\"Responder\",\"Admin\"]," +
            "\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:00:00+00:00\",\"language\":\"ja\"}"),

        ["user_registered (English)"] = (
            new UserRegistered(UserId, "john@example.com", "John Smith", ["Reporter"], UserId, T(0), "en"),
            "{\"userId\":\"01930000-0000-7000-8000-0000000000e1\",\"email\":\"john@example.com\",\"displayName\":\"John Smith\"," +
            "\"roles\":[\"Reporter\"]," +
            "\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:00:00+00:00\",\"language\":\"en\"}"),

        ["user_language_changed"] = (
            new UserLanguageChanged(UserId, "en", UserId, T(3)),
            "{\"userId\":\"01930000-0000-7000-8000-0000000000e1\",\"language\":\"en\"," +
            "\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:03:00+00:00\"}"),

        ["user_renamed"] = (
            new UserRenamed(UserId, "Hanako Sato", UserId, T(4)),
            "{\"userId\":\"01930000-0000-7000-8000-0000000000e1\",\"displayName\":\"Hanako Sato\",\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:04:00+00:00\"}"),

        ["user_roles_changed"] = (
            new UserRolesChanged(UserId, ["Reporter", "Responder"], UserId, T(5)),
            "{\"userId\":\"01930000-0000-7000-8000-0000000000e1\",\"roles\":[\"Reporter\",\"Responder\"],\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:05:00+00:00\"}"),

        ["user_disabled"] = (
            new UserDisabled(UserId, UserId, T(6)),
            "{\"userId\":\"01930000-0000-7000-8000-0000000000e1\",\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:06:00+00:00\"}"),

        ["user_enabled"] = (
            new UserEnabled(UserId, UserId, T(7)),
            "{\"userId\":\"01930000-0000-7000-8000-0000000000e1\",\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:07:00+00:00\"}"),

        ["user_password_changed"] = (
            new UserPasswordChanged(UserId, UserId, T(8)),
            "{\"userId\":\"01930000-0000-7000-8000-0000000000e1\",\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:08:00+00:00\"}"),

        // The escalation stream beside each incident: deadlines, escalations and the messages people were sent.
        ["deadline_set"] = (
            new DeadlineSet(IncidentId, Deadline, DeadlineKind.Acknowledge, null, 0, T(30), SystemActor.Id, T(0)),
            "{" + Incident + ",\"deadlineId\":\"01930000-0000-7000-8000-0000000000d1\",\"kind\":\"acknowledge\",\"stage\":null," +
            "\"level\":0,\"dueAt\":\"2026-11-20T09:30:00+00:00\",\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:00:00+00:00\"}"),

        ["deadline_set (naming its chain)"] = (
            new DeadlineSet(IncidentId, Deadline, DeadlineKind.Acknowledge, null, 0, T(30), SystemActor.Id, T(0)) { ChainId = Chain },
            "{" + Incident + ",\"deadlineId\":\"01930000-0000-7000-8000-0000000000d1\",\"kind\":\"acknowledge\",\"stage\":null," +
            "\"level\":0,\"dueAt\":\"2026-11-20T09:30:00+00:00\",\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:00:00+00:00\"," +
            "\"chainId\":\"01930000-0000-7000-8000-0000000000c2\"}"),

        ["incident_escalated"] = (
            new Escalated(IncidentId, Deadline, 1, Taro, SystemActor.Id, T(30)),
            "{" + Incident + ",\"deadlineId\":\"01930000-0000-7000-8000-0000000000d1\",\"level\":1,\"contact\":{\"name\":\"Taro Suzuki\",\"email\":\"taro@example.co.jp\",\"phone\":\"03-1234-5678\",\"role\":\"IT manager\",\"webhookUrl\":null,\"language\":\"ja\"}," +
            "\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:30:00+00:00\"}"),

        ["sla_breached"] = (
            new SlaBreached(IncidentId, Deadline, DeadlineKind.Triage, SystemActor.Id, T(45)),
            "{" + Incident + ",\"deadlineId\":\"01930000-0000-7000-8000-0000000000d1\",\"kind\":\"triage\"," +
            "\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:45:00+00:00\"}"),

        ["reminder_sent"] = (
            new ReminderSent(IncidentId, Deadline, Stage.Analysis, SystemActor.Id, T(50)),
            "{" + Incident + ",\"deadlineId\":\"01930000-0000-7000-8000-0000000000d1\",\"stage\":\"analysis\"," +
            "\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:50:00+00:00\"}"),

        ["briefing_reminder_sent"] = (
            new BriefingReminderSent(IncidentId, Deadline, T(120), SystemActor.Id, T(120)),
            "{" + Incident + ",\"deadlineId\":\"01930000-0000-7000-8000-0000000000d1\",\"dueAt\":\"2026-11-20T11:00:00+00:00\"," +
            "\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T11:00:00+00:00\"}"),

        ["briefing_missed"] = (
            new BriefingMissed(IncidentId, Deadline, T(120), SystemActor.Id, T(135)),
            "{" + Incident + ",\"deadlineId\":\"01930000-0000-7000-8000-0000000000d1\",\"dueAt\":\"2026-11-20T11:00:00+00:00\"," +
            "\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T11:15:00+00:00\"}"),

        ["briefing_posted"] = (
            new BriefingPosted(IncidentId, Guid.Parse("01930000-0000-7000-8000-0000000000f9"), 2, Severity.Critical, "PC encrypted",
                "One PC", "Restoring", "Whether data left", "Confirm: no ransom", Responder, T(60)),
            "{" + Incident + ",\"briefingId\":\"01930000-0000-7000-8000-0000000000f9\",\"number\":2,\"severity\":\"critical\"," +
            "\"whatHappened\":\"PC encrypted\",\"impact\":\"One PC\",\"response\":\"Restoring\",\"unknowns\":\"Whether data left\"," +
            "\"nextDecision\":\"Confirm: no ransom\"," + ByResponder + ",\"at\":\"2026-11-20T10:00:00+00:00\"}"),

        ["notification_queued"] = (
            new NotificationQueued(IncidentId, Notification, NotificationChannel.Email, "Taro Suzuki", "taro@example.co.jp", "en",
                "new_report", "[New report] INC-2026-0042", "A new incident was reported.", true, SystemActor.Id, T(0)),
            "{" + Incident + ",\"notificationId\":\"01930000-0000-7000-8000-0000000000c1\",\"channel\":\"email\"," +
            "\"recipientName\":\"Taro Suzuki\",\"address\":\"taro@example.co.jp\",\"language\":\"en\",\"template\":\"new_report\"," +
            "\"subject\":\"[New report] INC-2026-0042\",\"body\":\"A new incident was reported.\",\"ackLink\":true," +
            "\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:00:00+00:00\",\"drillRunId\":null}"),

        // A message of a tabletop drill (issue 11 §2): the dispatcher keeps it inside the run.
        ["notification_queued (drill)"] = (
            new NotificationQueued(IncidentId, Notification, NotificationChannel.Email, "Taro Suzuki", "taro@example.co.jp", "en",
                "drill_inject", "【訓練/DRILL】 Inject", "This is a drill.", false, SystemActor.Id, T(0),
                Guid.Parse("01930000-0000-7000-8000-0000000000d1")),
            "{" + Incident + ",\"notificationId\":\"01930000-0000-7000-8000-0000000000c1\",\"channel\":\"email\"," +
            "\"recipientName\":\"Taro Suzuki\",\"address\":\"taro@example.co.jp\",\"language\":\"en\",\"template\":\"drill_inject\"," +
            "\"subject\":\"【訓練/DRILL】 Inject\",\"body\":\"This is a drill.\",\"ackLink\":false," +
            "\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:00:00+00:00\"," +
            "\"drillRunId\":\"01930000-0000-7000-8000-0000000000d1\"}"),

        // A drill message the dispatcher kept inside its run: "would have been sent", never left (issue 11 §2).
        ["notification_simulated"] = (
            new NotificationSimulated(IncidentId, Notification, NotificationChannel.Email, "press@example.com", "outside-run",
                Guid.Parse("01930000-0000-7000-8000-0000000000d1"), SystemActor.Id, T(1)),
            "{" + Incident + ",\"notificationId\":\"01930000-0000-7000-8000-0000000000c1\",\"channel\":\"email\"," +
            "\"address\":\"press@example.com\",\"reason\":\"outside-run\",\"drillRunId\":\"01930000-0000-7000-8000-0000000000d1\"," +
            "\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:01:00+00:00\"}"),

        ["notification_sent"] = (
            new NotificationSent(IncidentId, Notification, NotificationChannel.Email, "taro@example.co.jp", 1, SystemActor.Id, T(1),
                NotificationTransport.PickupFolder),
            "{" + Incident + ",\"notificationId\":\"01930000-0000-7000-8000-0000000000c1\",\"channel\":\"email\"," +
            "\"address\":\"taro@example.co.jp\",\"attempts\":1,\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:01:00+00:00\"," +
            "\"transport\":\"pickup_folder\"}"),

        // Recorded before the transport was kept (issue 8 §3).
        ["notification_sent (without transport)"] = (
            new NotificationSent(IncidentId, Notification, NotificationChannel.Email, "taro@example.co.jp", 1, SystemActor.Id, T(1)),
            "{" + Incident + ",\"notificationId\":\"01930000-0000-7000-8000-0000000000c1\",\"channel\":\"email\"," +
            "\"address\":\"taro@example.co.jp\",\"attempts\":1,\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:01:00+00:00\"," +
            "\"transport\":null}"),

        ["notification_failed"] = (
            new NotificationFailed(IncidentId, Notification, NotificationChannel.Webhook, "https://hooks.example.co.jp/x", 8,
                "503 Service Unavailable", false, SystemActor.Id, T(40)),
            "{" + Incident + ",\"notificationId\":\"01930000-0000-7000-8000-0000000000c1\",\"channel\":\"webhook\"," +
            "\"address\":\"https://hooks.example.co.jp/x\",\"attempts\":8,\"error\":\"503 Service Unavailable\",\"permanent\":false," +
            "\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:40:00+00:00\"}"),

        // Admin settings streams.
        ["contact_chain_saved"] = (
            new ContactChainSaved(Chain, "Default chain", [Category.C1, Category.C2], null, true, [Taro], UserId, T(0)),
            "{\"chainId\":\"01930000-0000-7000-8000-0000000000c2\",\"name\":\"Default chain\",\"categories\":[\"C1\",\"C2\"]," +
            "\"department\":null,\"isDefault\":true,\"contacts\":[{\"name\":\"Taro Suzuki\",\"email\":\"taro@example.co.jp\",\"phone\":\"03-1234-5678\",\"role\":\"IT manager\",\"webhookUrl\":null,\"language\":\"ja\"}],\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:00:00+00:00\"}"),

        // With briefing intervals (issue 10 §5): a row saved without one (above) reads as the default.
        ["sla_policy_saved (with briefing intervals)"] = (
            new SlaPolicySaved([new SlaRow("critical", SlaSpan.OfMinutes(15), SlaSpan.OfMinutes(60), SlaSpan.OfMinutes(60)) { Briefing = SlaSpan.OfMinutes(120) },
                new SlaRow("low", SlaSpan.BusinessDay, SlaSpan.BusinessDay, SlaSpan.OfMinutes(60)) { Briefing = SlaSpan.Off }], "Asia/Tokyo", 9, UserId, T(0)),
            "{\"rows\":[{\"severity\":\"critical\",\"acknowledge\":{\"minutes\":15,\"nextBusinessDay\":false},\"triage\":{\"minutes\":60,\"nextBusinessDay\":false},\"reminder\":{\"minutes\":60,\"nextBusinessDay\":false},\"briefing\":{\"minutes\":120,\"nextBusinessDay\":false}}," +
            "{\"severity\":\"low\",\"acknowledge\":{\"minutes\":null,\"nextBusinessDay\":true},\"triage\":{\"minutes\":null,\"nextBusinessDay\":true},\"reminder\":{\"minutes\":60,\"nextBusinessDay\":false},\"briefing\":{\"minutes\":null,\"nextBusinessDay\":false}}]," +
            "\"timeZone\":\"Asia/Tokyo\",\"businessDayStartHour\":9,\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:00:00+00:00\"}"),

        ["contact_chain_removed"] = (
            new ContactChainRemoved(Chain, UserId, T(5)),
            "{\"chainId\":\"01930000-0000-7000-8000-0000000000c2\",\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:05:00+00:00\"}"),

        ["sla_policy_saved"] = (
            new SlaPolicySaved([new SlaRow("critical", SlaSpan.OfMinutes(15), SlaSpan.OfMinutes(60), SlaSpan.OfMinutes(60)),
                new SlaRow("low", SlaSpan.BusinessDay, SlaSpan.BusinessDay, SlaSpan.OfMinutes(60))], "Asia/Tokyo", 9, UserId, T(0)),
            "{\"rows\":[{\"severity\":\"critical\",\"acknowledge\":{\"minutes\":15,\"nextBusinessDay\":false},\"triage\":{\"minutes\":60,\"nextBusinessDay\":false},\"reminder\":{\"minutes\":60,\"nextBusinessDay\":false}}," +
            "{\"severity\":\"low\",\"acknowledge\":{\"minutes\":null,\"nextBusinessDay\":true},\"triage\":{\"minutes\":null,\"nextBusinessDay\":true},\"reminder\":{\"minutes\":60,\"nextBusinessDay\":false}}]," +
            "\"timeZone\":\"Asia/Tokyo\",\"businessDayStartHour\":9,\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:00:00+00:00\"}"),
        // Decision requests (issue 10): the request's stream and its notice stream.
        ["decision_requested"] = (
            new DecisionRequested(Decision, IncidentId, DecisionKind.RansomPayment, "decide-ransom", "Do we pay the ransom?",
                [new DecisionOption("do_not_pay", "Do not pay", "Restore from backups in two days", true), new DecisionOption("pay", "Pay", "No guarantee", false)],
                "do_not_pay", "Backups are intact", "File server encrypted", ["whether data left"],
                new IncidentSnapshot(Reference, "PC shows a ransom note", Category.C2, Severity.Critical, Stage.Analysis, null, "12 PCs",
                    ["Pulled the LAN cable"], ["five_w1h.why"], Owner, 7),
                T(120), [new Approver(UserId, Deputy), new Approver(Deputy, null)], Quorum.All, OnExpiry.Escalate, "do_not_pay", Responder, T(20)),
            "{\"decisionId\":\"01930000-0000-7000-8000-0000000000f1\",\"incidentId\":\"01930000-0000-7000-8000-000000000001\",\"kind\":\"ransom_payment\",\"stepId\":\"decide-ransom\",\"question\":\"Do we pay the ransom?\",\"options\":[{\"id\":\"do_not_pay\",\"label\":\"Do not pay\",\"consequence\":\"Restore from backups in two days\",\"safe\":true},{\"id\":\"pay\",\"label\":\"Pay\",\"consequence\":\"No guarantee\",\"safe\":false}],\"recommendedOptionId\":\"do_not_pay\",\"recommendation\":\"Backups are intact\",\"context\":\"File server encrypted\",\"unknowns\":[\"whether data left\"],\"snapshot\":{\"reference\":\"INC-2026-0042\",\"summary\":\"PC shows a ransom note\",\"category\":\"C2\",\"severity\":\"critical\",\"stage\":\"analysis\",\"fiveW1H\":null,\"scope\":\"12 PCs\",\"containmentDone\":[\"Pulled the LAN cable\"],\"unknownFacts\":[\"five_w1h.why\"],\"ownerId\":\"01930000-0000-7000-8000-0000000000c1\",\"incidentVersion\":7},\"neededBy\":\"2026-11-20T11:00:00+00:00\",\"approvers\":[{\"accountId\":\"01930000-0000-7000-8000-0000000000e1\",\"deputyId\":\"01930000-0000-7000-8000-0000000000e2\"},{\"accountId\":\"01930000-0000-7000-8000-0000000000e2\",\"deputyId\":null}],\"quorum\":\"all\",\"onExpiry\":\"escalate\",\"defaultOptionId\":\"do_not_pay\",\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:20:00+00:00\"}"),
        ["decision_info_asked"] = (new DecisionInfoAsked(Decision, IncidentId, Question, "Are the backups tested?", UserId, T(21)), "{\"decisionId\":\"01930000-0000-7000-8000-0000000000f1\",\"incidentId\":\"01930000-0000-7000-8000-000000000001\",\"questionId\":\"01930000-0000-7000-8000-0000000000f2\",\"question\":\"Are the backups tested?\",\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:21:00+00:00\"}"),
        ["decision_info_answered"] = (new DecisionInfoAnswered(Decision, IncidentId, Question, "Restored last month", Responder, T(22)), "{\"decisionId\":\"01930000-0000-7000-8000-0000000000f1\",\"incidentId\":\"01930000-0000-7000-8000-000000000001\",\"questionId\":\"01930000-0000-7000-8000-0000000000f2\",\"answer\":\"Restored last month\",\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:22:00+00:00\"}"),
        ["approver_decided"] = (
            new ApproverDecided(Decision, IncidentId, UserId, "pay", "only the ward system", "Patients' records are locked", "Lives at stake",
                true, new IncidentSnapshot(Reference, "PC shows a ransom note", Category.C2, null, Stage.Triage,
                    new FiveW1H(Known("a nurse"), Known("ward PCs encrypted"), Known("08:40"), Known("ward 3"), NotKnown, Known("VPN")),
                    null, [], ["severity", "scope"], null, 9), UserId, T(23)),
            "{\"decisionId\":\"01930000-0000-7000-8000-0000000000f1\",\"incidentId\":\"01930000-0000-7000-8000-000000000001\",\"onBehalfOf\":\"01930000-0000-7000-8000-0000000000e1\",\"optionId\":\"pay\",\"conditions\":\"only the ward system\",\"rationale\":\"Patients\\u0027 records are locked\",\"emergency\":\"Lives at stake\",\"guidanceAcknowledged\":true,\"factsAtDecision\":{\"reference\":\"INC-2026-0042\",\"summary\":\"PC shows a ransom note\",\"category\":\"C2\",\"severity\":null,\"stage\":\"triage\",\"fiveW1H\":{\"who\":{\"value\":\"a nurse\",\"unknown\":false},\"what\":{\"value\":\"ward PCs encrypted\",\"unknown\":false},\"when\":{\"value\":\"08:40\",\"unknown\":false},\"where\":{\"value\":\"ward 3\",\"unknown\":false},\"why\":{\"value\":null,\"unknown\":true},\"how\":{\"value\":\"VPN\",\"unknown\":false}},\"scope\":null,\"containmentDone\":[],\"unknownFacts\":[\"severity\",\"scope\"],\"ownerId\":null,\"incidentVersion\":9},\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:23:00+00:00\"}"),
        ["decision_reached"] = (new DecisionReached(Decision, IncidentId, "do_not_pay", null, "Backups are intact", UserId, T(24)), "{\"decisionId\":\"01930000-0000-7000-8000-0000000000f1\",\"incidentId\":\"01930000-0000-7000-8000-000000000001\",\"optionId\":\"do_not_pay\",\"conditions\":null,\"rationale\":\"Backups are intact\",\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:24:00+00:00\"}"),
        ["decision_withdrawn"] = (new DecisionWithdrawn(Decision, IncidentId, "Restored before anyone decided", Responder, T(25)), "{\"decisionId\":\"01930000-0000-7000-8000-0000000000f1\",\"incidentId\":\"01930000-0000-7000-8000-000000000001\",\"reason\":\"Restored before anyone decided\",\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:25:00+00:00\"}"),
        ["decision_escalated"] = (new DecisionEscalated(Decision, IncidentId, Timer, DecisionReach.Deputies, T(220), SystemActor.Id, T(120)), "{\"decisionId\":\"01930000-0000-7000-8000-0000000000f1\",\"incidentId\":\"01930000-0000-7000-8000-000000000001\",\"timerId\":\"01930000-0000-7000-8000-0000000000f3\",\"reach\":\"deputies\",\"neededBy\":\"2026-11-20T12:40:00+00:00\",\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T11:00:00+00:00\"}"),
        ["decision_reasked"] = (new DecisionReasked(Decision, IncidentId, Timer, T(220), SystemActor.Id, T(120)), "{\"decisionId\":\"01930000-0000-7000-8000-0000000000f1\",\"incidentId\":\"01930000-0000-7000-8000-000000000001\",\"timerId\":\"01930000-0000-7000-8000-0000000000f3\",\"neededBy\":\"2026-11-20T12:40:00+00:00\",\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T11:00:00+00:00\"}"),
        ["decision_lapsed"] = (new DecisionLapsed(Decision, IncidentId, Timer, LapseResult.DefaultApplied, "do_not_pay", SystemActor.Id, T(320)), "{\"decisionId\":\"01930000-0000-7000-8000-0000000000f1\",\"incidentId\":\"01930000-0000-7000-8000-000000000001\",\"timerId\":\"01930000-0000-7000-8000-0000000000f3\",\"result\":\"default_applied\",\"optionId\":\"do_not_pay\",\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T14:20:00+00:00\"}"),
        ["decision_superseded"] = (
            new DecisionSuperseded(Decision, IncidentId, "pay", null, "The ward's records are needed now", "A patient's life is at stake",
                "Lives at stake", true, new IncidentSnapshot(Reference, "PC shows a ransom note", Category.C2, Severity.Critical, Stage.Analysis,
                    null, null, [], [], Owner, 12), UserId, T(400)),
            "{\"decisionId\":\"01930000-0000-7000-8000-0000000000f1\",\"incidentId\":\"01930000-0000-7000-8000-000000000001\",\"optionId\":\"pay\",\"conditions\":null,\"rationale\":\"The ward\\u0027s records are needed now\",\"reason\":\"A patient\\u0027s life is at stake\",\"emergency\":\"Lives at stake\",\"guidanceAcknowledged\":true,\"factsAtDecision\":{\"reference\":\"INC-2026-0042\",\"summary\":\"PC shows a ransom note\",\"category\":\"C2\",\"severity\":\"critical\",\"stage\":\"analysis\",\"fiveW1H\":null,\"scope\":null,\"containmentDone\":[],\"unknownFacts\":[],\"ownerId\":\"01930000-0000-7000-8000-0000000000c1\",\"incidentVersion\":12},\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T15:40:00+00:00\"}"),
        ["decision_deadline_set"] = (
            new DecisionDeadlineSet(Decision, IncidentId, Timer, DecisionTimerKind.Reminder, 0, 50, T(70), SystemActor.Id, T(20)), "{\"decisionId\":\"01930000-0000-7000-8000-0000000000f1\",\"incidentId\":\"01930000-0000-7000-8000-000000000001\",\"timerId\":\"01930000-0000-7000-8000-0000000000f3\",\"kind\":\"reminder\",\"round\":0,\"percent\":50,\"dueAt\":\"2026-11-20T10:10:00+00:00\",\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:20:00+00:00\"}"),
        ["decision_reminder_sent"] = (new DecisionReminderSent(Decision, IncidentId, Timer, 80, SystemActor.Id, T(100)), "{\"decisionId\":\"01930000-0000-7000-8000-0000000000f1\",\"incidentId\":\"01930000-0000-7000-8000-000000000001\",\"timerId\":\"01930000-0000-7000-8000-0000000000f3\",\"percent\":80,\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T10:40:00+00:00\"}"),
        // Contact-chain checks of drills (issue 11 §3): the check's own stream; the token of its links is never in an event.
        ["contact_check_started"] = (
            new ContactCheckStarted(Check, Run, Category.C2, Chain, "IT chain", false, null,
                [new CheckMember(0, "Taro Suzuki", "taro@example.co.jp", "03-1234-5678", "IT manager", NotificationChannel.Email, "ja")],
                Responder, T(0)),
            "{" + CheckField + ",\"runId\":\"01930000-0000-7000-8000-0000000000e6\",\"category\":\"C2\",\"chainId\":\"01930000-0000-7000-8000-0000000000c2\"," +
            "\"chainName\":\"IT chain\",\"announced\":false,\"language\":null,\"members\":[{\"index\":0,\"name\":\"Taro Suzuki\"," +
            "\"email\":\"taro@example.co.jp\",\"phone\":\"03-1234-5678\",\"role\":\"IT manager\",\"channel\":\"email\",\"language\":\"ja\"}]," +
            ByResponder + ",\"at\":\"2026-11-20T09:00:00+00:00\"}"),
        ["contact_attempt_sent"] = (
            new ContactAttemptSent(Check, 0, Notification, NotificationChannel.Email, Timer, T(30), SystemActor.Id, T(0)),
            "{" + CheckField + ",\"member\":0,\"notificationId\":\"01930000-0000-7000-8000-0000000000c1\",\"channel\":\"email\"," +
            "\"stepId\":\"01930000-0000-7000-8000-0000000000f3\",\"stepDueAt\":\"2026-11-20T09:30:00+00:00\"," + BySystem + ",\"at\":\"2026-11-20T09:00:00+00:00\"}"),
        ["contact_attempt_delivered"] = (
            new ContactAttemptDelivered(Check, 0, Notification, 2, SystemActor.Id, T(1)),
            "{" + CheckField + ",\"member\":0,\"notificationId\":\"01930000-0000-7000-8000-0000000000c1\",\"attempts\":2," + BySystem +
            ",\"at\":\"2026-11-20T09:01:00+00:00\"}"),
        ["contact_attempt_bounced"] = (
            new ContactAttemptBounced(Check, 0, Notification, 1, "550 5.1.1 no such user", true, SystemActor.Id, T(1)),
            "{" + CheckField + ",\"member\":0,\"notificationId\":\"01930000-0000-7000-8000-0000000000c1\",\"attempts\":1," +
            "\"error\":\"550 5.1.1 no such user\",\"permanent\":true," + BySystem + ",\"at\":\"2026-11-20T09:01:00+00:00\"}"),
        ["contact_acknowledged"] = (
            new ContactAcknowledged(Check, 0, Notification, AckVia.Link, SystemActor.Id, T(4)),
            "{" + CheckField + ",\"member\":0,\"notificationId\":\"01930000-0000-7000-8000-0000000000c1\",\"via\":\"link\"," + BySystem +
            ",\"at\":\"2026-11-20T09:04:00+00:00\"}"),
        ["contact_response_missed"] = (
            new ContactResponseMissed(Check, 0, Timer, SystemActor.Id, T(30)),
            "{" + CheckField + ",\"member\":0,\"stepId\":\"01930000-0000-7000-8000-0000000000f3\"," + BySystem + ",\"at\":\"2026-11-20T09:30:00+00:00\"}"),
        ["contact_escalated"] = (
            new ContactEscalated(Check, 0, 1, EscalationReason.NoResponse, SystemActor.Id, T(30)),
            "{" + CheckField + ",\"fromMember\":0,\"toMember\":1,\"reason\":\"no_response\"," + BySystem + ",\"at\":\"2026-11-20T09:30:00+00:00\"}"),
        ["contact_marked"] = (
            new ContactMarked(Check, 1, true, "Called his mobile", Responder, T(35)),
            "{" + CheckField + ",\"member\":1,\"reached\":true,\"note\":\"Called his mobile\"," + ByResponder + ",\"at\":\"2026-11-20T09:35:00+00:00\"}"),
        ["contact_check_completed"] = (
            new ContactCheckCompleted(Check, Run, SystemActor.Id, T(60)),
            "{" + CheckField + ",\"runId\":\"01930000-0000-7000-8000-0000000000e6\"," + BySystem + ",\"at\":\"2026-11-20T10:00:00+00:00\"}"),
        ["contact_check_reminder_sent"] = (
            new ContactCheckReminderSent(T(0), T(-60), 3, SystemActor.Id, T(0)),
            "{\"periodStart\":\"2026-11-20T09:00:00+00:00\",\"lastCheckAt\":\"2026-11-20T08:00:00+00:00\",\"recipients\":3," + BySystem +
            ",\"at\":\"2026-11-20T09:00:00+00:00\"}"),
        // The check's drill mail: its acknowledge link lands on /drill-ack/{checkId} (the id in incidentId is the check's).
        ["notification_queued (contact check)"] = (
            new NotificationQueued(Check, Notification, NotificationChannel.Email, "Taro Suzuki", "taro@example.co.jp", "en",
                "contact_check", "【訓練/DRILL】 Contact-chain check", "This is a drill.", true, SystemActor.Id, T(0), Run) { AckRoute = "drill-ack" },
            "{" + CheckField.Replace("checkId", "incidentId") + ",\"notificationId\":\"01930000-0000-7000-8000-0000000000c1\",\"channel\":\"email\"," +
            "\"recipientName\":\"Taro Suzuki\",\"address\":\"taro@example.co.jp\",\"language\":\"en\",\"template\":\"contact_check\"," +
            "\"subject\":\"【訓練/DRILL】 Contact-chain check\",\"body\":\"This is a drill.\",\"ackLink\":true," + BySystem +
            ",\"at\":\"2026-11-20T09:00:00+00:00\",\"drillRunId\":\"01930000-0000-7000-8000-0000000000e6\",\"ackRoute\":\"drill-ack\"}"),
    };

    /// <summary>Every pin: the core events here, each capability's beside it (EventJsonTests.*.cs).</summary>
    private static Dictionary<string, (object Sample, string Json)> Pinned =>
        CorePins.Concat(DrillPins).Concat(ImprovementPins).ToDictionary(p => p.Key, p => p.Value);

    private static EventTypeMap Map => EventJson.Map;

    /// <summary>A sample's label is its stored name, optionally followed by " (variant)".</summary>
    private static string StoredName(string label) => label.Split(' ')[0];

    public static TheoryData<string> Samples() => [.. Pinned.Keys];

    [Fact]
    public void Every_registered_event_type_has_a_pinned_sample()
    {
        Assert.Equal(Map.All.Keys.Order(StringComparer.Ordinal), Pinned.Keys.Select(StoredName).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_event_is_stored_under_its_name_with_its_pinned_json(string label)
    {
        var (sample, json) = Pinned[label];

        Assert.Equal(StoredName(label), Map.NameOf(sample));
        Assert.Equal(json, Map.Serialize(sample));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_pinned_json_reads_back_to_the_same_event(string label)
    {
        var (sample, json) = Pinned[label];
        var name = StoredName(label);

        var read = Map.Deserialize(name, json);

        Assert.IsType(sample.GetType(), read);
        Assert.Equal(json, Map.Serialize(read));
    }

    [Fact]
    public void A_notification_sent_event_stored_before_the_transport_was_kept_reads_with_no_transport()
    {
        var stored = "{" + Incident + ",\"notificationId\":\"01930000-0000-7000-8000-0000000000c1\",\"channel\":\"email\"," +
                     "\"address\":\"taro@example.co.jp\",\"attempts\":1,\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:01:00+00:00\"}";

        var read = Assert.IsType<NotificationSent>(Map.Deserialize("notification_sent", stored));

        Assert.Null(read.Transport);
        Assert.Equal("taro@example.co.jp", read.Address);
    }

    [Theory]
    [InlineData("ネットワークから切断済み / disconnected from the network", "")]
    [InlineData("ネットワークから切断済み / disconnected from the network (LANケーブルを抜いた)", "LANケーブルを抜いた")]
    public void A_step_completed_event_stored_with_both_languages_reads_as_field_evidence_with_the_note_alone(string stored, string note)
    {
        var json = "{" + Incident + ",\"playbookId\":\"c1-malware\",\"stepId\":\"confirm-disconnected\",\"evidence\":" +
                   JsonSerializer.Serialize(stored, Api.Common.JsonDefaults.Options) + "," + ByResponder + ",\"at\":\"2026-11-20T09:15:00+00:00\"}";

        var read = Assert.IsType<StepCompleted>(Map.Deserialize("step_completed", json));

        Assert.Equal(note, read.Evidence);
        Assert.Equal(new FieldEvidence(EvidenceField.DisconnectedFromNetwork) { Flag = true }, read.Field);
        // Read models and the timeline see the upcast shape; the stored JSON itself is never rewritten.
        Assert.DoesNotContain("disconnected from the network", Map.Serialize(read), StringComparison.Ordinal);
    }

    [Fact]
    public void A_free_text_step_completed_event_reads_unchanged()
    {
        var (_, json) = Pinned["step_completed"];

        var read = Assert.IsType<StepCompleted>(Map.Deserialize("step_completed", json));

        Assert.Equal("cable pulled at 08:55", read.Evidence);
        Assert.Null(read.Field);
    }

    [Fact]
    public void Stored_names_are_unique_snake_case_and_past_tense()
    {
        Assert.All(Map.All.Keys, name =>
        {
            Assert.Matches(SnakeCase(), name);
            var verb = name.Split('_')[^1];
            Assert.True(verb.EndsWith("ed", StringComparison.Ordinal) || verb is "sent" or "set" or "withdrawn", $"{name} is not past tense");
        });
        Assert.Equal(Map.All.Count, Map.All.Values.Distinct().Count());
        Assert.Equal(Map.All.Count, Map.All.Keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void A_name_or_type_cannot_be_registered_twice()
    {
        Assert.Throws<InvalidOperationException>(() => new EventTypeMap().RegisterIncidentEvents().Register<UserRegistered>("incident_reported"));
        Assert.Throws<InvalidOperationException>(() => new EventTypeMap().RegisterIncidentEvents().Register<NoteAdded>("note_written"));
    }

    [Fact]
    public void Every_incident_event_type_in_the_api_is_registered()
    {
        var eventTypes = typeof(IIncidentEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIncidentEvent).IsAssignableFrom(t));

        Assert.All(eventTypes, t => Assert.Contains(t, Map.All.Values));
    }

    [Fact]
    public void Every_registered_event_type_is_an_immutable_record()
    {
        Assert.All(Map.All.Values, t =>
        {
            Assert.True(t.IsSealed, $"{t.Name} should be sealed");
            Assert.NotNull(t.GetMethod("<Clone>$"));
            Assert.All(t.GetProperties(BindingFlags.Public | BindingFlags.Instance),
                p => Assert.True(p.SetMethod is null || p.SetMethod.ReturnParameter.GetRequiredCustomModifiers()
                    .Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)), $"{t.Name}.{p.Name} is settable"));
        });
    }

    [Fact]
    public void An_unknown_stored_name_is_an_error_not_a_silent_skip()
    {
        Assert.Throws<InvalidOperationException>(() => Map.TypeOf("incident_exploded"));
        Assert.Throws<InvalidOperationException>(() => Map.NameOf(new { Unregistered = true }));
    }

    [Fact]
    public void Events_written_before_an_optional_field_existed_still_read()
    {
        // Additive change: an older incident_reported without contact, deviceId and disconnectedFromNetwork.
        var old = "{" + Incident + ",\"reference\":\"INC-2026-0001\",\"category\":\"C4\",\"summary\":\"lost USB stick\"," +
                  "\"noticedAt\":\"2026-11-20T08:50:00+00:00\",\"personalDataMayBeInvolved\":false," +
                  "\"actor\":\"01930000-0000-7000-8000-0000000000a1\",\"at\":\"2026-11-20T09:00:00+00:00\",\"someLaterField\":42}";

        var e = Assert.IsType<IncidentReported>(Map.Deserialize("incident_reported", old));

        Assert.Equal(Category.C4, e.Category);
        Assert.Null(e.Contact);
        Assert.Null(e.DeviceId);
        Assert.Null(e.DisconnectedFromNetwork);
    }

    [Fact]
    public void Enums_stored_as_numbers_are_refused()
    {
        var json = Pinned["stage_advanced"].Json.Replace("\"closed\"", "5");

        Assert.ThrowsAny<JsonException>(() => Map.Deserialize("stage_advanced", json));
    }

    // Enum wire names of the contract (/tmp/id/contract.md, "Enums").

    public static TheoryData<object, string> WireNames() => new()
    {
        { Category.C1, "C1" }, { Category.C2, "C2" }, { Category.C3, "C3" }, { Category.C4, "C4" }, { Category.C5, "C5" },
        { Category.C6, "C6" }, { Category.C7, "C7" }, { Category.C8, "C8" }, { Category.C9, "C9" }, { Category.C10, "C10" },
        { Category.Unknown, "unknown" },
        { Stage.Detection, "detection" }, { Stage.Triage, "triage" }, { Stage.Analysis, "analysis" },
        { Stage.Recovery, "recovery" }, { Stage.Prevention, "prevention" }, { Stage.Closed, "closed" },
        { Severity.Low, "low" }, { Severity.Medium, "medium" }, { Severity.High, "high" }, { Severity.Critical, "critical" },
        { InfoClass.Public, "public" }, { InfoClass.Business, "business" }, { InfoClass.Confidential, "confidential" },
        { Impact.Minor, "minor" }, { Impact.Serious, "serious" }, { Impact.ExtremelySerious, "extremely_serious" },
        { MeasureDecision.Done, "done" }, { MeasureDecision.WillDo, "will_do" }, { MeasureDecision.NotNeeded, "not_needed" },
    };

    [Theory]
    [MemberData(nameof(WireNames))]
    public void Enum_values_are_written_with_the_contract_names(object value, string wire)
    {
        Assert.Equal($"\"{wire}\"", JsonSerializer.Serialize(value, value.GetType(), JsonDefaults.Options));
        Assert.Equal(value, JsonSerializer.Deserialize($"\"{wire}\"", value.GetType(), JsonDefaults.Options));
    }

    [Fact]
    public void Every_enum_value_has_a_contract_name()
    {
        var named = WireNames().Select(row => row[0]).ToHashSet();
        var all = new[] { typeof(Category), typeof(Stage), typeof(Severity), typeof(InfoClass), typeof(Impact), typeof(MeasureDecision) }
            .SelectMany(t => Enum.GetValues(t).Cast<object>());

        Assert.All(all, v => Assert.Contains(v, named));
    }

    [GeneratedRegex("^[a-z]+(_[a-z]+)+$")]
    private static partial Regex SnakeCase();
}
