using System.Text.Json.Serialization;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Playbooks;

namespace IncidentDesk.Api.Incidents;

/// <summary>Facts about one incident. Each names the account that caused it and when (UTC).</summary>
public interface IIncidentEvent : IDomainEvent
{
    Guid IncidentId { get; }
}

/// <summary>The exact playbook content an incident follows: id, version and SHA-256 of the file.</summary>
public sealed record PlaybookPin(string Id, int Version, string ContentHash);

/// <summary>
/// Filed by staff; <see cref="At"/> is the reported-at time (R6). <see cref="Playbook"/> pins the category's
/// playbook at that moment (absent when the category has none, e.g. "unknown"). <see cref="DrillRunId"/> is set
/// only when a tabletop drill run filed it (<c>Drills.DrillIncidentFiler</c>, issue 11 §2): such an incident is a
/// drill from creation, numbered DRL-, and nothing ever converts it (no event changes the field).
/// </summary>
public sealed record IncidentReported(
    Guid IncidentId, string Reference, Category Category, string Summary, DateTimeOffset NoticedAt,
    string? Contact, string? DeviceId, bool PersonalDataMayBeInvolved, bool? DisconnectedFromNetwork,
    Guid Actor, DateTimeOffset At) : IIncidentEvent
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PlaybookPin? Playbook { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Department { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? DrillRunId { get; init; }
}

public sealed record IncidentAcknowledged(Guid IncidentId, Guid Actor, DateTimeOffset At) : IIncidentEvent
{
    /// <summary>Set when the acknowledgement came through a one-click link in a message (no sign-in).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AckViaLink? ViaLink { get; init; }
}

/// <summary>Which message's link was used, and whom it was sent to.</summary>
public sealed record AckViaLink(Guid NotificationId, string RecipientName, string Address);

public sealed record IncidentTriaged(
    Guid IncidentId, InfoClass InfoClass, Impact Impact, bool PersonalDataInvolved, bool UsersMayBeHarmed,
    bool DataMayBeLeaking, string[] ContainmentActions, Severity Severity, Guid Actor, DateTimeOffset At) : IIncidentEvent;

public sealed record SeverityRerated(
    Guid IncidentId, InfoClass InfoClass, Impact Impact, bool PersonalDataInvolved, Severity From, Severity To,
    string Reason, Guid Actor, DateTimeOffset At) : IIncidentEvent;

public sealed record FiveW1H(Answer Who, Answer What, Answer When, Answer Where, Answer Why, Answer How);

/// <summary>A 5W1H answer: a value, or explicitly marked unknown (R8).</summary>
public sealed record Answer(string? Value, bool Unknown)
{
    [JsonIgnore]
    public bool IsSettled => Unknown || !string.IsNullOrWhiteSpace(Value);
}

public sealed record AnalysisRecorded(
    Guid IncidentId, FiveW1H FiveW1H, string? Damage, string? Scale, string? AffectedAssets, string? Cause,
    string? Countermeasures, Guid Actor, DateTimeOffset At) : IIncidentEvent;

public sealed record NotifiedParty(string Party, DateTimeOffset NotifiedAt, string? How);

public sealed record RecoveryRecorded(
    Guid IncidentId, string? ActionsTaken, bool NormalOperationVerified, Guid? VerifiedBy, DateTimeOffset? VerifiedAt,
    NotifiedParty[] NotifiedParties, Guid Actor, DateTimeOffset At) : IIncidentEvent;

public sealed record Measure(string Description, MeasureDecision Decision, DateOnly? Deadline);

public sealed record PreventionRecorded(
    Guid IncidentId, string? RootCause, Measure[] Measures, bool? PolicyUpdateNeeded, Guid Actor, DateTimeOffset At)
    : IIncidentEvent;

public sealed record StageAdvanced(Guid IncidentId, Stage From, Stage To, Guid Actor, DateTimeOffset At) : IIncidentEvent;

public sealed record NoteAdded(Guid IncidentId, Guid NoteId, string Text, Guid Actor, DateTimeOffset At) : IIncidentEvent;

/// <summary>A new category; <see cref="Playbook"/> pins the new category's playbook, whose steps are added.</summary>
public sealed record IncidentReclassified(
    Guid IncidentId, Category From, Category To, string Reason, Guid Actor, DateTimeOffset At) : IIncidentEvent
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PlaybookPin? Playbook { get; init; }
}

/// <summary>
/// A playbook step done, with the evidence it asked for. Free-text evidence is <see cref="Evidence"/>; a step
/// evidenced by an incident field records which field and its raw value in <see cref="Field"/> (language-neutral:
/// each viewer reads it in their own language and time zone), and <see cref="Evidence"/> holds only the note typed
/// with it (empty when none). Events stored before <see cref="Field"/> existed are upcast when read
/// (<see cref="StepCompletedJson"/>).
/// </summary>
[JsonConverter(typeof(StepCompletedJson))]
public sealed record StepCompleted(
    Guid IncidentId, string PlaybookId, string StepId, string Evidence, Guid Actor, DateTimeOffset At) : IIncidentEvent
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldEvidence? Field { get; init; }
}

