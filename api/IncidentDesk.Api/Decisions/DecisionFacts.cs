using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.WorkingSteps;
using IncidentDesk.Api.Playbooks;

namespace IncidentDesk.Api.Decisions;

public static class IncidentSnapshots
{
    private static readonly string[] Questions = ["who", "what", "when", "where", "why", "how"];

    /// <summary>The incident's facts as they stand at <paramref name="version"/>, and what is still unknown.</summary>
    public static IncidentSnapshot Of(Incident s, long version)
    {
        var unknown = new List<string>();
        if (s.Severity is null) unknown.Add("severity");
        var w = s.Analysis?.FiveW1H;
        Answer?[] answers = [w?.Who, w?.What, w?.When, w?.Where, w?.Why, w?.How];
        for (var i = 0; i < answers.Length; i++)
            if (answers[i] is not { Unknown: false, Value: { Length: > 0 } }) unknown.Add("five_w1h." + Questions[i]);
        var scope = string.Join("; ", new[] { s.Analysis?.Scale, s.Analysis?.AffectedAssets, s.Analysis?.Damage }
            .Where(x => !string.IsNullOrWhiteSpace(x)));
        if (scope.Length == 0) unknown.Add("scope");
        return new IncidentSnapshot(s.Reference, s.Summary, s.Category, s.Severity, s.Stage, w, scope.Length == 0 ? null : scope,
            s.Triage is { } t ? [.. t.ContainmentActions] : [], [.. unknown], s.OwnerId, version);
    }
}

public static class DecisionTimers
{
    /// <summary>Reminders at about half and at 80 % of the time from <paramref name="from"/> to the deadline, and the deadline.</summary>
    public static IReadOnlyList<DecisionDeadlineSet> Round(
        Guid decisionId, Guid incidentId, int round, DateTimeOffset from, DateTimeOffset neededBy, Func<Guid> newId, DateTimeOffset now)
    {
        var span = neededBy - from;
        return
        [
            new(decisionId, incidentId, newId(), DecisionTimerKind.Reminder, round, 50, from + span * 0.5, SystemActor.Id, now),
            new(decisionId, incidentId, newId(), DecisionTimerKind.Reminder, round, 80, from + span * 0.8, SystemActor.Id, now),
            new(decisionId, incidentId, newId(), DecisionTimerKind.Expiry, round, 100, neededBy, SystemActor.Id, now),
        ];
    }
}

/// <summary>
/// A decision taken on a request that names a playbook step completes that step, through the step's own rule and
/// event (<see cref="WorkStepHandler.DecideComplete"/>), with the decision as its evidence. A step already done, no
/// longer applicable, or on a closed incident is left as it is: the decision stands on its own record.
/// </summary>
public static class DecisionSteps
{
    public static IReadOnlyList<IIncidentEvent> Complete(
        Incident incident, Playbook? playbook, DecisionRequest decided, Caller decider, DateTimeOffset now)
    {
        if (decided.Request.StepId is not { } stepId || decided.Outcome is not { } outcome || playbook?.Step(stepId) is not { } step)
            return [];
        if (incident.Stage == Stage.Closed || incident.Steps.ContainsKey(stepId) ||
            !Checklist.Applies(step.Condition, IncidentFacts.Of(incident)))
            return [];
        return WorkStepHandler.DecideComplete(incident, playbook, stepId, Evidence(decided, outcome), decider, now);
    }

    /// <summary>The option chosen, its conditions and the rationale, and which request it was (at most 4000 characters).</summary>
    public static string Evidence(DecisionRequest s, DecisionOutcome o)
    {
        var label = s.Option(o.OptionId)?.Label ?? o.OptionId;
        var text = $"{label}{(o.Conditions is { } c ? $" ({c})" : "")}: {o.Rationale} [decision {s.Id}]";
        return text.Length <= 4000 ? text : text[..3997] + "...";
    }
}
