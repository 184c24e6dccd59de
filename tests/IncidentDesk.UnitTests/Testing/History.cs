using IncidentDesk.Api.Incidents;
using static IncidentDesk.UnitTests.Testing.Fixed;

namespace IncidentDesk.UnitTests.Testing;

/// <summary>
/// Past events for "given" clauses, with defaults that describe one ordinary incident (a C1 malware report
/// triaged business/serious), and the event chains that put an incident in each stage with its exit
/// criteria met. Each chain stamps its events a minute apart, after <see cref="Fixed.ReportedAt"/>.
/// </summary>
public static class History
{
    public static IncidentReported Reported(Category category = Category.C1, bool? disconnected = true, bool personalData = false) =>
        new(IncidentId, Reference, category, "PC shows a ransom note", NoticedAt, "ext. 1234", "PC-0815",
            personalData, disconnected, Reporter, ReportedAt);

    public static IncidentAcknowledged Acknowledged(int at = 1, Guid? by = null) => new(IncidentId, by ?? Responder, T(at));

    public static StageAdvanced MovedOn(Stage from, Stage to, int at) => new(IncidentId, from, to, Responder, T(at));

    public static IncidentTriaged Triaged(
        int at = 3, InfoClass info = InfoClass.Business, Impact impact = Impact.Serious, bool personalData = false,
        bool usersMayBeHarmed = false, bool leaking = false, Severity severity = Severity.Medium, params string[] actions) =>
        new(IncidentId, info, impact, personalData, usersMayBeHarmed, leaking,
            actions.Length == 0 ? ["Pulled the LAN cable"] : actions, severity, Responder, T(at));

    public static IncidentAssigned Assigned(int at = 4, Guid? owner = null, Guid? previous = null) =>
        new(IncidentId, owner ?? Owner, previous, Responder, T(at));

    public static SeverityRerated Rerated(
        int at, InfoClass info, Impact impact, bool personalData, Severity from, Severity to, string reason = "new facts") =>
        new(IncidentId, info, impact, personalData, from, to, reason, Responder, T(at));

    public static Answer Known(string value) => new(value, false);

    public static readonly Answer NotKnown = new(null, true);

    public static readonly Answer Unanswered = new(null, false);

    public static FiveW1H AllAnswered() => new(
        Known("a contractor's laptop"), Known("file server encrypted"), Known("2026-11-20 08:40"),
        Known("Osaka office"), NotKnown, Known("phishing attachment"));

    public static AnalysisRecorded Analysed(
        int at = 6, FiveW1H? fiveW = null, string? damage = "shared drive unreadable", string? scale = "12 PCs",
        string? assets = "FS-01", string? cause = "macro in a mail attachment", string? countermeasures = "reimage and restore") =>
        new(IncidentId, fiveW ?? AllAnswered(), damage, scale, assets, cause, countermeasures, Responder, T(at));

    public static NotifiedParty Notified(string party = "business partners") => new(party, T(7), "phone");

    public static RecoveryRecorded Recovered(int at = 8, bool verified = true, Guid? by = null, params NotifiedParty[] parties) =>
        new(IncidentId, "restored from offline backup", verified, verified ? by ?? Responder : null, verified ? T(at) : null,
            parties.Length == 0 ? [Notified()] : parties, Responder, T(at));

    public static Measure WillDo(string what = "block macros by policy") => new(what, MeasureDecision.WillDo, new DateOnly(2026, 12, 31));

    public static PreventionRecorded Prevented(int at = 10, string? rootCause = "macros enabled", bool? policyUpdate = true, params Measure[] measures) =>
        new(IncidentId, rootCause, measures.Length == 0 ? [WillDo()] : measures, policyUpdate, Responder, T(at));

    public static NoteAdded Noted(int at, string text, Guid? noteId = null, Guid? by = null) =>
        new(IncidentId, noteId ?? Guid.Parse($"01930000-0000-7000-8000-{at:000000000000}"), text, by ?? Responder, T(at));

    // Chains: each puts the incident into a stage; the "ReadyToLeave" ones also meet that stage's exit criteria.

    public static IIncidentEvent[] InDetection() => [Reported()];

    public static IIncidentEvent[] InTriage() => [Reported(), Acknowledged(1), MovedOn(Stage.Detection, Stage.Triage, 1)];

    public static IIncidentEvent[] ReadyToLeaveTriage() => [.. InTriage(), Triaged(3), Assigned(4)];

    public static IIncidentEvent[] InAnalysis() => [.. ReadyToLeaveTriage(), MovedOn(Stage.Triage, Stage.Analysis, 5)];

    public static IIncidentEvent[] ReadyToLeaveAnalysis() => [.. InAnalysis(), Analysed(6)];

    public static IIncidentEvent[] InRecovery() => [.. ReadyToLeaveAnalysis(), MovedOn(Stage.Analysis, Stage.Recovery, 7)];

    public static IIncidentEvent[] ReadyToLeaveRecovery() => [.. InRecovery(), Recovered(8)];

    public static IIncidentEvent[] InPrevention() => [.. ReadyToLeaveRecovery(), MovedOn(Stage.Recovery, Stage.Prevention, 9)];

    public static IIncidentEvent[] ReadyToLeavePrevention() => [.. InPrevention(), Prevented(10)];

    public static IIncidentEvent[] Closed() => [.. ReadyToLeavePrevention(), MovedOn(Stage.Prevention, Stage.Closed, 11)];

    /// <summary>A history that has just entered <paramref name="stage"/> (its exit criteria not yet met).</summary>
    public static IIncidentEvent[] In(Stage stage) => stage switch
    {
        Stage.Detection => InDetection(),
        Stage.Triage => InTriage(),
        Stage.Analysis => InAnalysis(),
        Stage.Recovery => InRecovery(),
        Stage.Prevention => InPrevention(),
        Stage.Closed => Closed(),
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };
}
