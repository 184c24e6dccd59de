using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.Improvements;
using IncidentDesk.Api.Drills.Improvements.Creating;
using IncidentDesk.Api.Drills.Improvements.GettingImprovements;
using IncidentDesk.Api.EventStore;
using Marten;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Npgsql;

namespace IncidentDesk.Api.Drills.Exercises;

public sealed record BackupRestoreInput(
    [property: Required, StringLength(200, MinimumLength = 1)] string? System,
    [property: Required] bool? Succeeded,
    [property: Required, Range(0, 100000)] int? RestoreMinutes,
    [property: Range(0, 100000)] int? TargetMinutes,
    bool? DataComplete);

public sealed record PhishingInput(
    [property: Required, Range(0, 1000000)] int? EmailsSent,
    [property: Required, Range(0, 1000000)] int? Clicked,
    [property: Required, Range(0, 1000000)] int? Reported,
    [property: Range(0, 1000000)] int? CredentialsEntered);

/// <summary>An improvement item found by the exercise, created with it (the exercise is its source).</summary>
public sealed record ExerciseImprovementInput(
    [property: Required, StringLength(ImprovementRules.TitleMax, MinimumLength = 1)] string? Title,
    [property: StringLength(ImprovementRules.DetailMax)] string? Detail,
    [property: Required] Guid? OwnerId,
    [property: Required] DateOnly? DueDate,
    PlaybookStepInput? PlaybookStep);

/// <param name="Date">The day the exercise was held (not in the future).</param>
/// <param name="BackupRestore">Required for backup-restore, and only for it.</param>
/// <param name="Phishing">Required for phishing-simulation, and only for it.</param>
/// <param name="Notes">Required for other: what was exercised and how it went.</param>
/// <param name="Improvements">Only when logging (POST): improvement items the exercise found.</param>
public sealed record ExerciseRequest(
    [property: Required] ExerciseType? Type,
    [property: Required] DateOnly? Date,
    [property: Required, StringLength(200, MinimumLength = 1)] string? Title,
    [property: Required, Range(0, 100000)] int? ParticipantsCount,
    BackupRestoreInput? BackupRestore,
    PhishingInput? Phishing,
    [property: StringLength(4000)] string? Notes,
    [property: MaxLength(20)] ExerciseImprovementInput?[]? Improvements);

public sealed record DeleteExerciseRequest([property: Required, StringLength(2000, MinimumLength = 1)] string? Reason);

/// <param name="ClickRate">Per cent of sent mails whose link was clicked (phishing simulations).</param>
/// <param name="ReportRate">Per cent of sent mails reported to the desk (phishing simulations).</param>
/// <param name="WithinTarget">Whether the restore met its target time (backup restores with a target).</param>
public sealed record ExerciseView(
    Guid Id, long Version, ExerciseType Type, DateOnly Date, string Title, int ParticipantsCount, BackupRestoreResults? BackupRestore,
    PhishingResults? Phishing, double? ClickRate, double? ReportRate, bool? WithinTarget, string? Notes, bool Deleted, string? DeleteReason,
    Guid CreatedBy, string? CreatedByName, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<ImprovementItemSummary> Improvements);

public sealed record ExerciseList(IReadOnlyList<ExerciseView> Items);

public sealed record LogExercise(ExerciseRequest Body, Caller Caller) : IRequest<ExerciseView>;

public sealed record UpdateExercise(Guid ExerciseId, long ExpectedVersion, ExerciseRequest Body, Caller Caller) : IRequest<ExerciseView>;

public sealed record DeleteExercise(Guid ExerciseId, long ExpectedVersion, DeleteExerciseRequest Body, Caller Caller) : IRequest<ExerciseView>;

public sealed record GetExercise(Guid ExerciseId, Caller Caller) : IRequest<ExerciseView>;

public sealed record ListExercises(Caller Caller, ExerciseType? Type, DateOnly? From, DateOnly? To) : IRequest<ExerciseList>;

