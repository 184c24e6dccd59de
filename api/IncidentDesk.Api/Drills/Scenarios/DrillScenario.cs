using System.Text.Json.Serialization;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Playbooks;

namespace IncidentDesk.Api.Drills.Scenarios;

/// <summary>
/// How a drill is run: a KYT tabletop (situation, predictions, reveal), only a check of the contact chain, or a full
/// tabletop exercise with timed injects worked in a drill incident.
/// </summary>
public enum DrillFormat
{
    [JsonStringEnumMemberName("kyt")] Kyt,
    [JsonStringEnumMemberName("contact-chain")] ContactChain,
    [JsonStringEnumMemberName("tabletop")] Tabletop,
}

/// <summary>How an inject reaches the players: on the shared screen, by mail to participants, a role-play the facilitator reads out, or paper.</summary>
public enum InjectChannel
{
    [JsonStringEnumMemberName("screen")] Screen,
    [JsonStringEnumMemberName("mail")] Mail,
    [JsonStringEnumMemberName("role-play")] RolePlay,
    [JsonStringEnumMemberName("paper")] Paper,
}

/// <summary>Who an inject or an expected action is for, by the team a participant plays.</summary>
public enum DrillTeam
{
    [JsonStringEnumMemberName("all")] All,
    [JsonStringEnumMemberName("executives")] Executives,
    [JsonStringEnumMemberName("responders")] Responders,
    [JsonStringEnumMemberName("staff")] Staff,
}

public enum ExpectedActionKind
{
    [JsonStringEnumMemberName("decision")] Decision,
    [JsonStringEnumMemberName("action")] Action,
    [JsonStringEnumMemberName("communication")] Communication,
    [JsonStringEnumMemberName("regulatory")] Regulatory,
    [JsonStringEnumMemberName("acknowledge")] Acknowledge,
}

/// <summary>
/// The drill incident's events that tick an expected action off by themselves. <see cref="ExpectedSignal.Argument"/>
/// narrows some: a playbook step id (step-completed), a stage (stage-reached), a decision kind (decision-requested,
/// decision-reached).
/// </summary>
public enum SignalKind
{
    [JsonStringEnumMemberName("incident-acknowledged")] IncidentAcknowledged,
    [JsonStringEnumMemberName("severity-rated")] SeverityRated,
    [JsonStringEnumMemberName("owner-assigned")] OwnerAssigned,
    [JsonStringEnumMemberName("step-completed")] StepCompleted,
    [JsonStringEnumMemberName("stage-reached")] StageReached,
    [JsonStringEnumMemberName("note-added")] NoteAdded,
    [JsonStringEnumMemberName("briefing-posted")] BriefingPosted,
    [JsonStringEnumMemberName("decision-requested")] DecisionRequested,
    [JsonStringEnumMemberName("decision-reached")] DecisionReached,
    [JsonStringEnumMemberName("contact-acknowledged")] ContactAcknowledged,
}

/// <summary>An automatic judge: the signal, and its argument where the kind takes one (e.g. step id, "recovery", "ransom-payment").</summary>
public sealed record ExpectedSignal(SignalKind Kind, string? Argument);

/// <summary>
/// What the players are expected to do after an inject: judged by the facilitator (or an evaluator), or
/// automatically when <see cref="Signal"/> is seen in the drill incident within the run. <see cref="TimeLimitMinutes"/>
/// is in scenario minutes from the inject's delivery (the run's time scale shortens it).
/// </summary>
public sealed record ExpectedAction(
    string Id, LocalizedText Text, ExpectedActionKind Kind, DrillTeam Who, int Weight, int? TimeLimitMinutes,
    ExpectedSignal? Signal, SourceRef Source);

/// <summary>Someone outside the run a mail inject would reach in reality (an authority, a customer, the press): never mailed.</summary>
public sealed record OutsideParty(string Name, string Email, string Kind);

/// <summary>
/// One timed inject. <see cref="OffsetMinutes"/> is scenario minutes from the drill's start (the run's time scale
/// divides it). Mail injects go to the participants of <see cref="Audience"/>; <see cref="Outside"/> lists who it would
/// reach in reality, and they are only ever recorded as "would have been sent".
/// </summary>
public sealed record DrillInject(
    string Id, int OffsetMinutes, InjectChannel Channel, DrillTeam Audience, LocalizedText Title, LocalizedText Content,
    LocalizedText? FacilitatorNotes, IReadOnlyList<ExpectedAction> Expected, IReadOnlyList<OutsideParty> Outside, SourceRef Source);

public sealed record DrillModule(string Id, LocalizedText Title, IReadOnlyList<DrillInject> Injects);

public sealed record DrillObjective(string Id, LocalizedText Text);

/// <summary>The KYT reveal: 【発生した事故】, its root causes and, where one applies, the regulatory answer.</summary>
public sealed record DrillReveal(LocalizedText Accident, IReadOnlyList<LocalizedText> RootCauses, LocalizedText? RegulatoryAnswer, SourceRef Source);

/// <summary>
/// A drill scenario file (playbooks/drills/*.yaml), validated at startup like the playbooks and pinned by
/// (id, version, content hash) into each run. <see cref="EmailDown"/> is the R36 variant: e-mail is assumed down,
/// so the contact chain is tried by phone from the facilitator's script.
/// </summary>
public sealed record DrillScenario(
    string Id, int Version, LocalizedText Title, LocalizedText Summary, Category Category, DrillFormat Format,
    int DurationMinutes, int SuggestedTimeScale, IReadOnlyList<LocalizedText> RolesNeeded, IReadOnlyList<DrillObjective> Objectives,
    LocalizedText Situation, IReadOnlyList<DrillModule> Modules, DrillReveal Reveal, IReadOnlyList<LocalizedText> DiscussionQuestions,
    IReadOnlyList<SourceRef> Sources, bool EmailDown, string FileName, string ContentHash)
{
    public IEnumerable<DrillInject> Injects => Modules.SelectMany(m => m.Injects);

    public IEnumerable<(DrillInject Inject, ExpectedAction Action)> ExpectedActions =>
        Injects.SelectMany(i => i.Expected.Select(a => (i, a)));
}
