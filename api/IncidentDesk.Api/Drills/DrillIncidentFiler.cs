using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Filing;
using IncidentDesk.Api.Playbooks;
using Marten;

namespace IncidentDesk.Api.Drills;

/// <summary>
/// What a drill run files as its incident (issue 11 §2). <see cref="IncidentId"/> is chosen by the caller (the run
/// decides it once and records it) so that a retry files nothing twice. <see cref="At"/> is when the scenario's
/// situation was noticed; the report's own time is the command's. <see cref="ReporterId"/> is the account that
/// reports it in the drill (the facilitator, or a participant playing the reporter).
/// </summary>
public sealed record DrillIncidentFiling(
    Guid RunId, Guid IncidentId, Guid ReporterId, Category Category, string Title, string Description, DateTimeOffset At)
{
    public bool PersonalDataMayBeInvolved { get; init; }

    public bool? DisconnectedFromNetwork { get; init; }

    public string? Contact { get; init; }

    public string? DeviceId { get; init; }

    /// <summary>Picks a department's contact chain, as for a real report (R15).</summary>
    public string? Department { get; init; }
}

/// <summary>
/// The only way a drill incident comes to exist: the public filing endpoint has no field for a drill run and never
/// sets one. It goes through the real filing path (the same <see cref="FileReportHandler.Decide"/>, the playbook pin,
/// the evidence the form holds, one append on the command path), so the real lifecycle, playbook and escalation
/// reactions run on it; those reactions see <see cref="Incident.DrillRunId"/> and queue every message marked and
/// tied to the run, and the dispatcher delivers it only inside the run. Numbered DRL- in its own sequence.
/// </summary>
public sealed class DrillIncidentFiler(
    CommandPath commands, IDocumentStore store, IncidentReferences references, PlaybookLibrary playbooks, TimeProvider clock)
{
    public const int MaxSummary = 4000;

    /// <summary>
    /// Files the drill incident and returns its id. Idempotent by <see cref="DrillIncidentFiling.IncidentId"/>: when it
    /// exists already as this run's incident, nothing is appended and the same id is returned. An id already used by
    /// anything else (a real incident, another run's) is a 409; it is never turned into this run's incident.
    /// </summary>
    public async Task<Guid> FileAsync(DrillIncidentFiling filing, CancellationToken ct)
    {
        var input = Validate(filing);
        string? reference = null;
        for (var attempt = 1; ; attempt++)
        {
            if (await ExistingAsync(filing.IncidentId, ct) is { } existing) return Same(existing, filing);
            // The number is drawn once the id is known to be free, and kept across attempts: a retry takes no second number.
            reference ??= await references.NextDrillAsync(clock.GetUtcNow().Year, ct);
            try
            {
                return await commands.RunAsync(filing.ReporterId, work =>
                {
                    var playbook = playbooks.CurrentFor(input.Category);
                    var pin = playbook is null ? null : new PlaybookPin(playbook.Id, playbook.Version, playbook.ContentHash);
                    var reported = Decide(input, filing, reference, work.Now, pin);
                    // A new stream: committing fails as a conflict if the id exists by then (another node filed it meanwhile).
                    work.Start(filing.IncidentId, [reported, .. FileReportHandler.EvidencedByTheForm(reported, playbook)]);
                    return Task.FromResult(filing.IncidentId);
                }, ct);
            }
            catch (StreamVersionConflict) when (attempt < 3)
            {
                // Filed by a concurrent call meanwhile: the next attempt finds it and answers the same id.
            }
        }
    }

    private async Task<Incident?> ExistingAsync(Guid id, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var events = await query.Events.FetchStreamAsync(id, token: ct);
        // Any stream of that id counts (an incident or not): it is never taken over.
        if (events.Count == 0) return null;
        return events[0].Data is IncidentReported
            ? events.Aggregate((Incident?)null, (st, e) => Incident.Evolve(st, e.Data))
            : throw new RuleViolated("drill_incident_id_taken", $"{id} names a stream that is not an incident; a drill incident is only ever filed new");
    }

    /// <summary>The drill's report, exactly as a real one is decided, then tied to its run. Pure.</summary>
    internal static IncidentReported Decide(ReportInput input, DrillIncidentFiling filing, string reference, DateTimeOffset now, PlaybookPin? pin) =>
        FileReportHandler.Decide(input, filing.IncidentId, reference, filing.ReporterId, now, pin) with { DrillRunId = filing.RunId };

    internal static ReportInput Validate(DrillIncidentFiling f)
    {
        var errors = new FieldErrors();
        if (f.RunId == Guid.Empty) errors.Add("runId", "is required");
        if (f.IncidentId == Guid.Empty) errors.Add("incidentId", "is required");
        if (f.ReporterId == Guid.Empty) errors.Add("reporterId", "is required");
        var title = errors.TextValue("title", f.Title, 200);
        var description = f.Description?.Trim() ?? "";
        var summary = description.Length == 0 ? title : $"{title}\n{description}";
        if (summary.Length > MaxSummary) errors.Add("description", $"with the title must be at most {MaxSummary} characters");
        var input = new ReportInput(f.Category, summary, f.At, errors.OptionalValue("contact", f.Contact, 200),
            errors.OptionalValue("deviceId", f.DeviceId, 100), f.PersonalDataMayBeInvolved, f.DisconnectedFromNetwork,
            errors.OptionalValue("department", f.Department, 100));
        errors.ThrowIfAny();
        return input;
    }

    private static Guid Same(Incident existing, DrillIncidentFiling filing) =>
        existing.DrillRunId == filing.RunId
            ? existing.Id
            : throw new RuleViolated("drill_incident_id_taken",
                $"incident {filing.IncidentId} exists and is not the incident of drill run {filing.RunId}; a drill incident is only ever filed new");
}
