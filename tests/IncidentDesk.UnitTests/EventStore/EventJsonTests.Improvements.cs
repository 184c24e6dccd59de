using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.Exercises;
using IncidentDesk.Api.Drills.Improvements;
using IncidentDesk.Api.Drills.Reports;
using static IncidentDesk.UnitTests.Testing.Fixed;

namespace IncidentDesk.UnitTests.EventStore;

/// <summary>Improvement items' and exercises' events (issue 11 §5), pinned like every other stored event.</summary>
public sealed partial class EventJsonTests
{
    private static readonly Guid ImpItem = Guid.Parse("01930000-0000-7000-8000-000000000e01");
    private static readonly Guid ImpRun = Guid.Parse("01930000-0000-7000-8000-000000000e02");
    private static readonly Guid ImpLaterRun = Guid.Parse("01930000-0000-7000-8000-000000000e03");
    private static readonly Guid ImpExercise = Guid.Parse("01930000-0000-7000-8000-000000000e04");

    private static readonly Dictionary<string, (object Sample, string Json)> ImprovementPins = new()
    {
        ["improvement_item_created"] = (
            new ImprovementItemCreated(ImpItem, "Update the phone list", "Two numbers were dead", UserId, new DateOnly(2026, 12, 10),
                new ImprovementSource(ImpRun, "kyt-01", null, "act-call", "Taro Suzuki"), new PlaybookStepLink("c2-ransomware", "call-chain"), Responder, T(30)), "{\"itemId\":\"01930000-0000-7000-8000-000000000e01\",\"title\":\"Update the phone list\",\"detail\":\"Two numbers were dead\",\"ownerId\":\"01930000-0000-7000-8000-0000000000e1\",\"dueDate\":\"2026-12-10\",\"source\":{\"runId\":\"01930000-0000-7000-8000-000000000e02\",\"scenarioId\":\"kyt-01\",\"exerciseId\":null,\"expectedActionId\":\"act-call\",\"contactPerson\":\"Taro Suzuki\"},\"playbookStep\":{\"playbookId\":\"c2-ransomware\",\"stepId\":\"call-chain\"},\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:30:00+00:00\"}"),
        ["improvement_item_created (from an exercise)"] = (
            new ImprovementItemCreated(ImpItem, "Test restores monthly", null, UserId, new DateOnly(2026, 12, 10),
                new ImprovementSource(null, null, ImpExercise, null, null), null, Responder, T(30)), "{\"itemId\":\"01930000-0000-7000-8000-000000000e01\",\"title\":\"Test restores monthly\",\"detail\":null,\"ownerId\":\"01930000-0000-7000-8000-0000000000e1\",\"dueDate\":\"2026-12-10\",\"source\":{\"runId\":null,\"scenarioId\":null,\"exerciseId\":\"01930000-0000-7000-8000-000000000e04\",\"expectedActionId\":null,\"contactPerson\":null},\"playbookStep\":null,\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:30:00+00:00\"}"),
        ["improvement_item_edited"] = (new ImprovementItemEdited(ImpItem, "Update the phone list (all sites)", null, null, Responder, T(31)), "{\"itemId\":\"01930000-0000-7000-8000-000000000e01\",\"title\":\"Update the phone list (all sites)\",\"detail\":null,\"playbookStep\":null,\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:31:00+00:00\"}"),
        ["improvement_item_assigned"] = (new ImprovementItemAssigned(ImpItem, Deputy, Responder, T(32)), "{\"itemId\":\"01930000-0000-7000-8000-000000000e01\",\"ownerId\":\"01930000-0000-7000-8000-0000000000e2\",\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:32:00+00:00\"}"),
        ["improvement_item_due_date_changed"] = (new ImprovementItemDueDateChanged(ImpItem, new DateOnly(2026, 12, 24), Responder, T(33)), "{\"itemId\":\"01930000-0000-7000-8000-000000000e01\",\"dueDate\":\"2026-12-24\",\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:33:00+00:00\"}"),
        ["improvement_item_status_changed"] = (
            new ImprovementItemStatusChanged(ImpItem, ImprovementStatus.Done, ImprovementStatus.Verified, "Retested: all answered", ImpLaterRun, null, UserId, T(34)), "{\"itemId\":\"01930000-0000-7000-8000-000000000e01\",\"from\":\"done\",\"to\":\"verified\",\"note\":\"Retested: all answered\",\"retestRunId\":\"01930000-0000-7000-8000-000000000e03\",\"retestExerciseId\":null,\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:34:00+00:00\"}"),
        ["improvement_reminder_set"] = (
            new ImprovementReminderSet(ImpItem, Timer, ImprovementReminderKind.BeforeDue, 0, new DateOnly(2026, 12, 10), T(60), SystemActor.Id, T(30)), "{\"itemId\":\"01930000-0000-7000-8000-000000000e01\",\"timerId\":\"01930000-0000-7000-8000-0000000000f3\",\"kind\":\"before-due\",\"round\":0,\"dueDate\":\"2026-12-10\",\"dueAt\":\"2026-11-20T10:00:00+00:00\",\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:30:00+00:00\"}"),
        ["improvement_reminder_sent"] = (new ImprovementReminderSent(ImpItem, Timer, ImprovementReminderKind.OnDue, SystemActor.Id, T(60)), "{\"itemId\":\"01930000-0000-7000-8000-000000000e01\",\"timerId\":\"01930000-0000-7000-8000-0000000000f3\",\"kind\":\"on-due\",\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T10:00:00+00:00\"}"),
        ["exercise_logged"] = (
            new ExerciseLogged(ImpExercise, new ExerciseRecord(ExerciseType.BackupRestore, new DateOnly(2026, 11, 18), "File server restore", 3,
                new BackupRestoreResults("File server", true, 45, 60, true), null, "Took the tape from the safe"), Responder, T(0)), "{\"exerciseId\":\"01930000-0000-7000-8000-000000000e04\",\"exercise\":{\"type\":\"backup-restore\",\"date\":\"2026-11-18\",\"title\":\"File server restore\",\"participantsCount\":3,\"backupRestore\":{\"system\":\"File server\",\"succeeded\":true,\"restoreMinutes\":45,\"targetMinutes\":60,\"dataComplete\":true},\"phishing\":null,\"notes\":\"Took the tape from the safe\"},\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:00:00+00:00\"}"),
        ["exercise_logged (phishing)"] = (
            new ExerciseLogged(ImpExercise, new ExerciseRecord(ExerciseType.PhishingSimulation, new DateOnly(2026, 11, 18), "Autumn phishing test", 40,
                null, new PhishingResults(40, 6, 13, 2), null), Responder, T(0)), "{\"exerciseId\":\"01930000-0000-7000-8000-000000000e04\",\"exercise\":{\"type\":\"phishing-simulation\",\"date\":\"2026-11-18\",\"title\":\"Autumn phishing test\",\"participantsCount\":40,\"backupRestore\":null,\"phishing\":{\"emailsSent\":40,\"clicked\":6,\"reported\":13,\"credentialsEntered\":2},\"notes\":null},\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:00:00+00:00\"}"),
        ["exercise_updated"] = (
            new ExerciseUpdated(ImpExercise, new ExerciseRecord(ExerciseType.Other, new DateOnly(2026, 11, 18), "Evacuation", 12, null, null, "All out in 6 min"),
                Responder, T(1)), "{\"exerciseId\":\"01930000-0000-7000-8000-000000000e04\",\"exercise\":{\"type\":\"other\",\"date\":\"2026-11-18\",\"title\":\"Evacuation\",\"participantsCount\":12,\"backupRestore\":null,\"phishing\":null,\"notes\":\"All out in 6 min\"},\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:01:00+00:00\"}"),
        ["exercise_deleted"] = (new ExerciseDeleted(ImpExercise, "Logged twice", Responder, T(2)), "{\"exerciseId\":\"01930000-0000-7000-8000-000000000e04\",\"reason\":\"Logged twice\",\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:02:00+00:00\"}"),
        ["drill_report_generated"] = (new DrillReportGenerated(ImpRun, "kyt-01", SystemActor.Id, T(90)), "{\"runId\":\"01930000-0000-7000-8000-000000000e02\",\"scenarioId\":\"kyt-01\",\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T10:30:00+00:00\"}"),
        ["drill_report_edited"] = (
            new DrillReportEdited(ImpRun, "The chain worked but two numbers were dead", null,
                [new ObjectiveRating("spot-unclassified", HseepRating.S, "Found the server late")], Responder, T(100)), "{\"runId\":\"01930000-0000-7000-8000-000000000e02\",\"summary\":\"The chain worked but two numbers were dead\",\"notes\":null,\"ratings\":[{\"objectiveId\":\"spot-unclassified\",\"rating\":\"S\",\"note\":\"Found the server late\"}],\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T10:40:00+00:00\"}"),
        ["drill_report_finalised"] = (
            new DrillReportFinalised(ImpRun, 14, [new CheckVersion(ImpExercise, 9)],
                [new ObjectiveRating("spot-unclassified", HseepRating.S, "Found the server late"), new ObjectiveRating("access-control", HseepRating.M, null)],
                62, Responder, T(110)), "{\"runId\":\"01930000-0000-7000-8000-000000000e02\",\"runVersion\":14,\"contactChecks\":[{\"checkId\":\"01930000-0000-7000-8000-000000000e04\",\"version\":9}],\"ratings\":[{\"objectiveId\":\"spot-unclassified\",\"rating\":\"S\",\"note\":\"Found the server late\"},{\"objectiveId\":\"access-control\",\"rating\":\"M\",\"note\":null}],\"scorePercent\":62,\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T10:50:00+00:00\"}"),
    };
}
