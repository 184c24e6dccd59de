using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using IncidentDesk.Api.Playbooks;
using MediatR;

namespace IncidentDesk.Api.Incidents.WorkingSteps;

public sealed record CompleteStepRequest(string? Evidence);

public sealed record SkipStepRequest(string? Reason);

public sealed record ReopenStepRequest(string? Reason);

public sealed record CompleteStep(Guid IncidentId, string StepId, long ExpectedVersion, CompleteStepRequest Body, Caller Caller)
    : IRequest<IncidentDetail>;

public sealed record SkipStep(Guid IncidentId, string StepId, long ExpectedVersion, SkipStepRequest Body, Caller Caller)
    : IRequest<IncidentDetail>;

public sealed record ReopenStep(Guid IncidentId, string StepId, long ExpectedVersion, ReopenStepRequest Body, Caller Caller)
    : IRequest<IncidentDetail>;

/// <summary>Complete, skip and reopen the steps of the playbook an incident follows (one slice: they share every rule).</summary>
internal sealed class WorkStepHandler(IncidentCommandRunner runner)
    : IRequestHandler<CompleteStep, IncidentDetail>, IRequestHandler<SkipStep, IncidentDetail>, IRequestHandler<ReopenStep, IncidentDetail>
{
    public Task<IncidentDetail> Handle(CompleteStep cmd, CancellationToken ct)
    {
        new FieldErrors().Optional("evidence", cmd.Body.Evidence, 4000).ThrowIfAny();
        return runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller,
            (s, p, now) => DecideComplete(s, p, cmd.StepId, cmd.Body.Evidence, cmd.Caller, now), ct);
    }

    public Task<IncidentDetail> Handle(SkipStep cmd, CancellationToken ct)
    {
        new FieldErrors().Text("reason", cmd.Body.Reason, 2000).ThrowIfAny();
        return runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller,
            (s, p, now) => DecideSkip(s, p, cmd.StepId, cmd.Body.Reason!, cmd.Caller, now), ct);
    }

    public Task<IncidentDetail> Handle(ReopenStep cmd, CancellationToken ct)
    {
        new FieldErrors().Optional("reason", cmd.Body.Reason, 2000).ThrowIfAny();
        return runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller,
            (s, p, now) => DecideReopen(s, p, cmd.StepId, cmd.Body.Reason, cmd.Caller, now), ct);
    }

    internal static IReadOnlyList<IIncidentEvent> DecideComplete(
        Incident s, Playbook? playbook, string stepId, string? evidence, Caller caller, DateTimeOffset now)
    {
        var step = Find(s, playbook, stepId);
        if (s.Steps.GetValueOrDefault(stepId) is { Status: StepStatus.Completed }) return [];
        IncidentRules.RequireOpen(s);
        RequireMayWork(s, step, caller);
        if (!Checklist.Applies(step.Condition, IncidentFacts.Of(s)))
            throw new RuleViolated("step_not_applicable", $"step '{stepId}' does not apply to {s.Reference} as its facts stand now");
        var note = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim();
        if (step.Evidence.Field is { } field)
        {
            var value = FieldValue(s, field)
                ?? throw new RuleViolated("evidence_missing",
                    $"step '{stepId}' is evidenced by the incident's {FieldName(field)}, which is not recorded yet");
            return [new StepCompleted(s.Id, playbook!.Id, stepId, note ?? "", caller.Id, now) { Field = value }];
        }
        var recorded = note ?? throw ValidationFailed.For("evidence", "is required: " + step.Evidence.Prompt!.En);
        return [new StepCompleted(s.Id, playbook!.Id, stepId, recorded, caller.Id, now)];
    }

    /// <summary>
    /// Skipping needs a reason. A required step graded 基本, 必須 or SHALL is an obligation: only an Executive may
    /// skip it, and that skip is recorded as a waiver.
    /// </summary>
    internal static IReadOnlyList<IIncidentEvent> DecideSkip(
        Incident s, Playbook? playbook, string stepId, string reason, Caller caller, DateTimeOffset now)
    {
        var step = Find(s, playbook, stepId);
        if (s.Steps.GetValueOrDefault(stepId) is { Status: StepStatus.Skipped }) return [];
        IncidentRules.RequireOpen(s);
        var obligation = step.Required && step.IsObligation;
        if (obligation && !caller.Is(Roles.Executive))
            throw new Forbidden($"step '{stepId}' is a required {GradeName(step.Grade)} step: only an Executive can waive it");
        if (!obligation) RequireMayWork(s, step, caller);
        return [new StepSkipped(s.Id, playbook!.Id, stepId, reason.Trim(), obligation, caller.Id, now)];
    }

    internal static IReadOnlyList<IIncidentEvent> DecideReopen(
        Incident s, Playbook? playbook, string stepId, string? reason, Caller caller, DateTimeOffset now)
    {
        if (s.Steps.GetValueOrDefault(stepId) is not { } done)
        {
            Find(s, playbook, stepId);
            return [];
        }
        IncidentRules.RequireOpen(s);
        // Reopening a waiver undoes an Executive's decision: that stays with Executives (as the waiver itself did).
        if (done.Waiver)
        {
            if (!caller.Is(Roles.Executive))
                throw new Forbidden($"step '{stepId}' was waived by an Executive; only an Executive can reopen it");
        }
        else if (playbook?.Step(stepId) is { } step) RequireMayWork(s, step, caller);
        else if (!caller.WorksIncidents) throw new Forbidden("only responders and admins reopen steps");
        return [new StepReopened(s.Id, done.PlaybookId, stepId, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), caller.Id, now)];
    }

    private static PlaybookStep Find(Incident s, Playbook? playbook, string stepId) =>
        playbook?.Step(stepId)
        ?? throw new NotFoundError(playbook is null
            ? $"step '{stepId}': {s.Reference} follows no playbook"
            : $"step '{stepId}' in playbook {playbook.Id} v{playbook.Version} of {s.Reference}");

    /// <summary>
    /// Decisions are an Executive's (seeds 000:1416-1430); other steps are worked by responders and admins, and
    /// a reporter may tick the reporter's own steps on their own report ("I pulled the LAN cable").
    /// </summary>
    private static void RequireMayWork(Incident s, PlaybookStep step, Caller caller)
    {
        if (step.Kind == StepKind.Decision)
        {
            if (!caller.Is(Roles.Executive))
                throw new Forbidden($"step '{step.Id}' is a decision only an Executive may take");
        }
        else if (!caller.WorksIncidents && !(step.Role == PlaybookRole.Reporter && s.ReporterId == caller.Id))
        {
            throw new Forbidden($"step '{step.Id}' is worked by responders and admins");
        }
    }

    /// <summary>
    /// The field's value, raw and language-neutral (the viewer's language and time zone apply when it is shown).
    /// </summary>
    private static FieldEvidence? FieldValue(Incident s, EvidenceField field) => field switch
    {
        EvidenceField.DeviceId => Text(field, s.DeviceId),
        EvidenceField.Contact => Text(field, s.Contact),
        EvidenceField.DisconnectedFromNetwork => s.DisconnectedFromNetwork == true ? new FieldEvidence(field) { Flag = true } : null,
        EvidenceField.Severity => s.Severity is { } sev ? new FieldEvidence(field) { Severity = sev } : null,
        EvidenceField.Owner => s.OwnerId is { } owner ? new FieldEvidence(field) { Text = owner.ToString() } : null,
        EvidenceField.ContainmentActions => s.Triage is { ContainmentActions.Length: > 0 } t
            ? new FieldEvidence(field) { Items = [.. t.ContainmentActions] }
            : null,
        EvidenceField.NotifiedParties => s.Recovery is { NotifiedParties.Length: > 0 } r
            ? new FieldEvidence(field) { Parties = [.. r.NotifiedParties] }
            : null,
        EvidenceField.RootCause => Text(field, s.Prevention?.RootCause),
        // Filed through IncidentDesk: the desk (its contact chain) has the report, under this reference.
        EvidenceField.Report => Text(field, s.Reference),
        _ => null,
    };

    private static FieldEvidence? Text(EvidenceField field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new FieldEvidence(field) { Text = value };

    private static string FieldName(EvidenceField field) => JsonNaming(field.ToString());

    private static string JsonNaming(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];

    private static string GradeName(StepGrade grade) => grade switch
    {
        StepGrade.Basic => "基本", StepGrade.Mandatory => "必須", StepGrade.Shall => "SHALL", _ => grade.ToString(),
    };
}
