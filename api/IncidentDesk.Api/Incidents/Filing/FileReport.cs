using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents.GettingIncident;
using IncidentDesk.Api.Playbooks;
using MediatR;
using Npgsql;

namespace IncidentDesk.Api.Incidents.Filing;

/// <summary>
/// At most three required inputs (R1): category, what happened, when it was noticed. The rest is optional so
/// that staff report in under a minute, on a phone if their PC is off the network.
/// </summary>
public sealed record FileReportRequest(
    Category? Category, string? Summary, DateTimeOffset? NoticedAt, string? Contact, string? DeviceId,
    bool? PersonalDataMayBeInvolved, bool? DisconnectedFromNetwork)
{
    /// <summary>Optional; when a department has its own contact chain, that chain is alerted (R15).</summary>
    public string? Department { get; init; }
}

/// <summary>A report once validated: the three required answers present, optional texts trimmed (blank is none).</summary>
internal sealed record ReportInput(
    Category Category, string Summary, DateTimeOffset NoticedAt, string? Contact, string? DeviceId,
    bool PersonalDataMayBeInvolved, bool? DisconnectedFromNetwork, string? Department);

public sealed record FileReport(FileReportRequest Body, Caller Caller) : IRequest<IncidentDetail>;

internal sealed class FileReportHandler(
    CommandPath commands, IncidentReferences references, IncidentViews views, PlaybookLibrary playbooks, EarlierReports earlier,
    TimeProvider clock)
    : IRequestHandler<FileReport, IncidentDetail>
{
    public async Task<IncidentDetail> Handle(FileReport cmd, CancellationToken ct)
    {
        var input = Validate(cmd.Body, clock.GetUtcNow());
        var reference = await references.NextAsync(clock.GetUtcNow().Year, ct);
        var playbook = playbooks.CurrentFor(input.Category);
        var pin = playbook is null ? null : new PlaybookPin(playbook.Id, playbook.Version, playbook.ContentHash);
        // The first deadlines and the alert to the first contact commit together with the report (the reactions).
        // A possible duplicate is flagged in the same append (an event of its own, by the system), never later in place.
        var (filed, version) = await commands.RunAsync(cmd.Caller.Id, async work =>
        {
            var id = Guid.CreateVersion7(work.Now);
            var reported = Decide(input, id, reference, cmd.Caller.Id, work.Now, pin);
            var recent = await earlier.ForAsync(cmd.Caller.Id, input.Category, work.Now, ct);
            IReadOnlyList<IIncidentEvent> events =
                [reported, .. EvidencedByTheForm(reported, playbook), .. FlagPossibleDuplicate(reported, recent)];
            work.Start(id, events);
            return (events, work.VersionAfter(id));
        }, ct);
        var known = cmd.Caller.Name is { } name ? new Dictionary<Guid, string> { [cmd.Caller.Id] = name } : null;
        return await views.DetailAsync(filed.Aggregate((Incident?)null, (st, e) => Incident.Evolve(st, e))!, version, cmd.Caller, ct, known);
    }

    internal static ReportInput Validate(FileReportRequest body, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var input = new ReportInput(
            errors.Value("category", body.Category),
            errors.TextValue("summary", body.Summary, 4000),
            errors.Value("noticedAt", body.NoticedAt),
            errors.OptionalValue("contact", body.Contact, 200),
            errors.OptionalValue("deviceId", body.DeviceId, 100),
            body.PersonalDataMayBeInvolved ?? false,
            body.DisconnectedFromNetwork,
            errors.OptionalValue("department", body.Department, 100));
        // A few minutes of slack for phones whose clocks run ahead (R29: we store server UTC anyway).
        if (body.NoticedAt is { } noticed && noticed > now.AddMinutes(5))
            errors.Add("noticedAt", "cannot be in the future");
        if (body.NoticedAt is { } old && old < now.AddYears(-10))
            errors.Add("noticedAt", "is more than ten years ago");
        errors.ThrowIfAny();
        return input;
    }

    /// <summary>Filing pins the category's playbook as it is now: later edits of the file never change this incident.</summary>
    internal static IncidentReported Decide(
        ReportInput body, Guid id, string reference, Guid reporter, DateTimeOffset now, PlaybookPin? playbook = null)
    {
        // Disconnection only means something for malware and ransomware (R2; seeds 000:276-282).
        var disconnected = body.Category is Category.C1 or Category.C2 ? body.DisconnectedFromNetwork : null;
        var noticed = body.NoticedAt > now ? now : body.NoticedAt;
        return new IncidentReported(id, reference, body.Category, body.Summary, noticed.ToUniversalTime(),
            body.Contact, body.DeviceId, body.PersonalDataMayBeInvolved, disconnected, reporter, now)
        {
            Playbook = playbook,
            Department = body.Department,
        };
    }

    /// <summary>
    /// The same reporter's report of the same category from the previous hour with nearly the same text, if any
    /// (<see cref="PossibleDuplicates"/>): flagged to responders by the system. Pure.
    /// </summary>
    internal static IReadOnlyList<IIncidentEvent> FlagPossibleDuplicate(IncidentReported reported, IEnumerable<EarlierReport> earlier) =>
        PossibleDuplicates.Find(reported.Summary, reported.At, earlier.Where(e => e.Id != reported.IncidentId)) is var (other, similarity)
            ? [new PossibleDuplicateFlagged(reported.IncidentId, other.Id, other.Reference, similarity, SystemActor.Id, reported.At)]
            : [];

    /// <summary>
    /// The reporter's own detection steps whose evidence the form already holds (e.g. "pulled the LAN cable"
    /// answered yes, R2) are completed by the reporter as part of the report.
    /// </summary>
    internal static IReadOnlyList<IIncidentEvent> EvidencedByTheForm(IncidentReported reported, Playbook? playbook)
    {
        if (playbook is null) return [];
        var incident = Incident.Evolve(null, reported);
        var reporter = new Caller(reported.Actor, new HashSet<string> { Roles.Reporter });
        return playbook.Steps
            .Where(step => step is { Stage: Stage.Detection, Role: PlaybookRole.Reporter, Evidence.Field: not null })
            .SelectMany(step =>
            {
                try
                {
                    return Incidents.WorkingSteps.WorkStepHandler.DecideComplete(incident, playbook, step.Id, null, reporter, reported.At);
                }
                catch (RuleViolated)
                {
                    return []; // the form does not evidence it (e.g. not disconnected yet): it stays open
                }
            })
            .ToList();
    }
}

