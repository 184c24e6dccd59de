using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.ContactChecks;
using IncidentDesk.Api.Drills.Improvements.GettingImprovements;
using IncidentDesk.Api.Drills.Scenarios;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Playbooks;
using Marten;
using MediatR;
using Npgsql;

namespace IncidentDesk.Api.Drills.Reports;

/// <param name="Suggested">what the score suggests (null: nothing to score)</param>
/// <param name="Rating">the facilitator's rating, or else the suggested one</param>
/// <param name="Edited">the facilitator set it</param>
public sealed record ObjectiveRatingView(string ObjectiveId, LocalizedText Text, HseepRating? Suggested, HseepRating? Rating, bool Edited, string? Note);

/// <summary>One moment of the run, by its stored event name (<c>type</c>), with what it concerned.</summary>
/// <summary>One line of the report's timeline: <see cref="Detail"/> is what a person wrote (a prediction, an observation, a
/// reason), <see cref="Info"/> what the system adds (when in scenario time, how an action was judged), in both languages.</summary>
public sealed record ReportTimelineEntry(
    DateTimeOffset At, string Type, LocalizedText? Title, string? Detail, Guid Actor, string? ActorName, LocalizedText? Info = null);

public sealed record ReportActionCounts(int Met, int Missed, int Pending);

/// <summary>
/// An improvement item the report suggests: a contact who did not answer or whose mail bounced in the contact-chain check
/// (<c>dead-contact</c>), or an expected action that was missed (<c>missed-action</c>). Gone once an item of this run names it.
/// </summary>
public sealed record ImprovementSuggestion(string Kind, string? ContactPerson, string? ContactOutcome, string? ExpectedActionId, LocalizedText? ActionText);

/// <summary>An improvement item of an earlier run of the same scenario, and whether this run retested it (named it as its retest).</summary>
public sealed record RetestedItemView(ImprovementItemSummary Item, DateTimeOffset? EarlierRunAt, bool RetestedByThisRun);

/// <summary>
/// A drill's after-action report: a draft computed from the run's events (and the facilitator's edits) until it is
/// finalised, then frozen at the versions it was finalised on. <c>run</c> is the run as its console shows it (overview,
/// injects, expected actions met and missed with times, predictions and the reveal, the KYT record, observations, score).
/// Improvement items are live: they are tracked to done after the report. The ETag is <c>version</c>.
/// </summary>
public sealed record DrillReportView(
    Guid RunId, long Version, bool Final, DateTimeOffset GeneratedAt, DateTimeOffset? FinalisedAt, Guid? FinalisedBy, string? FinalisedByName,
    string? Summary, string? Notes, DrillDetail Run, IReadOnlyList<ObjectiveRatingView> Ratings, IReadOnlyList<ReportTimelineEntry> Timeline,
    IReadOnlyList<ContactCheckView> ContactChecks, ReportActionCounts Actions, IReadOnlyList<ImprovementItemSummary> Improvements,
    IReadOnlyList<ImprovementSuggestion> Suggestions, IReadOnlyList<RetestedItemView> Retested, bool MayEdit, DateTimeOffset UpdatedAt);