/// <summary>Validation of an exercise record (pure apart from the clock's today, which the caller passes).</summary>
public static class ExerciseValidation
{
    public static ExerciseRecord Record(FieldErrors errors, ExerciseRequest b, DateOnly today)
    {
        var type = errors.Value("type", b.Type);
        var date = errors.Value("date", b.Date);
        if (b.Date is not null && date > today) errors.Add("date", "must not be in the future: log an exercise once it has been held");
        else if (b.Date is not null && date < new DateOnly(2000, 1, 1)) errors.Add("date", "must be 2000-01-01 or later");
        var title = errors.SingleLineValue("title", b.Title, 200);
        var participants = errors.Value("participantsCount", b.ParticipantsCount);
        if (b.ParticipantsCount is < 0 or > 100000) errors.Add("participantsCount", "must be between 0 and 100000");
        var notes = errors.OptionalMultilineValue("notes", b.Notes, 4000);
        BackupRestoreResults? restore = null;
        PhishingResults? phishing = null;
        if (b.Type == ExerciseType.BackupRestore)
        {
            if (b.BackupRestore is not { } r) errors.Add("backupRestore", "is required for a backup-restore exercise");
            else
            {
                var system = errors.SingleLineValue("backupRestore.system", r.System, 200);
                var ok = errors.Value("backupRestore.succeeded", r.Succeeded);
                var minutes = errors.Value("backupRestore.restoreMinutes", r.RestoreMinutes);
                if (r.RestoreMinutes is < 0 or > 100000) errors.Add("backupRestore.restoreMinutes", "must be between 0 and 100000");
                if (r.TargetMinutes is < 0 or > 100000) errors.Add("backupRestore.targetMinutes", "must be between 0 and 100000");
                restore = new BackupRestoreResults(system, ok, minutes, r.TargetMinutes, r.DataComplete);
            }
        }
        else if (b.BackupRestore is not null) errors.Add("backupRestore", "is only for a backup-restore exercise");
        if (b.Type == ExerciseType.PhishingSimulation)
        {
            if (b.Phishing is not { } p) errors.Add("phishing", "is required for a phishing-simulation exercise");
            else
            {
                var sent = errors.Value("phishing.emailsSent", p.EmailsSent);
                var clicked = errors.Value("phishing.clicked", p.Clicked);
                var reported = errors.Value("phishing.reported", p.Reported);
                foreach (var (field, value) in new[] { ("emailsSent", p.EmailsSent), ("clicked", p.Clicked), ("reported", p.Reported), ("credentialsEntered", p.CredentialsEntered) })
                    if (value is < 0 or > 1000000) errors.Add($"phishing.{field}", "must be between 0 and 1000000");
                if (p.Clicked > p.EmailsSent) errors.Add("phishing.clicked", "cannot be more than emailsSent");
                if (p.Reported > p.EmailsSent) errors.Add("phishing.reported", "cannot be more than emailsSent");
                if (p.CredentialsEntered > p.Clicked) errors.Add("phishing.credentialsEntered", "cannot be more than clicked");
                phishing = new PhishingResults(sent, clicked, reported, p.CredentialsEntered);
            }
        }
        else if (b.Phishing is not null) errors.Add("phishing", "is only for a phishing-simulation exercise");
        if (b.Type == ExerciseType.Other && notes is null && !errors.Has("notes")) errors.Add("notes", "is required for another kind of exercise: say what was exercised");
        return new ExerciseRecord(type, date, title, participants, restore, phishing, notes);
    }
}

