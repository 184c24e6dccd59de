using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.Scenarios;
using IncidentDesk.Api.Playbooks;
using Npgsql;

namespace IncidentDesk.Api.Drills;

public sealed record DrillParticipantView(Guid UserId, string? Name, ParticipantRole Role, DrillTeam Team);

/// <param name="ScenarioMinutes">scenario time elapsed: real active time × the time scale (pauses not counted)</param>
/// <param name="ActiveSeconds">real time the drill has run, less its pauses</param>
public sealed record DrillClockView(double ScenarioMinutes, double ActiveSeconds, bool Halted, DateTimeOffset AsOf);

/// <summary>The next inject and when it is due (null while the run is paused or stopped: its time is not known yet).</summary>
public sealed record NextInjectView(string InjectId, LocalizedText Title, InjectChannel Channel, int OffsetMinutes, DateTimeOffset? DueAt);

public sealed record InjectFailureView(string Reason, DateTimeOffset At);

/// <param name="Status">pending, delivered or failed (delivered with a failure shown)</param>
/// <param name="FacilitatorNotes">the facilitator's notes; never shown to participants</param>
public sealed record RunInjectView(
    string InjectId, string ModuleId, int OffsetMinutes, InjectChannel Channel, DrillTeam Audience, LocalizedText Title, LocalizedText? Content,
    LocalizedText? FacilitatorNotes, string Status, DateTimeOffset? DueAt, DateTimeOffset? DeliveredAt, int? ScenarioMinute, bool Manual,
    int OutsideParties, IReadOnlyList<InjectFailureView> Failures);

/// <param name="Status">pending, met or missed</param>
/// <param name="Signal">the drill-incident event that ticks it off by itself; null when the facilitator or an evaluator judges it</param>
public sealed record RunActionView(
    string ActionId, string InjectId, LocalizedText Text, ExpectedActionKind Kind, DrillTeam Who, int Weight, int? TimeLimitMinutes,
    SignalKind? Signal, string? SignalArgument, string Status, bool? Automatic, Guid? JudgedBy, string? JudgedByName, string? Note,
    int? MinutesAfterInject, DateTimeOffset? JudgedAt);

public sealed record PredictionView(Guid PredictionId, Guid ParticipantId, string? ParticipantName, string Text, DateTimeOffset At, bool? Matched);

public sealed record RunRevealView(LocalizedText Accident, IReadOnlyList<LocalizedText> RootCauses, LocalizedText? RegulatoryAnswer);

public sealed record KytView(IReadOnlyList<string> KeyPoints, IReadOnlyList<string> Countermeasures, string TeamGoal, DateTimeOffset At);

public sealed record ObservationView(
    Guid ObservationId, ObservationKind Kind, string Text, string? InjectId, string? ActionId, Guid By, string? ByName, DateTimeOffset At);

public sealed record DrillScoreView(int Met, int Total, int? Percent);

/// <summary>What the caller may do on this run: facilitate (start, pause, reveal…), judge and observe, predict.</summary>
public sealed record DrillYouView(bool Facilitates, bool Evaluates, ParticipantRole? Role, DrillTeam? Team, int PredictionsLeft);

/// <summary>
/// A drill run as its console shows it: status, clock, the next inject and when, the injects, expected actions with their
/// status, predictions, the reveal, the KYT record, observations, the score, the drill incident and the contact-chain
/// check. A participant's view leaves out the facilitator's notes, injects not yet delivered, the reveal until it is
/// shown, other teams' expected actions, judges' notes and observations. The ETag is <c>version</c>.
/// </summary>
public sealed record DrillDetail(
    Guid Id, long Version, string ScenarioId, int ScenarioVersion, LocalizedText Title, LocalizedText Summary, DrillFormat Format,
    Category Category, DrillStatus Status, Guid FacilitatorId, string? FacilitatorName, IReadOnlyList<DrillParticipantView> Participants,
    DateTimeOffset PlannedStart, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, int TimeScale, bool Announced, Guid? ChainId,
    bool WebhooksEnabled, DrillClockView Clock, NextInjectView? NextInject, LocalizedText Situation, IReadOnlyList<DrillObjective> Objectives,
    IReadOnlyList<RunInjectView> Injects, IReadOnlyList<RunActionView> ExpectedActions, IReadOnlyList<PredictionView> Predictions,
    DateTimeOffset? RevealedAt, RunRevealView? Reveal, IReadOnlyList<LocalizedText> DiscussionQuestions, KytView? Kyt,
    IReadOnlyList<ObservationView>? Observations, DrillScoreView Score, Guid? IncidentId, string? IncidentReference, Guid? ContactCheckId,
    DrillYouView You, DateTimeOffset UpdatedAt);

