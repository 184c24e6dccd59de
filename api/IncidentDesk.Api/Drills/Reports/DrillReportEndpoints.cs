using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IncidentDesk.Api.Drills.Reports;

public sealed record ObjectiveRatingInput(
    [property: Required, StringLength(80, MinimumLength = 1)] string? ObjectiveId,
    [property: Required] HseepRating? Rating,
    [property: StringLength(1000)] string? Note);

/// <summary>The facilitator's part of the report, as a whole (what is left out is cleared; an objective not rated keeps the suggestion).</summary>
/// <param name="Ratings">At most one per objective of the scenario: P, S, M or U (HSEEP).</param>
public sealed record EditReportRequest(
    [property: StringLength(DrillReportCommands.SummaryMax)] string? Summary,
    [property: StringLength(DrillReportCommands.SummaryMax)] string? Notes,
    [property: MaxLength(10)] ObjectiveRatingInput?[]? Ratings);

/// <summary>Edits and finalisation of a run's after-action report: the facilitator (or an admin) only, until it is final.</summary>
public sealed class DrillReportCommands(CommandPath commands, DrillReportViews views, DrillCommandRunner runner)
{
    public const int SummaryMax = 8000;

    public async Task<DrillReportView> EditAsync(Guid runId, long expected, EditReportRequest b, Caller caller, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var summary = errors.OptionalMultilineValue("summary", b.Summary, SummaryMax);
        var notes = errors.OptionalMultilineValue("notes", b.Notes, SummaryMax);
        errors.Max("ratings", b.Ratings, 10);
        var ratings = new List<(int Index, string Id, HseepRating Rating, string? Note)>();
        for (var i = 0; i < (b.Ratings?.Length ?? 0); i++)
        {
            if (b.Ratings![i] is not { } r)
            {
                errors.Add($"ratings.{i}", "is required (null is not a rating)");
                continue;
            }
            var id = errors.SingleLineValue($"ratings.{i}.objectiveId", r.ObjectiveId, 80);
            var rating = errors.Value($"ratings.{i}.rating", r.Rating);
            var note = errors.OptionalMultilineValue($"ratings.{i}.note", r.Note, 1000);
            if (ratings.Any(x => x.Id == id)) errors.Add($"ratings.{i}.objectiveId", $"'{id}' is rated twice");
            ratings.Add((i, id, rating, note));
        }
        errors.ThrowIfAny();
        await RunAsync(runId, expected, caller, async (work, report, run) =>
        {
            var scenario = await runner.ScenarioOfAsync(run, ct);
            var unknown = new FieldErrors();
            foreach (var r in ratings.Where(r => scenario.Objectives.All(o => o.Id != r.Id)))
                unknown.Add($"ratings.{r.Index}.objectiveId",
                    $"'{r.Id}' is not an objective of scenario {scenario.Id} (one of {string.Join(", ", scenario.Objectives.Select(o => o.Id))})");
            unknown.ThrowIfAny();
            return DrillReportRules.Edit(report, new ReportEdit(summary, notes, ratings.Select(r => new ObjectiveRating(r.Id, r.Rating, r.Note)).ToArray()),
                caller.Id, work.Now);
        }, ct);
        return await views.ViewAsync(runId, caller, ct);
    }

    public async Task<DrillReportView> FinaliseAsync(Guid runId, long expected, Caller caller, CancellationToken ct)
    {
        var checks = (await views.ChecksAsync(runId, null, ct)).Select(c => new CheckVersion(c.Id, c.Version)).ToArray();
        await RunAsync(runId, expected, caller, async (work, report, run) =>
        {
            var scenario = await runner.ScenarioOfAsync(run, ct);
            var runVersion = work.VersionAfter(run.Id);
            // The report freezes the run at the version read: it holds only if the run has not moved by the commit.
            work.Require(run.Id);
            return DrillReportRules.Finalise(report, scenario.Objectives.Select(o => o.Id).ToList(), DrillRules.Score(run, scenario).Percent, runVersion,
                checks, caller.Id, work.Now);
        }, ct);
        return await views.ViewAsync(runId, caller, ct);
    }

    private Task RunAsync(Guid runId, long expected, Caller caller,
        Func<UnitOfWork, DrillReport, DrillRun, Task<IReadOnlyList<IDrillReportEvent>>> decide, CancellationToken ct) =>
        commands.RunAsync(caller.Id, async work =>
        {
            var run = await DrillCommandRunner.LoadAsync(work, runId, ct);
            DrillReportViews.RequireReader(run.State, caller, runId);
            if (!DrillActor.Of(run.State, caller).Facilitates) throw new Forbidden("only the drill's facilitator (or an admin) edits and finalises its report");
            var reportId = DrillReport.StreamIdFor(runId);
            var report = await work.LoadAsync<DrillReport>(reportId, DrillReport.Evolve, ct, expected)
                         ?? throw new NotFoundError($"after-action report of drill run {runId} (it is generated when the drill ends)");
            work.Append(reportId, await decide(work, report.State, run.State));
        }, ct);
}

/// <summary>
/// The after-action report routes of a drill run. Staff, the facilitator and evaluators read it; the facilitator (or an
/// admin) edits and finalises it; commands carry the report's version (If-Match) and answer the new ETag.
/// </summary>
public static class DrillReportEndpoints
{
    public static IEndpointRouteBuilder MapDrillReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/drills/runs/{id:guid}/report").WithTags("Drills").RequireAuthorization();
        reports.MapGet("/", async Task<Ok<DrillReportView>> (Guid id, HttpContext http, DrillReportViews views, CancellationToken ct) =>
                Answer(http, await views.ViewAsync(id, Caller.From(http.User), ct)))
            .WithName("GetDrillReport")
            .WithSummary("A drill's after-action report (a draft from the run's events until finalised); generated when the drill ends; ETag is its version");
        reports.MapPut("/", async Task<Ok<DrillReportView>> (
                Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] EditReportRequest? body, HttpContext http, DrillReportCommands commands,
                CancellationToken ct) =>
            {
                var expected = Versions.ExpectedFrom(http.Request);
                return Answer(http, await commands.EditAsync(id, expected, body ?? throw ValidationFailed.For("body", "is required"), Caller.From(http.User), ct));
            })
            .WithName("EditDrillReport").WithSummary("The facilitator edits the summary, notes and objective ratings (P/S/M/U) until the report is final; If-Match");
        reports.MapPost("/finalise", async Task<Ok<DrillReportView>> (Guid id, HttpContext http, DrillReportCommands commands, CancellationToken ct) =>
                Answer(http, await commands.FinaliseAsync(id, Versions.ExpectedFrom(http.Request), Caller.From(http.User), ct)))
            .WithName("FinaliseDrillReport").WithSummary("The facilitator finalises the report: ratings and the run's results are frozen; If-Match");
        return app;
    }

    private static Ok<DrillReportView> Answer(HttpContext http, DrillReportView view)
    {
        Versions.SetETag(http.Response, view.Version);
        return TypedResults.Ok(view);
    }

    public static IServiceCollection AddDrillReports(this IServiceCollection services)
    {
        services.AddSingleton<IUnitOfWorkReaction, DrillReportReaction>();
        services.AddScoped<DrillReportViews>();
        services.AddScoped<DrillReportCommands>();
        return services;
    }
}
