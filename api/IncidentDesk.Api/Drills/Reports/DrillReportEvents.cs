using System.Collections.Immutable;
using System.Text.Json.Serialization;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;

namespace IncidentDesk.Api.Drills.Reports;

/// <summary>
/// HSEEP's rating of an objective (CISA/HSEEP exercise evaluation): P performed without challenges, S performed with some
/// challenges, M performed with major challenges, U unable to be performed.
/// </summary>
public enum HseepRating
{
    [JsonStringEnumMemberName("P")] P,
    [JsonStringEnumMemberName("S")] S,
    [JsonStringEnumMemberName("M")] M,
    [JsonStringEnumMemberName("U")] U,
}

public sealed record ObjectiveRating(string ObjectiveId, HseepRating Rating, string? Note);

/// <summary>The version of a contact-chain check the finalised report read (the table is frozen at it).</summary>
public sealed record CheckVersion(Guid CheckId, long Version);

public interface IDrillReportEvent : IDomainEvent
{
    Guid RunId { get; }
}

/// <summary>The drill ended: its after-action report exists from now on, as a draft computed from the run's events.</summary>
public sealed record DrillReportGenerated(Guid RunId, string ScenarioId, Guid Actor, DateTimeOffset At) : IDrillReportEvent;

/// <summary>
/// The facilitator's part of the report as it now stands (replacing the earlier edit): the summary, notes, and the ratings
/// they set (an objective without one keeps the rating suggested from the score).
/// </summary>
public sealed record DrillReportEdited(
    Guid RunId, string? Summary, string? Notes, ObjectiveRating[] Ratings, Guid Actor, DateTimeOffset At) : IDrillReportEvent;

/// <summary>
/// The report is final: its ratings as they stood (suggestions included) and the versions of the run and its contact-chain
/// checks it read, so the finalised report reads the same whatever happens to the run afterwards.
/// </summary>
public sealed record DrillReportFinalised(
    Guid RunId, long RunVersion, CheckVersion[] ContactChecks, ObjectiveRating[] Ratings, int? ScorePercent, Guid Actor, DateTimeOffset At)
    : IDrillReportEvent;

public static class DrillReportEventTypes
{
    public static EventTypeMap RegisterDrillReportEvents(this EventTypeMap map) => map
        .Register<DrillReportGenerated>("drill_report_generated")
        .Register<DrillReportEdited>("drill_report_edited")
        .Register<DrillReportFinalised>("drill_report_finalised");
}

/// <summary>A run's after-action report stream folded: the facilitator's edits and, once final, what it was finalised on.</summary>
public sealed record DrillReport(
    Guid RunId, string ScenarioId, DateTimeOffset GeneratedAt, string? Summary, string? Notes, ImmutableDictionary<string, ObjectiveRating> Ratings,
    DrillReportFinalised? Final, Guid? EditedBy, DateTimeOffset UpdatedAt)
{
    public bool IsFinal => Final is not null;

    /// <summary>Derived from the run's id (name-based, like a UUIDv5), as its notice stream's is.</summary>
    public static Guid StreamIdFor(Guid runId) => DrillNotices.Derived("incidentdesk/drill-report/", runId);

    public static DrillReport Evolve(DrillReport? s, object e) => (s, e) switch
    {
        (null, DrillReportGenerated g) => new DrillReport(g.RunId, g.ScenarioId, g.At, null, null, ImmutableDictionary<string, ObjectiveRating>.Empty,
            null, null, g.At),
        (null, _) => throw new NotFoundError("after-action report"),
        (_, DrillReportEdited x) => s with
        {
            Summary = x.Summary, Notes = x.Notes, Ratings = x.Ratings.ToImmutableDictionary(r => r.ObjectiveId), EditedBy = x.Actor, UpdatedAt = x.At,
        },
        (_, DrillReportFinalised x) => s with { Final = x, UpdatedAt = x.At },
        _ => throw new InvalidOperationException($"an after-action report cannot fold {e.GetType().Name}"),
    };
}