internal sealed class ExerciseHandlers(
    CommandPath commands, IDocumentStore store, NpgsqlDataSource db, UserDirectory users, ImprovementFacts facts, IMediator mediator, TimeProvider clock)
    : IRequestHandler<LogExercise, ExerciseView>, IRequestHandler<UpdateExercise, ExerciseView>, IRequestHandler<DeleteExercise, ExerciseView>,
      IRequestHandler<GetExercise, ExerciseView>, IRequestHandler<ListExercises, ExerciseList>
{
    public async Task<ExerciseView> Handle(LogExercise cmd, CancellationToken ct)
    {
        if (!cmd.Caller.WorksIncidents) throw new Forbidden("responders and admins log exercises");
        var zone = await facts.ZoneAsync(ct);
        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        var record = ExerciseValidation.Record(errors, cmd.Body, ImprovementRules.Today(now, zone));
        var improvements = new List<ImprovementInput>();
        var given = cmd.Body.Improvements ?? [];
        for (var i = 0; i < given.Length; i++)
        {
            if (given[i] is not { } x)
            {
                errors.Add($"improvements.{i}", "is required (null is not an improvement item)");
                continue;
            }
            var input = await CreateImprovementItemHandler.ValidateAsync(facts, errors, $"improvements.{i}.", x.Title, x.Detail, x.OwnerId, x.DueDate,
                x.PlaybookStep, zone, now, ct);
            if (input is not null) improvements.Add(input);
        }
        if (given.Length > 20) errors.Add("improvements", "must have at most 20 items");
        errors.ThrowIfAny();
        var (state, version) = await commands.RunAsync(cmd.Caller.Id, work =>
        {
            var id = Guid.CreateVersion7(work.Now);
            var logged = new ExerciseLogged(id, record, cmd.Caller.Id, work.Now);
            work.Start(id, [logged]);
            foreach (var item in improvements)
                ImprovementFacts.Start(work, Guid.CreateVersion7(work.Now), item, new ImprovementSource(null, null, id, null, null), cmd.Caller.Id, zone,
                    facts.Schedule);
            return Task.FromResult((Exercise.Evolve(null, logged), work.VersionAfter(id)));
        }, ct);
        return await ViewAsync(state, version, cmd.Caller, ct);
    }

    public async Task<ExerciseView> Handle(UpdateExercise cmd, CancellationToken ct)
    {
        if (!cmd.Caller.WorksIncidents) throw new Forbidden("responders and admins correct exercises");
        var errors = new FieldErrors();
        var record = ExerciseValidation.Record(errors, cmd.Body, ImprovementRules.Today(clock.GetUtcNow(), await facts.ZoneAsync(ct)));
        if (cmd.Body.Improvements is not null) errors.Add("improvements", "is only for logging: add items with POST /api/drills/improvements");
        errors.ThrowIfAny();
        return await RunAsync(cmd.ExerciseId, cmd.ExpectedVersion, cmd.Caller, (s, now) => ExerciseRules.Update(s, record, cmd.Caller.Id, now), ct);
    }

    public async Task<ExerciseView> Handle(DeleteExercise cmd, CancellationToken ct)
    {
        if (!cmd.Caller.WorksIncidents) throw new Forbidden("responders and admins delete exercises");
        var errors = new FieldErrors();
        var reason = errors.MultilineValue("reason", cmd.Body.Reason, 2000);
        errors.ThrowIfAny();
        return await RunAsync(cmd.ExerciseId, cmd.ExpectedVersion, cmd.Caller, (s, now) => ExerciseRules.Delete(s, reason, cmd.Caller.Id, now), ct);
    }

    public async Task<ExerciseView> Handle(GetExercise q, CancellationToken ct)
    {
        if (!q.Caller.SeesAllIncidents) throw new Forbidden("exercises are for staff");
        var s = await store.FetchAsync<Exercise>(q.ExerciseId, EvolveExercise, ct) ?? throw new NotFoundError($"exercise {q.ExerciseId}");
        return await ViewAsync(s.State, s.Version, q.Caller, ct);
    }

    public async Task<ExerciseList> Handle(ListExercises q, CancellationToken ct)
    {
        if (!q.Caller.SeesAllIncidents) throw new Forbidden("exercises are for staff");
        if (q.From is { } f && q.To is { } t && t < f) throw ValidationFailed.For("to", "must not be before from");
        await using var cmd = db.CreateCommand(
            "select exercise_id from exercises where not deleted and ($1::text is null or type = $1) " +
            "and ($2::date is null or exercise_date >= $2) and ($3::date is null or exercise_date <= $3) order by exercise_date desc, created_at desc limit 500");
        cmd.Parameters.Add(new NpgsqlParameter { Value = q.Type is { } type ? EnumNames.Name(type) : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)q.From ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)q.To ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        var ids = new List<Guid>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) ids.Add(r.GetGuid(0));
        var items = new List<ExerciseView>();
        foreach (var id in ids)
            if (await store.FetchAsync<Exercise>(id, EvolveExercise, ct) is { } s) items.Add(await ViewAsync(s.State, s.Version, q.Caller, ct));
        return new ExerciseList(items);
    }

    private async Task<ExerciseView> RunAsync(Guid id, long expected, Caller caller, Func<Exercise, DateTimeOffset, IReadOnlyList<IExerciseEvent>> decide,
        CancellationToken ct)
    {
        var (state, version) = await commands.RunAsync(caller.Id, async work =>
        {
            var s = await work.LoadAsync<Exercise>(id, EvolveExercise, ct, expected) ?? throw new NotFoundError($"exercise {id}");
            var events = decide(s.State, work.Now);
            work.Append(id, events);
            return (events.Aggregate(s.State, (x, e) => Exercise.Evolve(x, e)), work.VersionAfter(id));
        }, ct);
        return await ViewAsync(state, version, caller, ct);
    }

    private async Task<ExerciseView> ViewAsync(Exercise s, long version, Caller caller, CancellationToken ct)
    {
        var r = s.Record;
        var name = (await users.NamesAsync([s.CreatedBy], ct)).GetValueOrDefault(s.CreatedBy);
        var items = (await mediator.Send(new ListImprovementItems(caller, null, null, null, null, s.Id, false), ct)).Items;
        return new ExerciseView(s.Id, version, r.Type, r.Date, r.Title, r.ParticipantsCount, r.BackupRestore, r.Phishing,
            r.Phishing is { } p ? ExerciseRules.Rate(p.Clicked, p.EmailsSent) : null, r.Phishing is { } q ? ExerciseRules.Rate(q.Reported, q.EmailsSent) : null,
            r.BackupRestore is { TargetMinutes: { } target } b ? b.Succeeded && b.RestoreMinutes <= target : null,
            r.Notes, s.Deleted, s.DeleteReason, s.CreatedBy, name, s.CreatedAt, s.UpdatedAt, items);
    }

    /// <summary>An exercise's stream; any other stream is not found.</summary>
    internal static Exercise EvolveExercise(Exercise? s, object e) => Exercise.Evolve(s, e);
}