/// <summary>Builds the report; who may read it is decided here, once, for every route.</summary>
public sealed class DrillReportViews(
    IDocumentStore store, DrillViews drills, DrillCommandRunner runner, UserDirectory users, EventTypeMap types, NpgsqlDataSource db, IMediator mediator,
    ContactCheckViews contactChecks)
{
    /// <summary>Staff, the facilitator and evaluators read the report (it carries judges' notes and observations); players and observers do not.</summary>
    public static void RequireReader(DrillRun run, Caller caller, Guid runId)
    {
        if (!DrillViews.MaySee(run, caller)) throw new NotFoundError($"drill run {runId}");
        var actor = DrillActor.Of(run, caller);
        if (!DrillViews.SeesAllRuns(caller) && !actor.Evaluates)
            throw new Forbidden("the after-action report is for staff, the facilitator and evaluators");
    }

    public async Task<(DrillRun Run, long Version)> RunAsync(Guid runId, long? upTo, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(runId, version: upTo ?? 0, token: ct);
        if (events.Count == 0 || events[0].Data is not DrillScheduled) throw new NotFoundError($"drill run {runId}");
        return (events.Aggregate((DrillRun?)null, (s, e) => DrillRun.Evolve(s, e.Data))!, events[^1].Version);
    }

    public async Task<StreamState<DrillReport>> ReportAsync(Guid runId, CancellationToken ct) =>
        await store.FetchAsync<DrillReport>(DrillReport.StreamIdFor(runId), DrillReport.Evolve, ct)
        ?? throw new NotFoundError($"after-action report of drill run {runId} (it is generated when the drill ends)");

    public async Task<IReadOnlyList<ContactCheckView>> ChecksAsync(Guid runId, IReadOnlyList<CheckVersion>? frozen, CancellationToken ct)
    {
        if (frozen is null) return (await contactChecks.ListAsync(runId, ct)).Items;
        var views = new List<ContactCheckView>();
        await using var session = store.QuerySession();
        foreach (var c in frozen)
        {
            var events = await session.Events.FetchStreamAsync(c.CheckId, version: c.Version, token: ct);
            if (events.Count == 0) continue;
            views.Add(ContactCheckViews.View(events.Aggregate((ContactCheck?)null, (s, e) => ContactCheck.Evolve(s, e.Data))!, events[^1].Version));
        }
        return views;
    }

    public async Task<DrillReportView> ViewAsync(Guid runId, Caller caller, CancellationToken ct)
    {
        var (current, currentVersion) = await RunAsync(runId, null, ct);
        RequireReader(current, caller, runId);
        var report = await ReportAsync(runId, ct);
        var final = report.State.Final;
        var (run, runVersion) = final is null ? (current, currentVersion) : await RunAsync(runId, final.RunVersion, ct);
        var scenario = await runner.ScenarioOfAsync(run, ct);
        var detail = await drills.DetailAsync(run, scenario, runVersion, caller, ct);
        var checks = await ChecksAsync(runId, final?.ContactChecks, ct);
        var ratings = DrillReportRules.Ratings(report.State, scenario.Objectives.Select(o => o.Id), final?.ScorePercent ?? detail.Score.Percent);
        var items = (await mediator.Send(new ListImprovementItems(caller, null, null, runId, null, null, false), ct)).Items;
        var names = await users.NamesAsync([.. final is null ? [] : new[] { final.Actor }], ct);
        return new DrillReportView(
            runId, report.Version, final is not null, report.State.GeneratedAt, final?.At, final?.Actor,
            final is null ? null : names.GetValueOrDefault(final.Actor), report.State.Summary, report.State.Notes, detail,
            ratings.Select(r => new ObjectiveRatingView(r.ObjectiveId, scenario.Objectives.First(o => o.Id == r.ObjectiveId).Text, r.Suggested,
                r.Set?.Rating ?? r.Suggested, r.Set is not null && (final is null || report.State.Ratings.ContainsKey(r.ObjectiveId)), r.Set?.Note)).ToList(),
            await TimelineAsync(run, runVersion, scenario, ct), checks,
            new ReportActionCounts(detail.ExpectedActions.Count(a => a.Status == "met"), detail.ExpectedActions.Count(a => a.Status == "missed"),
                detail.ExpectedActions.Count(a => a.Status == "pending")),
            items, Suggestions(checks, detail, items), await RetestedAsync(run, items, ct),
            final is null && DrillActor.Of(run, caller).Facilitates, report.State.UpdatedAt);
    }

    /// <summary>Dead contacts and missed actions that no item of this run names yet.</summary>
    internal static IReadOnlyList<ImprovementSuggestion> Suggestions(
        IReadOnlyList<ContactCheckView> checks, DrillDetail detail, IReadOnlyList<ImprovementItemSummary> items)
    {
        var named = items.Select(i => i.ContactPerson).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var actions = items.Select(i => i.ExpectedActionId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var dead = checks.SelectMany(c => c.Members)
            .Where(m => m.Outcome is ContactOutcome.NoResponse or ContactOutcome.Bounced && !named.Contains(m.Name))
            .DistinctBy(m => m.Name)
            .Select(m => new ImprovementSuggestion("dead-contact", m.Name, EnumNames.Name(m.Outcome), null, null));
        var missed = detail.ExpectedActions.Where(a => a.Status == "missed" && !actions.Contains(a.ActionId))
            .Select(a => new ImprovementSuggestion("missed-action", null, null, a.ActionId, a.Text));
        return [.. dead, .. missed];
    }

    /// <summary>Items of earlier runs of this scenario (held before this one), and whether this run is named as their retest.</summary>
    private async Task<IReadOnlyList<RetestedItemView>> RetestedAsync(DrillRun run, IReadOnlyList<ImprovementItemSummary> own, CancellationToken ct)
    {
        var earlier = new List<(Guid Item, DateTimeOffset At)>();
        await using (var cmd = db.CreateCommand(
                         "select i.item_id, coalesce(r.started_at, r.planned_start) from improvement_items i join drill_runs r on r.id = i.run_id " +
                         "where i.scenario_id = $1 and i.run_id <> $2 and coalesce(r.started_at, r.planned_start) < $3 " +
                         "order by coalesce(r.started_at, r.planned_start) desc, i.due_date limit 200"))
        {
            cmd.Parameters.AddWithValue(run.Scheduled.ScenarioId);
            cmd.Parameters.AddWithValue(run.Id);
            cmd.Parameters.AddWithValue(run.StartedAt ?? run.Scheduled.PlannedStart);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) earlier.Add((r.GetGuid(0), r.GetFieldValue<DateTimeOffset>(1)));
        }
        if (earlier.Count == 0) return [];
        var all = (await mediator.Send(new ListImprovementItems(new Caller(SystemActor.Id, new HashSet<string> { Roles.Admin }), null, null, null,
            run.Scheduled.ScenarioId, null, false), ct)).Items.ToDictionary(i => i.Id);
        return earlier.Where(e => all.ContainsKey(e.Item))
            .Select(e => new RetestedItemView(all[e.Item], e.At, all[e.Item].RetestRunId == run.Id)).ToList();
    }

    /// <summary>The run's events as a timeline, by stored name, with the inject or action each concerns.</summary>
    private async Task<IReadOnlyList<ReportTimelineEntry>> TimelineAsync(DrillRun run, long upTo, DrillScenario scenario, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(run.Id, version: upTo, token: ct);
        var names = await users.NamesAsync(events.Select(e => ((IDomainEvent)e.Data).Actor).Distinct(), ct);
        var injects = scenario.Injects.ToDictionary(i => i.Id);
        var actions = scenario.ExpectedActions.ToDictionary(a => a.Action.Id, a => a.Action);
        var entries = new List<ReportTimelineEntry>();
        foreach (var e in events)
        {
            var (title, detail, info) = e.Data switch
            {
                DrillInjectDelivered x => (injects.GetValueOrDefault(x.InjectId)?.Title, null,
                    x.Manual ? new LocalizedText("進行役が手動で提示", "released by hand") : new LocalizedText($"シナリオ時刻 {x.ScenarioMinute}分", $"scenario minute {x.ScenarioMinute}")),
                DrillInjectFailed x => (injects.GetValueOrDefault(x.InjectId)?.Title, x.Reason, (LocalizedText?)null),
                DrillActionJudged x => (actions.GetValueOrDefault(x.ActionId)?.Text, x.Note, JudgedInfo(x)),
                DrillPredictionRecorded x => ((LocalizedText?)null, x.Text, null),
                DrillObservationRecorded x => (null, x.Text, x.Kind == ObservationKind.Strength
                    ? new LocalizedText("よかった点", "strength") : new LocalizedText("改善点", "area for improvement")),
                DrillStopped x => (null, x.Reason, null),
                DrillCancelled x => (null, x.Reason, null),
                DrillKytRecorded x => (null, x.TeamGoal, null),
                _ => ((LocalizedText?)null, (string?)null, (LocalizedText?)null),
            };
            if (e.Data is DrillInjectScheduled) continue;
            var actor = ((IDomainEvent)e.Data).Actor;
            entries.Add(new ReportTimelineEntry(((IDomainEvent)e.Data).At, types.NameOf(e.Data), title, detail, actor,
                actor == SystemActor.Id ? SystemActor.Name : names.GetValueOrDefault(actor), info));
        }
        return entries;
    }

    private static LocalizedText JudgedInfo(DrillActionJudged x)
    {
        var met = x.Result == ActionResult.Met;
        var after = x.MinutesAfterInject is { } m ? (Ja: $"、状況付与から{m}分", En: $", {m} min after the inject") : (Ja: "", En: "");
        return new LocalizedText(
            $"{(met ? "達成" : "未達")}{(x.Automatic ? "（自動判定）" : "")}{after.Ja}",
            $"{(met ? "met" : "missed")}{(x.Automatic ? " (judged automatically)" : "")}{after.En}");
    }
}