public sealed record DrillRunSummary(
    Guid Id, string ScenarioId, int ScenarioVersion, string TitleJa, string TitleEn, DrillFormat Format, Category Category,
    DrillStatus Status, Guid FacilitatorId, string? FacilitatorName, int Participants, DateTimeOffset PlannedStart, DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt, int TimeScale, Guid? IncidentId, bool Mine, long Version);

public sealed record DrillRunList(IReadOnlyList<DrillRunSummary> Items);

/// <summary>Builds the drill views: who sees what is decided here, once, for every route.</summary>
public sealed class DrillViews(UserDirectory users, NpgsqlDataSource db, TimeProvider clock)
{
    /// <summary>Staff who see every run: Responders and Admins (who may facilitate) and Executives (read-only).</summary>
    public static bool SeesAllRuns(Caller caller) => caller.Is(Roles.Responder) || caller.Is(Roles.Admin) || caller.Is(Roles.Executive);

    /// <summary>Whether the caller may see the run at all (else it does not exist for them: 404).</summary>
    public static bool MaySee(DrillRun run, Caller caller) =>
        SeesAllRuns(caller) || run.Scheduled.FacilitatorId == caller.Id || run.Participant(caller.Id) is not null;

    public async Task<DrillDetail> DetailAsync(DrillRun run, DrillScenario scenario, long version, Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var actor = DrillActor.Of(run, caller);
        // The full console for the facilitator, evaluators and staff who watch; the participant's view for players and observers.
        var full = actor.Evaluates || (actor.Participant is null && SeesAllRuns(caller));
        var s = run.Scheduled;
        var names = await users.NamesAsync(
            [s.FacilitatorId, .. s.Participants.Select(p => p.UserId), .. run.Judgements.Values.Select(j => j.By), .. run.Observations.Select(o => o.By)], ct);
        string? Name(Guid id) => id == SystemActor.Id ? SystemActor.Name : names.GetValueOrDefault(id);
        var revealed = run.RevealedAt is not null;
        var team = actor.Participant?.Team;

        var injects = new List<RunInjectView>();
        foreach (var module in scenario.Modules)
        foreach (var i in module.Injects.OrderBy(i => i.OffsetMinutes))
        {
            var delivery = run.DeliveryOf(i.Id);
            if (!full && delivery is null) continue;
            var failures = run.Failed.Where(f => f.InjectId == i.Id).Select(f => new InjectFailureView(f.Reason, f.At)).ToList();
            injects.Add(new RunInjectView(i.Id, module.Id, i.OffsetMinutes, i.Channel, i.Audience, i.Title, delivery is null && !full ? null : i.Content,
                full ? i.FacilitatorNotes : null, delivery is null ? "pending" : failures.Count > 0 ? "failed" : "delivered",
                delivery is null && run.Status == DrillStatus.Running ? run.Timers.GetValueOrDefault(i.Id)?.DueAt : null,
                delivery?.At, delivery?.ScenarioMinute, delivery?.Manual ?? false, i.Outside.Count, failures));
        }
        var next = scenario.Injects.OrderBy(i => i.OffsetMinutes).FirstOrDefault(i => !run.IsDelivered(i.Id));
        var nextView = full && next is not null && (run.InProgress || run.Status == DrillStatus.Scheduled)
            ? new NextInjectView(next.Id, next.Title, next.Channel, next.OffsetMinutes,
                run.Status == DrillStatus.Running ? run.Timers.GetValueOrDefault(next.Id)?.DueAt : null)
            : null;

        var actions = scenario.ExpectedActions
            .Where(a => full || a.Action.Who == DrillTeam.All || a.Action.Who == team)
            .Select(a =>
            {
                var j = run.Judgements.GetValueOrDefault(a.Action.Id);
                return new RunActionView(a.Action.Id, a.Inject.Id, a.Action.Text, a.Action.Kind, a.Action.Who, a.Action.Weight,
                    a.Action.TimeLimitMinutes, a.Action.Signal?.Kind, a.Action.Signal?.Argument,
                    j is null ? "pending" : EnumNames.Name(j.Result), j?.Automatic, j?.By, j is null ? null : Name(j.By), full ? j?.Note : null,
                    j?.MinutesAfterInject, j?.At);
            }).ToList();

        // Before the reveal a participant sees their own predictions; after it, everyone's (the team compares them, 2R).
        var predictions = run.Predictions.Where(p => full || revealed || p.ParticipantId == caller.Id)
            .Select(p => new PredictionView(p.Id, p.ParticipantId, Name(p.ParticipantId), p.Text, p.At, p.Matched)).ToList();
        var score = DrillRules.Score(run, scenario);
        var reference = run.IncidentId is { } incident ? await ReferenceAsync(incident, ct) : null;
        var active = run.ActiveElapsed(now);
        return new DrillDetail(
            run.Id, version, s.ScenarioId, s.ScenarioVersion, scenario.Title, scenario.Summary, s.Format, s.Category, run.Status, s.FacilitatorId,
            Name(s.FacilitatorId), s.Participants.Select(p => new DrillParticipantView(p.UserId, Name(p.UserId), p.Role, p.Team)).ToList(),
            s.PlannedStart, run.StartedAt, run.EndedAt, s.TimeScale, s.Announced, s.ChainId, s.WebhooksEnabled,
            new DrillClockView(Math.Round((active * s.TimeScale).TotalMinutes, 2), Math.Round(active.TotalSeconds, 1),
                run.Status is DrillStatus.Paused or DrillStatus.Stopped, now),
            nextView, scenario.Situation, scenario.Objectives, injects, actions, predictions, run.RevealedAt,
            full || revealed ? new RunRevealView(scenario.Reveal.Accident, scenario.Reveal.RootCauses, scenario.Reveal.RegulatoryAnswer) : null,
            scenario.DiscussionQuestions,
            run.Kyt is { } k ? new KytView(k.KeyPoints, k.Countermeasures, k.TeamGoal, k.At) : null,
            full ? run.Observations.Select(o => new ObservationView(o.Id, o.Kind, o.Text, o.InjectId, o.ActionId, o.By, Name(o.By), o.At)).ToList() : null,
            new DrillScoreView(score.Met, score.Total, score.Percent), run.IncidentId, reference, run.ContactCheckId,
            new DrillYouView(actor.Facilitates, actor.Evaluates, actor.Participant?.Role, team,
                actor.Participant is null || revealed ? 0
                    : Math.Max(0, DrillRules.MaxPredictionsPerParticipant - run.Predictions.Count(p => p.ParticipantId == caller.Id))),
            run.UpdatedAt);
    }

