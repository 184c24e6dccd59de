using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.Scenarios;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.EventStore;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IncidentDesk.Api.Drills;

/// <param name="Team">the team the participant plays: executives, responders or staff</param>
public sealed record DrillParticipantInput([property: Required] Guid? UserId, [property: Required] ParticipantRole? Role, [property: Required] DrillTeam? Team);

/// <param name="TimeScale">1..60: one drill minute stands for this many scenario minutes</param>
/// <param name="ChainId">the contact chain the run's check tries; by default the chain of the scenario's category</param>
/// <param name="WebhooksEnabled">let the chain's webhooks receive the drill's (marked) messages; off by default</param>
public sealed record ScheduleDrillRequest(
    [property: Required, StringLength(80, MinimumLength = 1)] string? ScenarioId,
    [property: Required] Guid? FacilitatorId,
    [property: Required, MinLength(1), MaxLength(30)] DrillParticipantInput?[]? Participants,
    [property: Required] DateTimeOffset? PlannedStart,
    [property: Required, Range(1, 60)] int? TimeScale,
    bool? Announced,
    Guid? ChainId,
    bool? WebhooksEnabled);

public sealed record DrillReasonRequest([property: StringLength(500)] string? Reason);

public sealed record PredictionRequest([property: Required, StringLength(300, MinimumLength = 1)] string? Text);

public sealed record MatchPredictionRequest([property: Required] bool? Matched);

public sealed record KytRequest(
    [property: Required, MaxLength(10)] string?[]? KeyPoints,
    [property: Required, MaxLength(10)] string?[]? Countermeasures,
    [property: Required, StringLength(500, MinimumLength = 1)] string? TeamGoal);

public sealed record ObservationRequest(
    [property: Required] ObservationKind? Kind,
    [property: Required, StringLength(2000, MinimumLength = 1)] string? Text,
    [property: StringLength(80)] string? InjectId,
    [property: StringLength(80)] string? ActionId);

public sealed record JudgeActionRequest([property: Required] ActionResult? Result, [property: StringLength(1000)] string? Note);

