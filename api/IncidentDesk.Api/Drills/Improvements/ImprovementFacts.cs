using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Playbooks;
using Npgsql;

namespace IncidentDesk.Api.Drills.Improvements;

/// <param name="PlaybookId">A playbook of the library (GET /api/playbooks).</param>
/// <param name="StepId">One of that playbook's steps.</param>
public sealed record PlaybookStepInput(
    [property: Required, StringLength(100, MinimumLength = 1)] string? PlaybookId,
    [property: Required, StringLength(100, MinimumLength = 1)] string? StepId);

/// <summary>What the item came out of: exactly one of <c>runId</c> (a drill run) and <c>exerciseId</c> (a logged exercise).</summary>
/// <param name="ExpectedActionId">The scenario's expected action that was missed (runs only).</param>
/// <param name="ContactPerson">The contact who did not answer or whose mail bounced in the chain check (runs only).</param>
public sealed record ImprovementSourceInput(
    Guid? RunId, Guid? ExerciseId,
    [property: StringLength(100)] string? ExpectedActionId,
    [property: StringLength(200)] string? ContactPerson);

/// <summary>A drill run as its projection (drill_runs) knows it.</summary>
public sealed record DrillRunFacts(Guid Id, string ScenarioId, DateTimeOffset PlannedStart, DateTimeOffset? StartedAt);

/// <summary>A logged exercise as its projection (exercises) knows it.</summary>
public sealed record ExerciseFacts(Guid Id, string Type, DateOnly Date, bool Deleted);