    private async Task<string?> ReferenceAsync(Guid incidentId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select reference from incident_board where id = $1");
        cmd.Parameters.AddWithValue(incidentId);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Runs newest planned first: staff see every run, anyone else the runs they facilitate or take part in.</summary>
    public async Task<DrillRunList> ListAsync(Caller caller, DrillStatus? status, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "select r.id, r.scenario_id, r.scenario_version, r.title_ja, r.title_en, r.format, r.category, r.status, r.facilitator_id, u.display_name, " +
            "cardinality(r.participant_ids), r.planned_start, r.started_at, r.ended_at, r.time_scale, r.incident_id, " +
            "(r.facilitator_id = $1 or $1 = any(r.participant_ids)), r.version " +
            "from drill_runs r left join users u on u.id = r.facilitator_id " +
            "where ($2 or r.facilitator_id = $1 or $1 = any(r.participant_ids)) and ($3::text is null or r.status = $3::text) " +
            "order by r.planned_start desc, r.id limit 200");
        cmd.Parameters.AddWithValue(caller.Id);
        cmd.Parameters.AddWithValue(SeesAllRuns(caller));
        cmd.Parameters.AddWithValue(status is { } st ? EnumNames.Name(st) : DBNull.Value);
        var items = new List<DrillRunSummary>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            items.Add(new DrillRunSummary(r.GetGuid(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4),
                EnumNames.Parse<DrillFormat>(r.GetString(5)), EnumNames.Parse<Category>(r.GetString(6)), EnumNames.Parse<DrillStatus>(r.GetString(7)),
                r.GetGuid(8), r.IsDBNull(9) ? null : r.GetString(9), r.GetInt32(10), r.GetFieldValue<DateTimeOffset>(11),
                r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12), r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13),
                r.GetInt32(14), r.IsDBNull(15) ? null : r.GetGuid(15), r.GetBoolean(16), r.GetInt64(17)));
        return new DrillRunList(items);
    }
}