/// <summary>
/// Human references INC-2026-0001, numbered per year; drill incidents DRL-2026-0001, numbered per year in a sequence
/// of their own (issue 11 §2), so a drill never takes a number from the real series and a gap in INC- never means a
/// drill. A PostgreSQL sequence per year never blocks concurrent filings (a counter row would serialize them); a
/// failed append leaves a gap, which is harmless.
/// </summary>
public sealed class IncidentReferences(NpgsqlDataSource db)
{
    public const string RealPrefix = "INC";
    public const string DrillPrefix = "DRL";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> knownSequences = new();

    public Task<string> NextAsync(int year, CancellationToken ct) => NextAsync(RealPrefix, year, ct);

    public Task<string> NextDrillAsync(int year, CancellationToken ct) => NextAsync(DrillPrefix, year, ct);

    /// <summary>INC-2026-0001, DRL-2026-0042; past 9999 the number simply grows (INC-2026-10000).</summary>
    public static string Format(string prefix, int year, long number) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}-{year}-{number:0000}");

    public static bool IsDrillReference(string reference) => reference.StartsWith(DrillPrefix + "-", StringComparison.Ordinal);

    private async Task<string> NextAsync(string prefix, int year, CancellationToken ct)
    {
        // The real series keeps its original sequence names (incident_reference_2026).
        var sequence = prefix == RealPrefix ? $"incident_reference_{year}" : $"drill_reference_{year}";
        if (!knownSequences.ContainsKey(sequence))
        {
            await using var create = db.CreateCommand($"create sequence if not exists {sequence}");
            try { await create.ExecuteNonQueryAsync(ct); }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
            {
                // Two nodes created it at the same instant; it exists now.
            }
            knownSequences[sequence] = true;
        }
        await using var cmd = db.CreateCommand($"select nextval('{sequence}')");
        var n = (long)(await cmd.ExecuteScalarAsync(ct))!;
        return Format(prefix, year, n);
    }
}