/// <summary>Scheduling and starting: the two commands that need more than the run itself.</summary>
public sealed class DrillRunService(
    CommandPath commands, DrillCommandRunner runner, ScenarioLibrary scenarios, DrillViews views, UserDirectory users,
    EscalationSettingsStore settings, DrillIncidentFiler filer, ContactChecks.ContactCheckStarter checks, TimeProvider clock)
{
    public const int MaxParticipants = 30;

    public async Task<DrillDetail> ScheduleAsync(ScheduleDrillRequest body, Caller caller, CancellationToken ct)
    {
        if (!caller.WorksIncidents) throw new Forbidden("only responders and admins schedule drills");
        var (scenario, plan) = await ValidateAsync(body, ct);
        var runId = Guid.CreateVersion7(clock.GetUtcNow());
        var (run, version) = await commands.RunAsync(caller.Id, work =>
        {
            var scheduled = DrillRules.Schedule(runId, scenario, plan, caller.Id, work.Now);
            work.Start(runId, [scheduled]);
            return Task.FromResult((DrillRun.Evolve(null, scheduled), work.VersionAfter(runId)));
        }, ct);
        return await views.DetailAsync(run, scenario, version, caller, ct);
    }

    /// <summary>
    /// Start: the rules are checked on the run as it stands; then the drill incident is filed (tabletop and KYT formats),
    /// idempotent by the id the run derives, so a retried start files nothing twice; then the run starts with its timers.
    /// </summary>
    public async Task<DrillDetail> StartAsync(Guid runId, long expectedVersion, Caller caller, CancellationToken ct)
    {
        var (run, scenario) = await commands.RunAsync(caller.Id, async work =>
        {
            var stream = await DrillCommandRunner.LoadAsync(work, runId, ct, expectedVersion);
            DrillCommandRunner.RequireActing(stream.State, caller);
            var pinned = await runner.ScenarioOfAsync(stream.State, ct);
            DrillRules.Start(stream.State, pinned, DrillActor.Of(stream.State, caller), Guid.NewGuid, work.Now);
            return (stream.State, pinned);
        }, ct);
        if (DrillRules.FilesIncident(run.Scheduled.Format))
        {
            var reporter = run.Scheduled.Participants.FirstOrDefault(p => p.Role == ParticipantRole.Player && p.Team == DrillTeam.Staff)?.UserId
                           ?? run.Scheduled.FacilitatorId;
            await filer.FileAsync(new DrillIncidentFiling(run.Id, DrillNotices.IncidentIdFor(run.Id), reporter, scenario.Category,
                scenario.Title.Ja, scenario.Situation.Ja, clock.GetUtcNow()), ct);
        }
        // The contact-chain check, idempotent by the id the run derives: a retried start sends nobody a second mail.
        if (DrillRules.ChecksChain(run.Scheduled.Format))
            await checks.StartAsync(run.Id, DrillNotices.ContactCheckIdFor(run.Id), run.Scheduled.Category, run.Scheduled.ChainId?.ToString(),
                run.Scheduled.Announced, null, caller.Id, ct);
        return await runner.RunAsync(runId, expectedVersion, caller, c => DrillRules.Start(c.Run, c.Scenario, c.Actor, c.NewId, c.Now), ct);
    }

    private async Task<(DrillScenario, DrillPlan)> ValidateAsync(ScheduleDrillRequest b, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var scenarioId = errors.SingleLineValue("scenarioId", b.ScenarioId, 80);
        var scenario = errors.Has("scenarioId") ? null : scenarios.Find(scenarioId);
        if (!errors.Has("scenarioId") && scenario is null) errors.Add("scenarioId", "is not a known drill scenario (GET /api/drills/scenarios)");
        var facilitator = errors.Value("facilitatorId", b.FacilitatorId);
        if (b.FacilitatorId is not null)
        {
            var user = await users.FindAsync(facilitator, ct);
            if (user is null) errors.Add("facilitatorId", "is not a known account");
            else if (user.Disabled) errors.Add("facilitatorId", "is a disabled account");
            else if (!user.Roles.Contains(Roles.Admin) && !user.Roles.Contains(Roles.Responder))
                errors.Add("facilitatorId", "must be a Responder or Admin account (they facilitate drills)");
        }
        var participants = new List<DrillParticipant>();
        if (b.Participants is null) errors.Add("participants", "is required");
        else if (b.Participants.Length is < 1 or > MaxParticipants) errors.Add("participants", $"must name 1 to {MaxParticipants} participants");
        for (var i = 0; i < (b.Participants?.Length ?? 0); i++)
        {
            var field = $"participants.{i}";
            if (b.Participants![i] is not { } p)
            {
                errors.Add(field, "is required (null is not a participant)");
                continue;
            }
            var userId = errors.Value($"{field}.userId", p.UserId);
            var role = errors.Value($"{field}.role", p.Role);
            var team = errors.Value($"{field}.team", p.Team);
            if (p.Team == DrillTeam.All) errors.Add($"{field}.team", "must be executives, responders or staff");
            if (p.UserId is null) continue;
            if (participants.Any(x => x.UserId == userId)) errors.Add($"{field}.userId", "is named twice");
            var user = await users.FindAsync(userId, ct);
            if (user is null) errors.Add($"{field}.userId", "is not a known account");
            else if (user.Disabled) errors.Add($"{field}.userId", "is a disabled account");
            participants.Add(new DrillParticipant(userId, role, team));
        }
        var plannedStart = errors.Value("plannedStart", b.PlannedStart);
        var now = clock.GetUtcNow();
        if (b.PlannedStart is not null && (plannedStart < now.AddDays(-1) || plannedStart > now.AddDays(366)))
            errors.Add("plannedStart", "must be between yesterday and a year from now");
        var timeScale = errors.Value("timeScale", b.TimeScale);
        if (b.TimeScale is not null && timeScale is < DrillRules.MinTimeScale or > DrillRules.MaxTimeScale)
            errors.Add("timeScale", $"must be {DrillRules.MinTimeScale} to {DrillRules.MaxTimeScale}");
        Guid? chainId = null;
        if (b.ChainId is { } chosen)
        {
            if ((await settings.ChainsAsync(ct)).All(c => c.Chain.Id != chosen)) errors.Add("chainId", "is not a saved contact chain");
            chainId = chosen;
        }
        errors.ThrowIfAny();
        chainId ??= (await settings.ChainForAsync(scenario!.Category, null, ct))?.Id;
        return (scenario!, new DrillPlan(facilitator, [.. participants], plannedStart, timeScale, b.Announced ?? true, chainId, b.WebhooksEnabled ?? false));
    }
}

