using System.Collections.Immutable;

namespace IncidentDesk.Api.Incidents;

public sealed record TriageFacts(
    InfoClass InfoClass, Impact Impact, bool PersonalDataInvolved, bool UsersMayBeHarmed, bool DataMayBeLeaking,
    ImmutableArray<string> ContainmentActions, Severity Severity, DateTimeOffset TriagedAt, Guid TriagedBy);

public sealed record AnalysisFacts(
    FiveW1H FiveW1H, string? Damage, string? Scale, string? AffectedAssets, string? Cause, string? Countermeasures);

public sealed record RecoveryFacts(
    string? ActionsTaken, bool NormalOperationVerified, Guid? VerifiedBy, DateTimeOffset? VerifiedAt,
    ImmutableArray<NotifiedParty> NotifiedParties);

public sealed record PreventionFacts(string? RootCause, ImmutableArray<Measure> Measures, bool? PolicyUpdateNeeded);

/// <summary>Who last saved a stage's form and when: the record stays on screen after the stage is left.</summary>
public sealed record RecordStamp(Guid By, DateTimeOffset At);

/// <summary>An earlier report this one may repeat (staff only).</summary>
public sealed record PossibleDuplicate(Guid IncidentId, string Reference, double Similarity, DateTimeOffset FlaggedAt);

public sealed record NoteFacts(Guid Id, string Text, Guid By, DateTimeOffset At);

public enum StepStatus { Open, Completed, Skipped }

/// <summary>
/// Where a playbook step stands. Keyed by step id alone: a step id means the same step in every playbook,
/// which is how reclassification keeps what was already done.
/// </summary>
public sealed record StepFacts(
    string PlaybookId, string StepId, StepStatus Status, string? Evidence, string? Reason, bool Waiver, Guid By, DateTimeOffset At)
{
    /// <summary>The incident field that evidenced a completed step, with its value then (null for free-text evidence).</summary>
    public FieldEvidence? Field { get; init; }
}

