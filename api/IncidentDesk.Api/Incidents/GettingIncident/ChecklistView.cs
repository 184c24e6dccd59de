using IncidentDesk.Api.Playbooks;

namespace IncidentDesk.Api.Incidents.GettingIncident;

public sealed record PlaybookRef(string Id, int Version, string ContentHash, Category Category, LocalizedText Title);

public sealed record ChecklistStep(
    string PlaybookId, string StepId, Stage Stage, PlaybookRole Role, StepKind Kind, StepGrade Grade, bool Required,
    bool Obligation, bool Basic, bool Applies, bool FromEarlierPlaybook, LocalizedText Title, LocalizedText Guidance,
    LocalizedText? EvidencePrompt, EvidenceField? EvidenceField, LocalizedText? Party, SourceView Source,
    StepStatus Status, string? Evidence, string? Reason, bool Waiver, Guid? By, string? ByName, DateTimeOffset? At)
{
    /// <summary>
    /// The field that evidenced a completed step and its raw value (shown in the viewer's language and time zone);
    /// <see cref="Evidence"/> is then only the note typed with it.
    /// </summary>
    public FieldEvidence? FieldEvidence { get; init; }
}

public sealed record StageProgress(Stage Stage, int Done, int Total, int RequiredOpen);

/// <summary>The incident's playbook checklist: steps in order, where each stands, progress per stage.</summary>
public sealed record IncidentChecklist(
    PlaybookRef? Playbook, IReadOnlyList<PlaybookRef> EarlierPlaybooks, IReadOnlyList<ChecklistStep> Steps,
    IReadOnlyList<StageProgress> Progress)
{
    internal static PlaybookRef Ref(Playbook p) => new(p.Id, p.Version, p.ContentHash, p.Category, p.Title);

    internal static IncidentChecklist Build(Incident s, Playbook? active, IReadOnlyList<Playbook> earlier,
        IReadOnlyDictionary<Guid, string> names, SourceCatalog sources)
    {
        var lines = Checklist.Lines(s, active, earlier);
        var steps = lines.Select(l => new ChecklistStep(
            l.Playbook.Id, l.Step.Id, l.Step.Stage, l.Step.Role, l.Step.Kind, l.Step.Grade, l.Step.Required,
            l.Step.IsObligation, l.Step.IsBasic, l.Applies, l.FromEarlierPlaybook, l.Step.Title, l.Step.Guidance,
            l.Step.Evidence.Prompt, l.Step.Evidence.Field, l.Step.NotifyParty,
            sources.View(l.Step.Source),
            l.Status, l.Facts?.Evidence, l.Facts?.Reason, l.Facts?.Waiver ?? false, l.Facts?.By,
            l.Facts is { } f ? names.GetValueOrDefault(f.By) : null, l.Facts?.At)
        {
            FieldEvidence = l.Facts?.Field,
        }).ToList();
        var progress = new[] { Stage.Detection, Stage.Triage, Stage.Analysis, Stage.Recovery, Stage.Prevention }
            .Select(stage =>
            {
                var inStage = lines.Where(l => l.Step.Stage == stage && l.Applies && !l.FromEarlierPlaybook).ToList();
                return new StageProgress(stage, inStage.Count(l => l.Status != StepStatus.Open), inStage.Count,
                    inStage.Count(l => l.Blocks));
            }).ToList();
        return new IncidentChecklist(active is null ? null : Ref(active),
            earlier.Where(p => p.ContentHash != active?.ContentHash).Select(Ref).ToList(), steps, progress);
    }
}
