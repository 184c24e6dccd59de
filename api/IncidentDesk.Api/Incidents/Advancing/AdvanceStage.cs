using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using IncidentDesk.Api.Playbooks;
using MediatR;

namespace IncidentDesk.Api.Incidents.Advancing;

public sealed record AdvanceStageRequest(Stage? To);

public sealed record AdvanceStage(Guid IncidentId, long ExpectedVersion, AdvanceStageRequest Body, Caller Caller)
    : IRequest<IncidentDetail>;

/// <summary>
/// What holds an open step of an incident besides its own record, by step id (a pending decision request that will
/// complete it), so that the stage gate's 409 can name it. Another module answers; the incident knows nothing of it.
/// </summary>
public interface IStepHolds
{
    Task<IReadOnlyDictionary<string, string>> ForAsync(Guid incidentId, CancellationToken ct);
}

internal sealed class AdvanceStageHandler(IncidentCommandRunner runner, IEnumerable<IStepHolds> holds) : IRequestHandler<AdvanceStage, IncidentDetail>
{
    public async Task<IncidentDetail> Handle(AdvanceStage cmd, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var to = errors.Value("to", cmd.Body.To);
        errors.ThrowIfAny();
        var held = new Dictionary<string, string>();
        foreach (var h in holds)
        foreach (var (step, why) in await h.ForAsync(cmd.IncidentId, ct))
            held[step] = why;
        return await runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller, (s, playbook, now) => Decide(s, to, cmd.Caller.Id, now, playbook, held), ct);
    }

    /// <summary>
    /// Stages run in order, one at a time (R7). Leaving a stage needs all of its exit criteria; the 409 lists
    /// every unmet one so the responder sees the whole gap at once, including every required playbook step
    /// of the stage still open. Asking for the stage the incident is already in changes nothing.
    /// </summary>
    /// <param name="held">Why an open step is still open (e.g. the decision request pending on it), by step id.</param>
    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, Stage to, Guid actor, DateTimeOffset now, Playbook? playbook = null,
        IReadOnlyDictionary<string, string>? held = null)
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
                $"cannot leave {Name(s.Stage)}: required step '{l.Step.Title.En}' ({l.Step.Id}) is open" +
                (held?.GetValueOrDefault(l.Step.Id) is { } why ? $"; {why}" : ""), l.Step.Id)));
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
