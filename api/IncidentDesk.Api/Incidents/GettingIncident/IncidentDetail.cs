using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Playbooks;

namespace IncidentDesk.Api.Incidents.GettingIncident;

public sealed record FiveWValue(string? Value, bool Unknown);

public sealed record TriageRecord(
    InfoClass InfoClass, Impact Impact, bool PersonalDataInvolved, bool UsersMayBeHarmed, bool DataMayBeLeaking,
    IReadOnlyList<string> ContainmentActions, Severity Severity, DateTimeOffset TriagedAt, Guid TriagedBy, string? TriagedByName);

public sealed record AnalysisRecord(
    FiveWValue Who, FiveWValue What, FiveWValue When, FiveWValue Where, FiveWValue Why, FiveWValue How,
    string? Damage, string? Scale, string? AffectedAssets, string? Cause, string? Countermeasures,
    Guid RecordedBy, string? RecordedByName, DateTimeOffset RecordedAt);

public sealed record RecoveryRecord(
    string? ActionsTaken, bool NormalOperationVerified, Guid? VerifiedBy, string? VerifiedByName, DateTimeOffset? VerifiedAt,
    IReadOnlyList<NotifiedParty> NotifiedParties, Guid RecordedBy, string? RecordedByName, DateTimeOffset RecordedAt);

public sealed record PreventionRecord(
    string? RootCause, IReadOnlyList<Measure> Measures, bool? PolicyUpdateNeeded,
    Guid RecordedBy, string? RecordedByName, DateTimeOffset RecordedAt);

public sealed record Note(Guid Id, string Text, Guid By, string? ByName, DateTimeOffset At);

public sealed record ExitCriterion(string Code, bool Met);

public sealed record IncidentDetail(
    Guid Id, string Reference, Category Category, string Summary, Stage Stage, Severity? Severity,
    Guid? OwnerId, string? OwnerName, Guid ReporterId, string? ReporterName, DateTimeOffset NoticedAt,
    DateTimeOffset ReportedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset UpdatedAt, long Version,
    string? Contact, string? DeviceId, bool PersonalDataMayBeInvolved, bool? DisconnectedFromNetwork,
    TriageRecord? Triage, AnalysisRecord? Analysis, RecoveryRecord? Recovery, PreventionRecord? Prevention,
    IReadOnlyList<Note> Notes, IReadOnlyList<ExitCriterion> ExitCriteria, Stage? NextStage, IncidentChecklist Checklist)
{
    /// <summary>An earlier report this one may repeat, with when it was flagged; for staff only (null for reporters).</summary>
    public PossibleDuplicateView? PossibleDuplicateOf { get; init; }

    /// <summary>The tabletop drill run that filed it (a DRL- drill incident: every page about it shows the drill banner); null when real.</summary>
    public Guid? DrillRunId { get; init; }
}

public sealed record PossibleDuplicateView(Guid Id, string Reference, double Similarity, DateTimeOffset FlaggedAt);

/// <summary>Turns folded incident state into the API's detail view, resolving account names.</summary>
public sealed class IncidentViews(UserDirectory users, PlaybookLibrary playbooks)
{
    /// <param name="viewer">Who reads it: what only staff see (a possible duplicate) is left out for reporters.</param>
    /// <param name="known">Names the caller already has (e.g. the reporter's own, from the session), saving a query.</param>
    public async Task<IncidentDetail> DetailAsync(Incident s, long version, Caller viewer, CancellationToken ct,
        IReadOnlyDictionary<Guid, string>? known = null)
    {
        var ids = new List<Guid> { s.ReporterId };
        if (s.OwnerId is { } o) ids.Add(o);
        if (s.Recovery?.VerifiedBy is { } v) ids.Add(v);
        if (s.Triage is { } tr) ids.Add(tr.TriagedBy);
        foreach (var stamp in new[] { s.AnalysisStamp, s.RecoveryStamp, s.PreventionStamp })
            if (stamp is not null) ids.Add(stamp.By);
        ids.AddRange(s.Notes.Select(n => n.By));
        ids.AddRange(s.Steps.Values.Select(x => x.By));
        var names = known is not null && ids.All(known.ContainsKey) ? known : await users.NamesAsync(ids, ct);
        var pinned = new List<Playbook>();
        foreach (var pin in s.Playbooks) pinned.Add(await playbooks.PinnedAsync(pin.Id, pin.ContentHash, ct));
        var active = pinned.LastOrDefault();
        var exit = s.ExitCriteria().Select(c => new ExitCriterion(c.Code, c.Met)).ToList();
        if (active is not null && s.Stage != Stage.Closed)
            exit.Add(new ExitCriterion("required_steps_done", Checklist.Blocking(s, active, s.Stage).Count == 0));
        string? Name(Guid? id) => id is { } g && names.TryGetValue(g, out var n) ? n : null;
        static FiveWValue W(Answer a) => new(a.Value, a.Unknown);

        return new IncidentDetail(
            s.Id, s.Reference, s.Category, s.Summary, s.Stage, s.Severity, s.OwnerId, Name(s.OwnerId), s.ReporterId,
            Name(s.ReporterId), s.NoticedAt, s.ReportedAt, s.AcknowledgedAt, s.UpdatedAt, version, s.Contact, s.DeviceId,
            s.PersonalDataMayBeInvolved, s.DisconnectedFromNetwork,
            s.Triage is { } t
                ? new TriageRecord(t.InfoClass, t.Impact, t.PersonalDataInvolved, t.UsersMayBeHarmed, t.DataMayBeLeaking,
                    t.ContainmentActions, t.Severity, t.TriagedAt, t.TriagedBy, Name(t.TriagedBy))
                : null,
            s is { Analysis: { } a, AnalysisStamp: { } sa }
                ? new AnalysisRecord(W(a.FiveW1H.Who), W(a.FiveW1H.What), W(a.FiveW1H.When), W(a.FiveW1H.Where),
                    W(a.FiveW1H.Why), W(a.FiveW1H.How), a.Damage, a.Scale, a.AffectedAssets, a.Cause, a.Countermeasures,
                    sa.By, Name(sa.By), sa.At)
                : null,
            s is { Recovery: { } r, RecoveryStamp: { } sr }
                ? new RecoveryRecord(r.ActionsTaken, r.NormalOperationVerified, r.VerifiedBy, Name(r.VerifiedBy),
                    r.VerifiedAt, r.NotifiedParties, sr.By, Name(sr.By), sr.At)
                : null,
            s is { Prevention: { } p, PreventionStamp: { } sp }
                ? new PreventionRecord(p.RootCause, p.Measures, p.PolicyUpdateNeeded, sp.By, Name(sp.By), sp.At)
                : null,
            s.Notes.Select(n => new Note(n.Id, n.Text, n.By, Name(n.By), n.At)).ToList(),
            exit,
            s.NextStage,
            IncidentChecklist.Build(s, active, pinned.Take(pinned.Count - 1).ToList(), names, playbooks.Sources))
        {
            PossibleDuplicateOf = viewer.SeesAllIncidents && s.PossibleDuplicateOf is { } d
                ? new PossibleDuplicateView(d.IncidentId, d.Reference, d.Similarity, d.FlaggedAt)
                : null,
            DrillRunId = s.DrillRunId,
        };
    }
}
