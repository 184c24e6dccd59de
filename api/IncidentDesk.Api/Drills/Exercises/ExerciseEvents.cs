using System.Text.Json.Serialization;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;

namespace IncidentDesk.Api.Drills.Exercises;

/// <summary>Exercises logged without a scenario run (R37): a backup restore drill, a phishing simulation, or another exercise.</summary>
public enum ExerciseType
{
    [JsonStringEnumMemberName("backup-restore")] BackupRestore,
    [JsonStringEnumMemberName("phishing-simulation")] PhishingSimulation,
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>A restore from backup as tried: which system, whether it came back whole, how long it took against the target.</summary>
public sealed record BackupRestoreResults(string System, bool Succeeded, int RestoreMinutes, int? TargetMinutes, bool? DataComplete);

/// <summary>A phishing simulation's figures: mails sent, links clicked, mails reported to the desk, credentials entered.</summary>
public sealed record PhishingResults(int EmailsSent, int Clicked, int Reported, int? CredentialsEntered);

/// <summary>What an exercise was and how it went; results by type (exactly the type's own, the others null).</summary>
public sealed record ExerciseRecord(
    ExerciseType Type, DateOnly Date, string Title, int ParticipantsCount, BackupRestoreResults? BackupRestore, PhishingResults? Phishing,
    string? Notes);

public interface IExerciseEvent : IDomainEvent
{
    Guid ExerciseId { get; }
}

public sealed record ExerciseLogged(Guid ExerciseId, ExerciseRecord Exercise, Guid Actor, DateTimeOffset At) : IExerciseEvent;

/// <summary>The record corrected: the whole record as it now stands.</summary>
public sealed record ExerciseUpdated(Guid ExerciseId, ExerciseRecord Exercise, Guid Actor, DateTimeOffset At) : IExerciseEvent;

/// <summary>Logged by mistake: hidden from the list, kept in the log with the reason.</summary>
public sealed record ExerciseDeleted(Guid ExerciseId, string Reason, Guid Actor, DateTimeOffset At) : IExerciseEvent;

public static class ExerciseEventTypes
{
    public static EventTypeMap RegisterExerciseEvents(this EventTypeMap map) => map
        .Register<ExerciseLogged>("exercise_logged")
        .Register<ExerciseUpdated>("exercise_updated")
        .Register<ExerciseDeleted>("exercise_deleted");
}

/// <summary>An exercise as its stream folds.</summary>
public sealed record Exercise(Guid Id, ExerciseRecord Record, bool Deleted, string? DeleteReason, Guid CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static Exercise Evolve(Exercise? s, object e) => (s, e) switch
    {
        (null, ExerciseLogged x) => new Exercise(x.ExerciseId, x.Exercise, false, null, x.Actor, x.At, x.At),
        (null, _) => throw new NotFoundError("exercise"),
        (_, ExerciseUpdated x) => s with { Record = x.Exercise, UpdatedAt = x.At },
        (_, ExerciseDeleted x) => s with { Deleted = true, DeleteReason = x.Reason, UpdatedAt = x.At },
        _ => throw new InvalidOperationException($"an exercise cannot fold {e.GetType().Name}"),
    };
}

/// <summary>Pure rules of exercises.</summary>
public static class ExerciseRules
{
    public static IReadOnlyList<IExerciseEvent> Update(Exercise s, ExerciseRecord record, Guid actor, DateTimeOffset now)
    {
        if (s.Deleted) throw new RuleViolated("exercise_deleted", "a deleted exercise cannot be changed");
        return record == s.Record ? [] : [new ExerciseUpdated(s.Id, record, actor, now)];
    }

    public static IReadOnlyList<IExerciseEvent> Delete(Exercise s, string reason, Guid actor, DateTimeOffset now) =>
        s.Deleted ? [] : [new ExerciseDeleted(s.Id, reason, actor, now)];

    /// <summary>Share of sent mails clicked / reported, in per cent with one decimal (null when none were sent).</summary>
    public static double? Rate(int part, int sent) => sent == 0 ? null : Math.Round(100.0 * part / sent, 1);
}

/// <summary>exercises: one row per exercise, in the append's transaction.</summary>
public sealed class ExerciseProjection : IInlineProjection
{
    public string Name => "exercises";

    public IReadOnlyList<string> Tables { get; } = ["exercises"];

    public void Project(RecordedEvent @event, ISqlBatch batch)
    {
        switch (@event.Data)
        {
            case ExerciseLogged e:
                batch.Add("insert into exercises (exercise_id, type, exercise_date, title, participants, results, notes, created_by, created_at, version, updated_at) " +
                          "values ($1, $2, $3, $4, $5, $6::jsonb, $7::text, $8, $9, $10, $9)",
                    e.ExerciseId, EnumNames.Name(e.Exercise.Type), e.Exercise.Date, e.Exercise.Title, e.Exercise.ParticipantsCount, Results(e.Exercise),
                    e.Exercise.Notes, e.Actor, e.At, @event.Version);
                return;
            case ExerciseUpdated e:
                batch.Add("update exercises set type = $2, exercise_date = $3, title = $4, participants = $5, results = $6::jsonb, notes = $7::text, " +
                          "version = $8, updated_at = $9 where exercise_id = $1",
                    e.ExerciseId, EnumNames.Name(e.Exercise.Type), e.Exercise.Date, e.Exercise.Title, e.Exercise.ParticipantsCount, Results(e.Exercise),
                    e.Exercise.Notes, @event.Version, e.At);
                return;
            case ExerciseDeleted e:
                batch.Add("update exercises set deleted = true, version = $2, updated_at = $3 where exercise_id = $1", e.ExerciseId, @event.Version, e.At);
                return;
        }
    }

    private static string Results(ExerciseRecord r) => System.Text.Json.JsonSerializer.Serialize(
        new { backupRestore = r.BackupRestore, phishing = r.Phishing }, JsonDefaults.Options);
}