/// <summary>
/// What the improvement commands check against the database before deciding: accounts, playbook steps, drill runs,
/// exercises, the organisation's zone and the reminder schedule. Validation of an item's text lives here too, so an
/// exercise creating items validates them exactly as the improvement route does.
/// </summary>
public sealed class ImprovementFacts(NpgsqlDataSource db, UserDirectory users, PlaybookLibrary playbooks, IOrganisationTimeZone zone, IConfiguration config)
{
    public ReminderSchedule Schedule => new(
        config.GetValue("IncidentDesk:Drills:ImprovementReminderDaysBefore", ReminderSchedule.Default.DaysBefore),
        TimeOnly.TryParse(config["IncidentDesk:Drills:ImprovementReminderTimeOfDay"], System.Globalization.CultureInfo.InvariantCulture, out var t)
            ? t : ReminderSchedule.Default.TimeOfDay);

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken ct) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(await zone.GetAsync(ct), out var z) ? z : TimeZoneInfo.Utc;

    /// <summary>An enabled account to own the item; an error on <paramref name="field"/> otherwise.</summary>
    public async Task CheckOwnerAsync(FieldErrors errors, string field, Guid? ownerId, CancellationToken ct)
    {
        if (ownerId is not { } id || errors.Has(field)) return;
        var user = await users.FindAsync(id, ct);
        if (user is null) errors.Add(field, "is not a known account");
        else if (user.Disabled) errors.Add(field, "is a disabled account");
    }

    /// <summary>A link to a current playbook's step (400 naming the part that is wrong).</summary>
    public PlaybookStepLink? PlaybookStep(FieldErrors errors, string field, PlaybookStepInput? input)
    {
        if (input is null) return null;
        var playbookId = errors.SingleLineValue($"{field}.playbookId", input.PlaybookId, 100);
        var stepId = errors.SingleLineValue($"{field}.stepId", input.StepId, 100);
        if (errors.Has($"{field}.playbookId") || errors.Has($"{field}.stepId")) return null;
        var playbook = playbooks.CurrentById(playbookId);
        if (playbook is null) errors.Add($"{field}.playbookId", $"'{playbookId}' is not a playbook of the library");
        else if (playbook.Step(stepId) is null) errors.Add($"{field}.stepId", $"'{stepId}' is not a step of playbook '{playbookId}'");
        return new PlaybookStepLink(playbookId, stepId);
    }

    public (string? Title, string? Detail) Text(FieldErrors errors, string prefix, string? title, string? detail, bool titleRequired)
    {
        var t = titleRequired || title is not null ? errors.SingleLineValue($"{prefix}title", title, ImprovementRules.TitleMax) : null;
        var d = errors.OptionalMultilineValue($"{prefix}detail", detail, ImprovementRules.DetailMax);
        return (t, d);
    }

    public PlaybookLibrary Playbooks => playbooks;

    public async Task<DrillRunFacts?> RunAsync(Guid runId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select id, scenario_id, planned_start, started_at from drill_runs where id = $1");
        cmd.Parameters.AddWithValue(runId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new DrillRunFacts(r.GetGuid(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3))
            : null;
    }

    public async Task<ExerciseFacts?> ExerciseAsync(Guid exerciseId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select exercise_id, type, exercise_date, deleted from exercises where exercise_id = $1");
        cmd.Parameters.AddWithValue(exerciseId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new ExerciseFacts(r.GetGuid(0), r.GetString(1), r.GetFieldValue<DateOnly>(2), r.GetBoolean(3)) : null;
    }

    /// <summary>The source of a new item: exactly one of a drill run (its scenario recorded with it) and an exercise.</summary>
    public async Task<ImprovementSource?> SourceAsync(FieldErrors errors, ImprovementSourceInput? s, CancellationToken ct)
    {
        if (s is null)
        {
            errors.Add("source", "is required: name the drill run (runId) or exercise (exerciseId) the item came out of");
            return null;
        }
        var action = errors.OptionalSingleLineValue("source.expectedActionId", s.ExpectedActionId, 100);
        var contact = errors.OptionalSingleLineValue("source.contactPerson", s.ContactPerson, 200);
        if (s.RunId is null == s.ExerciseId is null)
        {
            errors.Add("source", "must name exactly one of runId and exerciseId");
            return null;
        }
        if (s.RunId is { } runId)
        {
            var run = await RunAsync(runId, ct);
            if (run is null) errors.Add("source.runId", "is not a known drill run");
            return new ImprovementSource(runId, run?.ScenarioId, null, action, contact);
        }
        if (action is not null) errors.Add("source.expectedActionId", "is for items from a drill run");
        if (contact is not null) errors.Add("source.contactPerson", "is for items from a drill run");
        var exercise = await ExerciseAsync(s.ExerciseId!.Value, ct);
        if (exercise is null || exercise.Deleted) errors.Add("source.exerciseId", "is not a logged exercise");
        return new ImprovementSource(null, null, s.ExerciseId, null, null);
    }

    /// <summary>What the database knows of the run or exercise named as an item's retest.</summary>
    public async Task<RetestFacts?> RetestAsync(ImprovementItem item, Guid? runId, Guid? exerciseId, CancellationToken ct)
    {
        if (runId is { } r)
        {
            var run = await RunAsync(r, ct);
            var source = item.Source.RunId is { } s ? await RunAsync(s, ct) : null;
            return new RetestFacts(r, null, run is not null, run is not null && item.Source.ScenarioId == run.ScenarioId,
                run is not null && source is not null && (run.StartedAt ?? run.PlannedStart) > (source.StartedAt ?? source.PlannedStart),
                run?.StartedAt is not null);
        }
        if (exerciseId is { } x)
        {
            var exercise = await ExerciseAsync(x, ct);
            var source = item.Source.ExerciseId is { } s ? await ExerciseAsync(s, ct) : null;
            return new RetestFacts(null, x, exercise is { Deleted: false }, exercise is not null && source is not null && exercise.Type == source.Type,
                exercise is not null && source is not null && (exercise.Date > source.Date || exercise.Date == source.Date && exercise.Id.CompareTo(source.Id) > 0),
                true);
        }
        return null;
    }

    /// <summary>
    /// Starts an item's stream and its notice stream (the first round of reminders) on <paramref name="work"/>: the
    /// improvement route and an exercise that records its items both create them here, in their own transaction.
    /// </summary>
    public static ImprovementItemCreated Start(UnitOfWork work, Guid id, ImprovementInput input, ImprovementSource source, Guid actor,
        TimeZoneInfo zone, ReminderSchedule schedule)
    {
        var created = ImprovementRules.Create(id, input, source, actor, work.Now);
        work.Start(id, [created]);
        work.Start(ImprovementNotices.StreamIdFor(id),
            ImprovementRules.Reminders(id, input.DueDate, 0, zone, schedule, work.Now, () => Guid.CreateVersion7(work.Now)).ToList<object>());
        return created;
    }
}
