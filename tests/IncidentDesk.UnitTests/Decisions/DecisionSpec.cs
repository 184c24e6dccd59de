using IncidentDesk.Api.Common;
using IncidentDesk.Api.Decisions;
using IncidentDesk.Api.Decisions.Requesting;
using IncidentDesk.Api.Incidents;
using static IncidentDesk.UnitTests.Testing.Fixed;

namespace IncidentDesk.UnitTests.Decisions;

/// <summary>Fixed accounts, a ransomware incident and requests of each kind, for the decision tests.</summary>
public static class DecisionSpec
{
    public static readonly Guid DecisionId = Guid.Parse("01930000-0000-7000-8000-0000000000f1");
    public static readonly Guid Ceo = Guid.Parse("01930000-0000-7000-8000-0000000000e1");
    public static readonly Guid Cfo = Guid.Parse("01930000-0000-7000-8000-0000000000e2");
    public static readonly Guid CeoDeputy = Guid.Parse("01930000-0000-7000-8000-0000000000e3");
    public static readonly Guid OtherExecutive = Guid.Parse("01930000-0000-7000-8000-0000000000e4");

    public static readonly DateTimeOffset AskedAt = Now.AddHours(-1);
    public static readonly DateTimeOffset NeededBy = AskedAt.AddHours(10);

    public static Caller Executive(Guid id) => new(id, new HashSet<string> { Roles.Executive });

    public static readonly Caller ResponderCaller = new(Responder, new HashSet<string> { Roles.Responder });

    public static Incident Incident() =>
        new IncidentReported(IncidentId, Reference, Category.C2, "PC shows a ransom note", NoticedAt, "ext. 1234", "PC-0815", true, true, Reporter, ReportedAt)
            .Apply();

    private static Incident Apply(this IncidentReported r) => Api.Incidents.Incident.Evolve(null, r);

    public static IncidentSnapshot Snapshot() => IncidentSnapshots.Of(Incident(), 1);

    public static DecisionOption[] RansomOptions() =>
    [
        new("do_not_pay", "Do not pay", "Recovery from backups takes two days", true),
        new(DecisionKinds.Pay, "Pay", "No guarantee the data comes back", false),
    ];

    public static DecisionRequested Requested(
        DecisionKind kind = DecisionKind.RansomPayment, Quorum quorum = Quorum.Any, OnExpiry onExpiry = OnExpiry.Escalate,
        string? defaultOption = null, bool deputy = true, DecisionOption[]? options = null, string? stepId = null) =>
        new(DecisionId, IncidentId, kind, stepId, "Do we pay the ransom?", options ?? RansomOptions(), "do_not_pay", "Backups are intact",
            "File server encrypted; backups offline and intact", ["whether data left the network"], Snapshot(), NeededBy,
            [new Approver(Ceo, deputy ? CeoDeputy : null), new Approver(Cfo, null)], quorum, onExpiry, defaultOption, Responder, AskedAt);

    public static DecisionRequest State(params IDecisionEvent[] events) =>
        events.Aggregate((DecisionRequest?)null, (s, e) => DecisionRequest.Evolve(s, e))!;

    public static DecisionRequest Open(DecisionKind kind = DecisionKind.RansomPayment, Quorum quorum = Quorum.Any,
        OnExpiry onExpiry = OnExpiry.Escalate, string? defaultOption = null, bool deputy = true) =>
        State(Requested(kind, quorum, onExpiry, defaultOption, deputy));

    /// <summary>The notice stream with the request's first round of timers (reminders at 50 and 80 %, then the deadline).</summary>
    public static (DecisionNotices Notices, Guid Half, Guid Late, Guid Deadline) FirstRound(int round = 0)
    {
        var n = 0;
        var timers = DecisionTimers.Round(DecisionId, IncidentId, round, AskedAt, NeededBy,
            () => Guid.Parse($"01930000-0000-7000-8000-00000000{round:x2}{++n:x2}"), AskedAt);
        var notices = timers.Aggregate((DecisionNotices?)null, (s, e) => DecisionNotices.Evolve(s, e))!;
        return (notices, timers[0].TimerId, timers[1].TimerId, timers[2].TimerId);
    }

    public static RequestDecisionRequest Body(
        DecisionKind? kind = DecisionKind.RansomPayment, DecisionOptionInput?[]? options = null, DateTimeOffset? neededBy = null,
        string? defaultOption = null, OnExpiry? onExpiry = OnExpiry.Escalate, string? question = "Do we pay the ransom?",
        ApproverInput?[]? approvers = null, string?[]? unknowns = null) =>
        new(kind, null, question, options ?? [new("do_not_pay", "Do not pay", "Recover from backups"), new("pay", "Pay", "No guarantee")],
            options?[0]?.Id ?? "do_not_pay", "Backups are intact", "The file server is encrypted", unknowns, neededBy ?? Now.AddHours(4),
            approvers ?? [new ApproverInput(Ceo, CeoDeputy)], Quorum.Any, onExpiry, defaultOption);
}