/// <summary>The facilitator's validated edit.</summary>
public sealed record ReportEdit(string? Summary, string? Notes, ObjectiveRating[] Ratings);

/// <summary>The pure rules of the after-action report.</summary>
public static class DrillReportRules
{
    /// <summary>
    /// The rating the score suggests (the share of expected actions met, by weight): 90 % and more P, 70 % S, 40 % M,
    /// less U; no expected actions to score, no suggestion. The facilitator may set another.
    /// </summary>
    public static HseepRating? Suggest(int? percent) => percent switch
    {
        null => null,
        >= 90 => HseepRating.P,
        >= 70 => HseepRating.S,
        >= 40 => HseepRating.M,
        _ => HseepRating.U,
    };

    public static void RequireDraft(DrillReport s)
    {
        if (s.IsFinal)
            throw new RuleViolated("report_finalised", $"the after-action report was finalised on {s.Final!.At:yyyy-MM-dd HH:mm}Z; it can no longer be edited");
    }

    /// <summary>Pure. The edit replaces the facilitator's part; the same again records nothing.</summary>
    public static IReadOnlyList<IDrillReportEvent> Edit(DrillReport s, ReportEdit b, Guid actor, DateTimeOffset now)
    {
        RequireDraft(s);
        var same = b.Summary == s.Summary && b.Notes == s.Notes && b.Ratings.Length == s.Ratings.Count
                   && b.Ratings.All(r => s.Ratings.GetValueOrDefault(r.ObjectiveId) == r);
        return same ? [] : [new DrillReportEdited(s.RunId, b.Summary, b.Notes, b.Ratings, actor, now)];
    }

    /// <summary>The rating of each objective: the facilitator's, or else the one the score suggests (null: none yet).</summary>
    public static IReadOnlyList<(string ObjectiveId, HseepRating? Suggested, ObjectiveRating? Set)> Ratings(
        DrillReport s, IEnumerable<string> objectiveIds, int? percent) =>
        objectiveIds.Select(id => (id, Suggest(percent), s.Final?.Ratings.FirstOrDefault(r => r.ObjectiveId == id) ?? s.Ratings.GetValueOrDefault(id))).ToList();

    /// <summary>Pure. Finalising freezes the ratings (suggestions taken as they stand) and the versions read; every objective needs a rating.</summary>
    public static IReadOnlyList<IDrillReportEvent> Finalise(
        DrillReport s, IReadOnlyList<string> objectiveIds, int? percent, long runVersion, CheckVersion[] checks, Guid actor, DateTimeOffset now)
    {
        RequireDraft(s);
        var ratings = Ratings(s, objectiveIds, percent);
        var unrated = ratings.Where(r => r.Set is null && r.Suggested is null).Select(r => r.ObjectiveId).ToList();
        if (unrated.Count > 0)
            throw new RuleViolated("objectives_unrated", $"rate every objective before finalising (no score to suggest one): {string.Join(", ", unrated)}");
        return [new DrillReportFinalised(s.RunId, runVersion, checks,
            ratings.Select(r => r.Set ?? new ObjectiveRating(r.ObjectiveId, r.Suggested!.Value, null)).ToArray(), percent, actor, now)];
    }
}

/// <summary>The drill's end generates its report, in the transaction that ends it (the stream is then version 1, a draft).</summary>
internal sealed class DrillReportReaction : IUnitOfWorkReaction
{
    public Task ReactAsync(UnitOfWork work, CancellationToken ct)
    {
        foreach (var change in work.Changes)
        foreach (var ended in change.Events.OfType<DrillEnded>())
        {
            var run = change.Before as DrillRun ?? throw new InvalidOperationException($"drill run {ended.RunId} ended without being read");
            work.Start(DrillReport.StreamIdFor(ended.RunId), [new DrillReportGenerated(ended.RunId, run.Scheduled.ScenarioId, SystemActor.Id, ended.At)]);
        }
        return Task.CompletedTask;
    }
}