/// <summary>
/// The exercise route table (R37). Staff only: responders and admins log, correct and delete; executives read;
/// reporters are refused. Commands carry the version read (If-Match) and answer the new ETag.
/// </summary>
public static class ExerciseEndpoints
{
    public static IEndpointRouteBuilder MapExercises(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/drills/exercises").WithTags("Drills").RequireAuthorization(Policies.SeesAllIncidents);
        group.MapGet("/", async Task<Ok<ExerciseList>> (HttpContext http, IMediator m, CancellationToken ct, string? type, DateOnly? from, DateOnly? to) =>
                TypedResults.Ok(await m.Send(new ListExercises(Caller.From(http.User), EnumNames.ParseQuery<ExerciseType>("type", type), from, to), ct)))
            .WithName("ListExercises").WithSummary("Logged exercises (backup restore, phishing simulation, other), newest first; filter by type and date");
        group.MapPost("/", async Task<Created<ExerciseView>> (
                [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ExerciseRequest? body, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var view = await m.Send(new LogExercise(body ?? throw ValidationFailed.For("body", "is required"), Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, view.Version);
                return TypedResults.Created($"/api/drills/exercises/{view.Id}", view);
            })
            .WithName("LogExercise").WithSummary("Log an exercise held without a scenario run, with its results and any improvement items (responders and admins)");
        group.MapGet("/{id:guid}", async Task<Ok<ExerciseView>> (Guid id, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var view = await m.Send(new GetExercise(id, Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, view.Version);
                return TypedResults.Ok(view);
            })
            .WithName("GetExercise").WithSummary("One exercise with its results and improvement items; ETag is its version");
        group.MapPut("/{id:guid}", async Task<Ok<ExerciseView>> (
                Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ExerciseRequest? body, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var expected = Versions.ExpectedFrom(http.Request);
                var view = await m.Send(new UpdateExercise(id, expected, body ?? throw ValidationFailed.For("body", "is required"), Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, view.Version);
                return TypedResults.Ok(view);
            })
            .WithName("UpdateExercise").WithSummary("Correct an exercise's record (the whole record); If-Match");
        group.MapPost("/{id:guid}/delete", async Task<Ok<ExerciseView>> (
                Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] DeleteExerciseRequest? body, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var expected = Versions.ExpectedFrom(http.Request);
                var view = await m.Send(new DeleteExercise(id, expected, body ?? throw ValidationFailed.For("body", "is required"), Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, view.Version);
                return TypedResults.Ok(view);
            })
            .WithName("DeleteExercise").WithSummary("Delete an exercise logged by mistake, with a reason (kept in the log, hidden from the list); If-Match");
        return app;
    }

    public static IServiceCollection AddExercises(this IServiceCollection services)
    {
        services.AddSingleton<IInlineProjection, ExerciseProjection>();
        return services;
    }
}
