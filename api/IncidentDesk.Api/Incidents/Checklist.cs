using IncidentDesk.Api.Playbooks;

namespace IncidentDesk.Api.Incidents;

/// <summary>The facts of an incident that step conditions read; always the current ones.</summary>
public sealed record IncidentFacts(
    bool PersonalDataInvolved, bool DataMayBeLeaking, bool UsersMayBeHarmed, bool DisconnectedFromNetwork, Severity? Severity)
{
    /// <summary>Triage's answers win over the reporter's first guess; re-rating updates personal data.</summary>
    public static IncidentFacts Of(Incident s) => new(
        s.Triage?.PersonalDataInvolved ?? s.PersonalDataMayBeInvolved,
        s.Triage?.DataMayBeLeaking ?? false,
        s.Triage?.UsersMayBeHarmed ?? false,
        s.DisconnectedFromNetwork ?? false,
        s.Severity);
}

/// <summary>One line of an incident's checklist: a step, where it stands, and whether it applies now.</summary>
public sealed record ChecklistLine(Playbook Playbook, PlaybookStep Step, StepFacts? Facts, bool Applies, bool FromEarlierPlaybook)
{
    public StepStatus Status => Facts?.Status ?? StepStatus.Open;

    /// <summary>Open, required and applicable: what keeps its stage from being left.</summary>
    public bool Blocks => Applies && Step.Required && Status == StepStatus.Open && !FromEarlierPlaybook;
}

public static class Checklist
{
    public static bool Applies(StepCondition? c, IncidentFacts f) =>
        c is null ||
        ((c.PersonalDataInvolved is null || c.PersonalDataInvolved == f.PersonalDataInvolved) &&
         (c.DataMayBeLeaking is null || c.DataMayBeLeaking == f.DataMayBeLeaking) &&
         (c.UsersMayBeHarmed is null || c.UsersMayBeHarmed == f.UsersMayBeHarmed) &&
         (c.DisconnectedFromNetwork is null || c.DisconnectedFromNetwork == f.DisconnectedFromNetwork) &&
         (c.MinSeverity is null || (f.Severity is { } sev && sev >= c.MinSeverity)));

    /// <summary>
    /// The active playbook's steps in their order, then steps that were completed or skipped under an earlier
    /// playbook (after reclassification) and do not exist in the active one: their history stays visible but
    /// they no longer gate anything.
    /// </summary>
    public static IReadOnlyList<ChecklistLine> Lines(Incident s, Playbook? active, IReadOnlyList<Playbook> earlier)
    {
        var facts = IncidentFacts.Of(s);
        var lines = new List<ChecklistLine>();
        if (active is not null)
            lines.AddRange(active.Steps.Select(step =>
                new ChecklistLine(active, step, s.Steps.GetValueOrDefault(step.Id), Applies(step.Condition, facts), false)));
        var activeIds = active?.Steps.Select(x => x.Id).ToHashSet() ?? [];
        foreach (var done in s.Steps.Values.Where(f => !activeIds.Contains(f.StepId)).OrderBy(f => f.At))
        {
            var from = earlier.LastOrDefault(p => p.Id == done.PlaybookId && p.Step(done.StepId) is not null);
            if (from is not null) lines.Add(new ChecklistLine(from, from.Step(done.StepId)!, done, true, true));
        }
        return lines;
    }

    public static IReadOnlyList<ChecklistLine> Blocking(Incident s, Playbook? active, Stage stage) =>
        Lines(s, active, []).Where(l => l.Step.Stage == stage && l.Blocks).ToList();
}