/// <summary>
/// The incident field that evidenced a step and its value at that moment, raw: text (device id, contact, root cause,
/// the report's reference, the owner's account id), a list (containment actions), the notified parties with their
/// UTC times, a flag (disconnected from the network) or a severity.
/// </summary>
public sealed record FieldEvidence(EvidenceField Name)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string[]? Items { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NotifiedParty[]? Parties { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Flag { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Severity? Severity { get; init; }
}

/// <summary>
/// Reads and writes <see cref="StepCompleted"/> as its plain shape, upcasting on read: before field evidence was
/// structured, the LAN-cable step stored both languages as its text (「ネットワークから切断済み / disconnected from the
/// network」, a note after it in parentheses). Such an event reads as field evidence with the note alone; the stored
/// JSON is never rewritten.
/// </summary>
public sealed class StepCompletedJson : JsonConverter<StepCompleted>
{
    internal const string LegacyDisconnected = "ネットワークから切断済み / disconnected from the network";

    private sealed record Stored(
        Guid IncidentId, string PlaybookId, string StepId, string Evidence, Guid Actor, DateTimeOffset At)
    {
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public FieldEvidence? Field { get; init; }
    }

    public override StepCompleted Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
    {
        var s = System.Text.Json.JsonSerializer.Deserialize<Stored>(ref reader, options)
                ?? throw new System.Text.Json.JsonException("step_completed is null");
        var (evidence, field) = s.Field is null ? Upcast(s.Evidence ?? "") : (s.Evidence ?? "", s.Field);
        return new StepCompleted(s.IncidentId, s.PlaybookId, s.StepId, evidence, s.Actor, s.At) { Field = field };
    }

    public override void Write(System.Text.Json.Utf8JsonWriter writer, StepCompleted value, System.Text.Json.JsonSerializerOptions options) =>
        System.Text.Json.JsonSerializer.Serialize(writer,
            new Stored(value.IncidentId, value.PlaybookId, value.StepId, value.Evidence, value.Actor, value.At) { Field = value.Field },
            options);

    internal static (string Evidence, FieldEvidence? Field) Upcast(string evidence)
    {
        if (!evidence.StartsWith(LegacyDisconnected, StringComparison.Ordinal)) return (evidence, null);
        var rest = evidence[LegacyDisconnected.Length..].Trim();
        if (rest.Length > 0 && !(rest.StartsWith('(') && rest.EndsWith(')'))) return (evidence, null);
        var note = rest.Length > 0 ? rest[1..^1].Trim() : "";
        return (note, new FieldEvidence(EvidenceField.DisconnectedFromNetwork) { Flag = true });
    }
}

/// <summary>A step not done, with the reason. <see cref="Waiver"/>: an obligation waived by an Executive.</summary>
public sealed record StepSkipped(
    Guid IncidentId, string PlaybookId, string StepId, string Reason, bool Waiver, Guid Actor, DateTimeOffset At) : IIncidentEvent;

public sealed record StepReopened(
    Guid IncidentId, string PlaybookId, string StepId, string? Reason, Guid Actor, DateTimeOffset At) : IIncidentEvent;

public sealed record IncidentAssigned(
    Guid IncidentId, Guid OwnerId, Guid? PreviousOwnerId, Guid Actor, DateTimeOffset At) : IIncidentEvent;

/// <summary>Events about an incident that only staff see (the reporter's timeline and views leave them out).</summary>
public interface IStaffOnlyEvent : IIncidentEvent;

/// <summary>
/// Filing found an earlier report by the same reporter, of the same category, within the previous hour, with nearly
/// the same text (<see cref="Filing.PossibleDuplicates"/>): responders are told; nothing is merged. Decided by the
/// system (<see cref="Actor"/> is <c>SystemActor.Id</c>) when the report is filed, in the same append.
/// </summary>
public sealed record PossibleDuplicateFlagged(
    Guid IncidentId, Guid OtherIncidentId, string OtherReference, double Similarity, Guid Actor, DateTimeOffset At) : IStaffOnlyEvent;

/// <summary>
/// A status briefing for the executives (R17, seeds 000:1398-1404): what happened, the impact so far, what is being
/// done, what is still unknown and the next decision needed, as posted. <see cref="Number"/> counts the incident's
/// briefings (第1報, 第2報 …); <see cref="Severity"/> is the incident's when it was posted. Staff only: the reporter's
/// views and timeline leave it out.
/// </summary>
public sealed record BriefingPosted(
    Guid IncidentId, Guid BriefingId, int Number, Severity Severity, string WhatHappened, string Impact, string Response,
    string Unknowns, string NextDecision, Guid Actor, DateTimeOffset At) : IStaffOnlyEvent;

public static class IncidentEventTypes
{
    public const string StreamType = "incident";

    public static EventTypeMap RegisterIncidentEvents(this EventTypeMap map) => map
        .Register<IncidentReported>("incident_reported")
        .Register<IncidentAcknowledged>("incident_acknowledged")
        .Register<IncidentTriaged>("incident_triaged")
        .Register<SeverityRerated>("severity_rerated")
        .Register<AnalysisRecorded>("analysis_recorded")
        .Register<RecoveryRecorded>("recovery_recorded")
        .Register<PreventionRecorded>("prevention_recorded")
        .Register<StageAdvanced>("stage_advanced")
        .Register<NoteAdded>("note_added")
        .Register<IncidentReclassified>("incident_reclassified")
        .Register<IncidentAssigned>("incident_assigned")
        .Register<StepCompleted>("step_completed")
        .Register<StepSkipped>("step_skipped")
        .Register<StepReopened>("step_reopened")
        .Register<PossibleDuplicateFlagged>("possible_duplicate_flagged")
        .Register<BriefingPosted>("briefing_posted");
}
