using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using IncidentDesk.Api.Playbooks;
using MediatR;

namespace IncidentDesk.Api.Incidents.Advancing;

public sealed record AdvanceStageRequest(Stage? To);

public sealed record AdvanceStage(Guid IncidentId, long ExpectedVersion, AdvanceStageRequest Body, Caller Caller)
    : IRequest<IncidentDetail>;

internal sealed class AdvanceStageHandler(IncidentCommandRunner runner) : IRequestHandler<AdvanceStage, IncidentDetail>
{
    public Task<IncidentDetail> Handle(AdvanceStage cmd, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var to = errors.Value("to", cmd.Body.To);
        errors.ThrowIfAny();
        return runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller, (s, playbook, now) => Decide(s, to, cmd.Caller.Id, now, playbook), ct);
    }

    /// <summary>
    /// Stages run in order, one at a time (R7). Leaving a stage needs all of its exit criteria; the 409 lists
    /// every unmet one so the responder sees the whole gap at once, including every required playbook step
    /// of the stage still open. Asking for the stage the incident is already in changes nothing.
    /// </summary>
    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, Stage to, Guid actor, DateTimeOffset now, Playbook? playbook = null)
    {
        if (s.Stage == to) return [];
        IncidentRules.RequireOpen(s);
        if (to != s.NextStage)
            throw new RuleViolated("stage_order",
                $"{s.Reference} is in {Name(s.Stage)}; the only next stage is {Name(s.NextStage!.Value)}");
        var unmet = s.ExitCriteria().Where(c => !c.Met)
            .Select(c => new Rule(c.Code, $"cannot leave {Name(s.Stage)}: {ExitCriteriaText.Describe(c.Code)}"))
            .ToList();
        if (playbook is not null)
            unmet.AddRange(Checklist.Blocking(s, playbook, s.Stage).Select(l => new Rule("required_step_open",
                $"cannot leave {Name(s.Stage)}: required step '{l.Step.Title.En}' ({l.Step.Id}) is open", l.Step.Id)));
        if (unmet.Count > 0) throw new RuleViolated(unmet);
        return [new StageAdvanced(s.Id, s.Stage, to, actor, now)];
    }

    private static string Name(Stage s) => s.ToString().ToLowerInvariant();
}

public static class ExitCriteriaText
{
    private static readonly Dictionary<string, string> Texts = new()
    {
        ["acknowledged"] = "nobody has acknowledged the report",
        ["severity_rated"] = "severity has not been rated",
        ["owner_assigned"] = "no owner is assigned",
        ["harm_and_leak_assessed"] = "harm to users and possible leakage have not been assessed",
        ["five_w1h_who"] = "5W1H 'who' is neither answered nor marked unknown",
        ["five_w1h_what"] = "5W1H 'what' is neither answered nor marked unknown",
        ["five_w1h_when"] = "5W1H 'when' is neither answered nor marked unknown",
        ["five_w1h_where"] = "5W1H 'where' is neither answered nor marked unknown",
        ["five_w1h_why"] = "5W1H 'why' is neither answered nor marked unknown",
        ["five_w1h_how"] = "5W1H 'how' is neither answered nor marked unknown",
        ["damage_recorded"] = "the damage is not recorded",
        ["scale_recorded"] = "the scale is not recorded",
        ["cause_recorded"] = "the cause is not recorded",
        ["countermeasures_chosen"] = "no countermeasures are chosen",
        ["normal_operation_verified"] = "normal operation has not been verified and signed off",
        ["notifications_recorded"] = "no record of which stakeholders and users were notified",
        ["root_cause_recorded"] = "the root cause is not recorded",
        ["measure_decided"] = "no prevention measure with a decision is recorded",
        ["policy_update_flag_set"] = "whether the security policy needs an update is not decided",
        ["required_steps_done"] = "required playbook steps of this stage are still open",
    };

    public static string Describe(string code) => Texts.GetValueOrDefault(code, code);
}