/// <summary>
/// The drill-run route table (issue 11 §4). Responders and admins schedule and facilitate; participants (any role)
/// see and act in their own runs; Executives who are not part of a run watch it read-only; anyone else finds no run.
/// Lifecycle commands, the reveal and the KYT record carry the version read (If-Match, 412 when stale); predictions,
/// matches, observations and judgements add facts and need none. Every command answers the console view and its ETag.
/// </summary>
public static class DrillEndpoints
{
    public static IEndpointRouteBuilder MapDrillRuns(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/drills/runs").WithTags("Drills").RequireAuthorization();

        runs.MapPost("/", async Task<Created<DrillDetail>> (
                [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ScheduleDrillRequest? body, HttpContext http, DrillRunService drills,
                CancellationToken ct) =>
            {
                var detail = await drills.ScheduleAsync(body ?? throw ValidationFailed.For("body", "is required"), Caller.From(http.User), ct);
                Versions.SetETag(http.Response, detail.Version);
                return TypedResults.Created($"/api/drills/runs/{detail.Id}", detail);
            })
            .WithName("ScheduleDrill").WithSummary("Schedule a drill from a scenario (responders and admins); each participant is invited by a marked mail");

        runs.MapGet("/", async Task<Ok<DrillRunList>> (HttpContext http, DrillViews views, string? status, CancellationToken ct) =>
                TypedResults.Ok(await views.ListAsync(Caller.From(http.User), EnumNames.ParseQuery<DrillStatus>("status", status), ct)))
            .WithName("ListDrills").WithSummary("Drill runs, newest planned first: staff see every run, anyone else the runs they take part in");

        runs.MapGet("/{id:guid}", async Task<Ok<DrillDetail>> (Guid id, HttpContext http, DrillViews views, DrillCommandRunner runner,
                Marten.IQuerySession store, CancellationToken ct) =>
            {
                var caller = Caller.From(http.User);
                var events = await store.Events.FetchStreamAsync(id, token: ct);
                if (events.Count == 0 || events[0].Data is not DrillScheduled) throw new NotFoundError($"drill run {id}");
                var run = events.Aggregate((DrillRun?)null, (s, e) => DrillRun.Evolve(s, e.Data))!;
                if (!DrillViews.MaySee(run, caller)) throw new NotFoundError($"drill run {id}");
                var detail = await views.DetailAsync(run, await runner.ScenarioOfAsync(run, ct), events[^1].Version, caller, ct);
                Versions.SetETag(http.Response, detail.Version);
                return TypedResults.Ok(detail);
            })
            .WithName("GetDrill").WithSummary("The facilitator's console (or a participant's view) of one run; ETag is its version");

        runs.MapPost("/{id:guid}/start", async Task<Ok<DrillDetail>> (Guid id, HttpContext http, DrillRunService drills, CancellationToken ct) =>
                Answer(http, await drills.StartAsync(id, Versions.ExpectedFrom(http.Request), Caller.From(http.User), ct)))
            .WithName("StartDrill").WithSummary("Start a scheduled drill: files its drill incident (DRL-), starts its contact-chain check, sets the inject timers");

        Lifecycle(runs, "/pause", "PauseDrill", "Pause a running drill: injects wait, their times shift by the pause", (c, _) => DrillRules.Pause(c.Run, c.Actor, c.Now));
        Lifecycle(runs, "/resume", "ResumeDrill", "Resume a paused or stopped drill: the remaining injects get their shifted times",
            (c, _) => DrillRules.Resume(c.Run, c.Scenario, c.Actor, c.NewId, c.Now));
        Lifecycle(runs, "/stop", "StopDrill", "STOPEX: halt every inject and timer of the run and tell every participant",
            (c, b) => DrillRules.Stop(c.Run, c.Actor, b, c.Now));
        Lifecycle(runs, "/end", "EndDrill", "ENDEX: end a started drill", (c, _) => DrillRules.End(c.Run, c.Actor, c.Now));
        Lifecycle(runs, "/cancel", "CancelDrill", "Cancel a drill that has not started", (c, b) => DrillRules.Cancel(c.Run, c.Actor, b, c.Now));

        runs.MapPost("/{id:guid}/injects/next", async Task<Ok<DrillDetail>> (Guid id, HttpContext http, DrillCommandRunner runner, CancellationToken ct) =>
                Answer(http, await runner.RunAsync(id, Versions.ExpectedFrom(http.Request), Caller.From(http.User), async c =>
                    await runner.DeliverAsync(c.Work, c.Run, DrillRules.NextInject(c.Run, c.Scenario, c.Actor), null, c.Actor.Id, ct), ct)))
            .WithName("ReleaseNextInject").WithSummary("The facilitator releases the next inject now, by hand");

        runs.MapPost("/{id:guid}/predictions", async Task<Ok<DrillDetail>> (
                Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PredictionRequest? body, HttpContext http, DrillCommandRunner runner,
                CancellationToken ct) =>
            {
                var errors = new FieldErrors();
                var text = errors.SingleLineValue("text", (body ?? throw ValidationFailed.For("body", "is required")).Text, 300);
                errors.ThrowIfAny();
                return Answer(http, await runner.RunAsync(id, null, Caller.From(http.User),
                    c => DrillRules.Predict(c.Run, c.Actor, c.NewId(), text, c.Now), ct));
            })
            .WithName("RecordPrediction").WithSummary("KYT 1R: a participant's predicted risk (at most 3 each, before the reveal)");

        Lifecycle(runs, "/reveal", "RevealDrill", "Show the reveal (【発生した事故】, root causes) to the participants", (c, _) => DrillRules.Reveal(c.Run, c.Actor, c.Now),
            reasonBody: false);

        runs.MapPost("/{id:guid}/predictions/{predictionId:guid}/match", async Task<Ok<DrillDetail>> (
                Guid id, Guid predictionId, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] MatchPredictionRequest? body, HttpContext http,
                DrillCommandRunner runner, CancellationToken ct) =>
            {
                var matched = new FieldErrors().Value("matched", (body ?? throw ValidationFailed.For("body", "is required")).Matched);
                if (body.Matched is null) throw ValidationFailed.For("matched", "is required");
                return Answer(http, await runner.RunAsync(id, null, Caller.From(http.User),
                    c => DrillRules.Match(c.Run, c.Actor, predictionId, matched, c.Now), ct));
            })
            .WithName("MatchPrediction").WithSummary("KYT 2R: mark whether a prediction matched what happened (after the reveal)");

        runs.MapPut("/{id:guid}/kyt", async Task<Ok<DrillDetail>> (
                Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] KytRequest? body, HttpContext http, DrillCommandRunner runner,
                CancellationToken ct) =>
            {
                var b = body ?? throw ValidationFailed.For("body", "is required");
                var errors = new FieldErrors();
                var keyPoints = Lines(errors, "keyPoints", b.KeyPoints);
                var countermeasures = Lines(errors, "countermeasures", b.Countermeasures);
                var goal = errors.SingleLineValue("teamGoal", b.TeamGoal, 500);
                errors.ThrowIfAny();
                return Answer(http, await runner.RunAsync(id, Versions.ExpectedFrom(http.Request), Caller.From(http.User),
                    c => DrillRules.RecordKyt(c.Run, c.Actor, keyPoints, countermeasures, goal, c.Now), ct));
            })
            .WithName("RecordKyt").WithSummary("KYT 2R-4R: key points, countermeasures and the team goal (after the reveal; replaces the earlier record)");