/// <summary>An incident's state, folded from its events. Only <see cref="Evolve"/> changes it.</summary>
public sealed record Incident(
    Guid Id, string Reference, Category Category, string Summary, DateTimeOffset NoticedAt, DateTimeOffset ReportedAt,
    Guid ReporterId, string? Contact, string? DeviceId, bool PersonalDataMayBeInvolved, bool? DisconnectedFromNetwork,
    Stage Stage, DateTimeOffset? AcknowledgedAt, Guid? AcknowledgedBy, Severity? Severity, Guid? OwnerId,
    TriageFacts? Triage, AnalysisFacts? Analysis, RecoveryFacts? Recovery, PreventionFacts? Prevention,
    ImmutableList<NoteFacts> Notes, DateTimeOffset UpdatedAt)
{
    /// <summary>Every playbook pinned, oldest first; the last is the one the incident follows now.</summary>
    public ImmutableList<PlaybookPin> Playbooks { get; init; } = [];

    public ImmutableDictionary<string, StepFacts> Steps { get; init; } = ImmutableDictionary<string, StepFacts>.Empty;

    public PlaybookPin? ActivePlaybook => Playbooks.IsEmpty ? null : Playbooks[^1];

    public RecordStamp? AnalysisStamp { get; init; }

    public RecordStamp? RecoveryStamp { get; init; }

    public RecordStamp? PreventionStamp { get; init; }

    /// <summary>The reporter's department, when given; picks a department's contact chain.</summary>
    public string? Department { get; init; }

    /// <summary>Set when filing found a nearly identical earlier report (shown to staff only).</summary>
    public PossibleDuplicate? PossibleDuplicateOf { get; init; }

    /// <summary>
    /// The drill run that filed this incident (issue 11 §2); null for a real incident. Set at creation only: a real
    /// incident never becomes a drill, nor a drill a real one.
    /// </summary>
    public Guid? DrillRunId { get; init; }

    public bool IsDrill => DrillRunId is not null;

    /// <summary>How many executive briefings were posted, and when the last one was.</summary>
    public int BriefingCount { get; init; }

    public DateTimeOffset? LastBriefingAt { get; init; }

    public static Incident Evolve(Incident? state, object @event) => (state, @event) switch
    {
        (null, IncidentReported e) => new Incident(
            e.IncidentId, e.Reference, e.Category, e.Summary, e.NoticedAt, e.At, e.Actor, e.Contact, e.DeviceId,
            e.PersonalDataMayBeInvolved, e.DisconnectedFromNetwork, Stage.Detection, null, null, null, null,
            null, null, null, null, [], e.At)
        {
            Playbooks = e.Playbook is { } pin ? [pin] : [],
            Department = e.Department,
            DrillRunId = e.DrillRunId,
        },
        (null, _) => throw new InvalidOperationException("an incident stream must start with incident_reported"),
        ({ } s, IncidentAcknowledged e) => s with { AcknowledgedAt = e.At, AcknowledgedBy = e.Actor, UpdatedAt = e.At },
        ({ } s, IncidentTriaged e) => s with
        {
            Severity = e.Severity,
            Triage = new TriageFacts(e.InfoClass, e.Impact, e.PersonalDataInvolved, e.UsersMayBeHarmed,
                e.DataMayBeLeaking, [.. e.ContainmentActions], e.Severity, e.At, e.Actor),
            UpdatedAt = e.At,
        },
        ({ } s, SeverityRerated e) => s with
        {
            Severity = e.To,
            Triage = s.Triage! with
            {
                InfoClass = e.InfoClass, Impact = e.Impact, PersonalDataInvolved = e.PersonalDataInvolved, Severity = e.To,
            },
            UpdatedAt = e.At,
        },
        ({ } s, AnalysisRecorded e) => s with
        {
            Analysis = new AnalysisFacts(e.FiveW1H, e.Damage, e.Scale, e.AffectedAssets, e.Cause, e.Countermeasures),
            AnalysisStamp = new RecordStamp(e.Actor, e.At),
            UpdatedAt = e.At,
        },
        ({ } s, RecoveryRecorded e) => s with
        {
            Recovery = new RecoveryFacts(e.ActionsTaken, e.NormalOperationVerified, e.VerifiedBy, e.VerifiedAt,
                [.. e.NotifiedParties]),
            RecoveryStamp = new RecordStamp(e.Actor, e.At),
            UpdatedAt = e.At,
        },
        ({ } s, PreventionRecorded e) => s with
        {
            Prevention = new PreventionFacts(e.RootCause, [.. e.Measures], e.PolicyUpdateNeeded),
            PreventionStamp = new RecordStamp(e.Actor, e.At),
            UpdatedAt = e.At,
        },
        ({ } s, StageAdvanced e) => s with { Stage = e.To, UpdatedAt = e.At },
        ({ } s, NoteAdded e) => s with { Notes = s.Notes.Add(new NoteFacts(e.NoteId, e.Text, e.Actor, e.At)), UpdatedAt = e.At },
        ({ } s, IncidentReclassified e) => s with
        {
            Category = e.To, Playbooks = e.Playbook is { } pin ? s.Playbooks.Add(pin) : s.Playbooks, UpdatedAt = e.At,
        },
        ({ } s, StepCompleted e) => s with
        {
            Steps = s.Steps.SetItem(e.StepId, new StepFacts(e.PlaybookId, e.StepId, StepStatus.Completed, e.Evidence, null, false, e.Actor, e.At) { Field = e.Field }),
            UpdatedAt = e.At,
        },
        ({ } s, StepSkipped e) => s with
        {
            Steps = s.Steps.SetItem(e.StepId, new StepFacts(e.PlaybookId, e.StepId, StepStatus.Skipped, null, e.Reason, e.Waiver, e.Actor, e.At)),
            UpdatedAt = e.At,
        },
        ({ } s, StepReopened e) => s with { Steps = s.Steps.Remove(e.StepId), UpdatedAt = e.At },
        ({ } s, IncidentAssigned e) => s with { OwnerId = e.OwnerId, UpdatedAt = e.At },
        // A flag is no change to the incident's facts: UpdatedAt stays.
        ({ } s, PossibleDuplicateFlagged e) => s with
        {
            PossibleDuplicateOf = new PossibleDuplicate(e.OtherIncidentId, e.OtherReference, e.Similarity, e.At),
        },
        // Told to the executives, not a change to the incident's facts: UpdatedAt stays (reporters see no change).
        ({ } s, BriefingPosted e) => s with { BriefingCount = s.BriefingCount + 1, LastBriefingAt = e.At },
        _ => throw new InvalidOperationException($"incident cannot fold {@event.GetType().Name}"),
    };

    public Stage? NextStage => Stage == Stage.Closed ? null : Stage + 1;

    /// <summary>The exit criteria of the current stage and whether each is met (seeds digest §2, R7–R13).</summary>
    public IReadOnlyList<(string Code, bool Met)> ExitCriteria() => Stage switch
    {
        Stage.Detection => [("acknowledged", AcknowledgedAt is not null)],
        Stage.Triage =>
        [
            ("acknowledged", AcknowledgedAt is not null),
            ("severity_rated", Severity is not null),
            ("owner_assigned", OwnerId is not null),
            ("harm_and_leak_assessed", Triage is not null),
        ],
        Stage.Analysis =>
        [
            ("five_w1h_who", Analysis?.FiveW1H.Who.IsSettled == true),
            ("five_w1h_what", Analysis?.FiveW1H.What.IsSettled == true),
            ("five_w1h_when", Analysis?.FiveW1H.When.IsSettled == true),
            ("five_w1h_where", Analysis?.FiveW1H.Where.IsSettled == true),
            ("five_w1h_why", Analysis?.FiveW1H.Why.IsSettled == true),
            ("five_w1h_how", Analysis?.FiveW1H.How.IsSettled == true),
            ("damage_recorded", Filled(Analysis?.Damage)),
            ("scale_recorded", Filled(Analysis?.Scale)),
            ("cause_recorded", Filled(Analysis?.Cause)),
            ("countermeasures_chosen", Filled(Analysis?.Countermeasures)),
        ],
        Stage.Recovery =>
        [
            ("normal_operation_verified", Recovery is { NormalOperationVerified: true, VerifiedBy: not null }),
            ("notifications_recorded", Recovery is { NotifiedParties.Length: > 0 }),
        ],
        Stage.Prevention =>
        [
            ("root_cause_recorded", Filled(Prevention?.RootCause)),
            ("measure_decided", Prevention is { Measures.Length: > 0 }),
            ("policy_update_flag_set", Prevention?.PolicyUpdateNeeded is not null),
        ],
        _ => [],
    };

    private static bool Filled(string? s) => !string.IsNullOrWhiteSpace(s);
}
