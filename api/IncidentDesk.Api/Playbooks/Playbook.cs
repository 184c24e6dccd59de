using System.Text.Json.Serialization;

namespace IncidentDesk.Api.Playbooks;

/// <summary>Text in both UI languages; every user-visible playbook string has both.</summary>
public sealed record LocalizedText(string Ja, string En);

/// <summary>Where a step or signal comes from: a seed file and a line range, or marked derived.</summary>
public sealed record SourceRef(string File, int FromLine, int ToLine, bool Derived)
{
    public string Lines => FromLine == ToLine ? $"{FromLine}" : $"{FromLine}-{ToLine}";
}

public enum StepKind { Task, Decision, Notify }

public enum PlaybookRole { Reporter, Responder, Executive, Admin }

/// <summary>
/// The seeds' own grades: 基本/推奨 (003:31-41), SHALL/SHOULD/MAY (001:184-192), 必須 (002:159-171),
/// 規程例 (a model work-rule clause of 001), or plain guidance.
/// </summary>
public enum StepGrade
{
    [JsonStringEnumMemberName("基本")] Basic,
    [JsonStringEnumMemberName("推奨")] Recommended,
    [JsonStringEnumMemberName("必須")] Mandatory,
    [JsonStringEnumMemberName("SHALL")] Shall,
    [JsonStringEnumMemberName("SHOULD")] Should,
    [JsonStringEnumMemberName("MAY")] May,
    [JsonStringEnumMemberName("規程例")] RuleExample,
    [JsonStringEnumMemberName("guidance")] Guidance,
}

/// <summary>Named incident fields a step may ask for as its evidence instead of free text.</summary>
public enum EvidenceField
{
    [JsonStringEnumMemberName("deviceId")] DeviceId,
    [JsonStringEnumMemberName("contact")] Contact,
    [JsonStringEnumMemberName("disconnectedFromNetwork")] DisconnectedFromNetwork,
    [JsonStringEnumMemberName("severity")] Severity,
    [JsonStringEnumMemberName("owner")] Owner,
    [JsonStringEnumMemberName("containmentActions")] ContainmentActions,
    [JsonStringEnumMemberName("notifiedParties")] NotifiedParties,
    [JsonStringEnumMemberName("rootCause")] RootCause,

    /// <summary>The report itself: a reporter step such as "report at once" is done by filing it.</summary>
    [JsonStringEnumMemberName("report")] Report,
}

public sealed record StepEvidence(LocalizedText? Prompt, EvidenceField? Field);

/// <summary>All listed facts must hold for the step to apply; facts are read from the incident's current state.</summary>
public sealed record StepCondition(
    bool? PersonalDataInvolved, bool? DataMayBeLeaking, bool? UsersMayBeHarmed, bool? DisconnectedFromNetwork,
    Severity? MinSeverity)
{
    public bool IsEmpty => PersonalDataInvolved is null && DataMayBeLeaking is null && UsersMayBeHarmed is null &&
                           DisconnectedFromNetwork is null && MinSeverity is null;
}

public sealed record PlaybookStep(
    string Id, Stage Stage, PlaybookRole Role, StepKind Kind, StepGrade Grade, bool Required,
    LocalizedText Title, LocalizedText Guidance, StepEvidence Evidence, StepCondition? Condition,
    LocalizedText? NotifyParty, SourceRef Source)
{
    /// <summary>基本, 必須 and SHALL steps are obligations: only an Executive may waive them.</summary>
    public bool IsObligation => Grade is StepGrade.Basic or StepGrade.Mandatory or StepGrade.Shall;

    /// <summary>The "basic steps only" view (R22): obligations, and required steps whatever their grade.</summary>
    public bool IsBasic => IsObligation || Required;
}

public sealed record PlaybookSignal(LocalizedText Text, SourceRef Source);

public sealed record Playbook(
    string Id, int Version, Category Category, LocalizedText Title, LocalizedText Summary,
    IReadOnlyList<PlaybookSignal> Signals, IReadOnlyList<PlaybookStep> Steps, string ContentHash, string FileName)
{
    public PlaybookStep? Step(string stepId) => Steps.FirstOrDefault(s => s.Id == stepId);
}

/// <summary>The seed documents the playbooks may cite, with their line counts (../shared/seeds).</summary>
public static class Seeds
{
    public static readonly IReadOnlyDictionary<string, int> LineCounts = new Dictionary<string, int>
    {
        ["000_d9135f91c3be05b2.txt"] = 1432,
        ["001_76afb6ee557b983a.txt"] = 2113,
        ["002_a25c085211cc7775.txt"] = 3043,
        ["003_8c09d1b49d27eae0.txt"] = 1135,
        ["004_881559801ac7ed88.txt"] = 272,
    };
}