        runs.MapPost("/{id:guid}/observations", async Task<Ok<DrillDetail>> (
                Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ObservationRequest? body, HttpContext http, DrillCommandRunner runner,
                CancellationToken ct) =>
            {
                var b = body ?? throw ValidationFailed.For("body", "is required");
                var errors = new FieldErrors();
                var kind = errors.Value("kind", b.Kind);
                var text = errors.MultilineValue("text", b.Text, 2000);
                var inject = errors.OptionalSingleLineValue("injectId", b.InjectId, 80);
                var action = errors.OptionalSingleLineValue("actionId", b.ActionId, 80);
                errors.ThrowIfAny();
                return Answer(http, await runner.RunAsync(id, null, Caller.From(http.User),
                    c => DrillRules.Observe(c.Run, c.Scenario, c.Actor, c.NewId(), kind, text, inject, action, c.Now), ct));
            })
            .WithName("RecordObservation").WithSummary("An observation by the facilitator or an evaluator: a strength or an area for improvement");

        runs.MapPost("/{id:guid}/actions/{actionId}/judge", async Task<Ok<DrillDetail>> (
                Guid id, string actionId, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JudgeActionRequest? body, HttpContext http,
                DrillCommandRunner runner, CancellationToken ct) =>
            {
                var b = body ?? throw ValidationFailed.For("body", "is required");
                var errors = new FieldErrors();
                var result = errors.Value("result", b.Result);
                var note = errors.OptionalMultilineValue("note", b.Note, 1000);
                if (actionId.Length > 80 || actionId.Any(char.IsControl)) errors.Add("actionId", "must be an expected action's id");
                errors.ThrowIfAny();
                return Answer(http, await runner.RunAsync(id, null, Caller.From(http.User),
                    c => DrillRules.Judge(c.Run, c.Scenario, c.Actor, actionId, result, note, c.Now), ct));
            })
            .WithName("JudgeAction").WithSummary("The facilitator or an evaluator judges an expected action met or missed, with a note");
        return app;
    }

    private static string[] Lines(FieldErrors errors, string field, string?[]? items)
    {
        if (items is null)
        {
            errors.Add(field, "is required");
            return [];
        }
        errors.Max(field, items, 10);
        return items.Select((x, i) => x is null ? Null(errors, $"{field}.{i}") : errors.SingleLineValue($"{field}.{i}", x, 500)).ToArray();
    }

    private static string Null(FieldErrors errors, string field)
    {
        errors.Add(field, "is required (null is not allowed)");
        return "";
    }

    private static Ok<DrillDetail> Answer(HttpContext http, DrillDetail detail)
    {
        Versions.SetETag(http.Response, detail.Version);
        return TypedResults.Ok(detail);
    }

    private static void Lifecycle(RouteGroupBuilder group, string path, string name, string summary,
        Func<DrillContext, string?, IReadOnlyList<IDrillEvent>> decide, bool reasonBody = true)
    {
        var route = group.MapPost("/{id:guid}" + path, async Task<Ok<DrillDetail>> (
                Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] DrillReasonRequest? body, HttpContext http, DrillCommandRunner runner,
                CancellationToken ct) =>
            {
                var errors = new FieldErrors();
                var reason = errors.OptionalSingleLineValue("reason", body?.Reason, 500);
                errors.ThrowIfAny();
                return Answer(http, await runner.RunAsync(id, Versions.ExpectedFrom(http.Request), Caller.From(http.User), c => decide(c, reason), ct));
            })
            .WithName(name).WithSummary(summary);
    }
}

public static class DrillsSetup
{
    public static IServiceCollection AddDrillRuns(this IServiceCollection services)
    {
        services.AddSingleton<IInlineProjection, DrillProjection>();
        services.AddSingleton<IUnitOfWorkReaction, DrillReaction>();
        services.AddSingleton<DrillViews>();
        services.AddSingleton<DrillCommandRunner>();
        services.AddSingleton<DrillRunService>();
        services.AddScoped<Timers.ITimerPurpose, DrillInjectTimer>();
        return services;
    }
}
