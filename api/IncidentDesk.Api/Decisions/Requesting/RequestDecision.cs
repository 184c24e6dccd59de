using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Decisions.GettingDecisions;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Playbooks;
using MediatR;
using Npgsql;

namespace IncidentDesk.Api.Decisions.Requesting;

/// <param name="Id">Stable id of the option: one of the kind's (GET /api/decisions/kinds), or your own for kind "other".</param>
public sealed record DecisionOptionInput(
    [property: Required, StringLength(40, MinimumLength = 1), RegularExpression("^[a-z0-9][a-z0-9_-]*$")] string? Id,
    [property: Required, StringLength(300, MinimumLength = 1)] string? Label,
    [property: Required, StringLength(2000, MinimumLength = 1)] string? Consequence);

/// <param name="DeputyId">An Executive who may decide in the approver's place once the request is escalated.</param>
public sealed record ApproverInput([property: Required] Guid? AccountId, Guid? DeputyId);

/// <param name="StepId">The playbook step of `kind: decision` this request asks for; deciding completes it.</param>
/// <param name="Unknowns">What the requester knows is not known yet (the snapshot adds the 5W1H gaps).</param>
/// <param name="NeededBy">When the decision is needed; in the future. Reminders go out at about half and 80 % of the time left.</param>
/// <param name="DefaultOptionId">The option a timer applies if nobody decides; only one the kind marks safe.</param>
public sealed record RequestDecisionRequest(
    [property: Required] DecisionKind? Kind,
    [property: StringLength(100)] string? StepId,
    [property: Required, StringLength(1000, MinimumLength = 1)] string? Question,
    [property: Required, MinLength(2), MaxLength(5)] DecisionOptionInput?[]? Options,
    [property: StringLength(40)] string? RecommendedOptionId,
    [property: StringLength(2000)] string? Recommendation,
    [property: Required, StringLength(4000, MinimumLength = 1)] string? Context,
    [property: MaxLength(20)] string?[]? Unknowns,
    [property: Required] DateTimeOffset? NeededBy,
    [property: Required, MinLength(1), MaxLength(10)] ApproverInput?[]? Approvers,
    [property: Required] Quorum? Quorum,
    [property: Required] OnExpiry? OnExpiry,
    [property: StringLength(40)] string? DefaultOptionId);

internal sealed record RequestInput(
    DecisionKind Kind, string? StepId, string Question, DecisionOption[] Options, string? RecommendedOptionId, string? Recommendation,
    string Context, string[] Unknowns, DateTimeOffset NeededBy, Approver[] Approvers, Quorum Quorum, OnExpiry OnExpiry,
    string? DefaultOptionId);

public sealed record RequestDecision(Guid IncidentId, RequestDecisionRequest Body, Caller Caller) : IRequest<DecisionDetail>;

internal sealed partial class RequestDecisionHandler(
    CommandPath commands, UserDirectory users, PlaybookLibrary playbooks, NpgsqlDataSource db, DecisionViews views, TimeProvider clock)
    : IRequestHandler<RequestDecision, DecisionDetail>
{
    public const int MaxDays = 30;

    public async Task<DecisionDetail> Handle(RequestDecision cmd, CancellationToken ct)
    {
        if (!cmd.Caller.WorksIncidents) throw new Forbidden("only responders and admins ask the executives for a decision");
        var input = Validate(cmd.Body, clock.GetUtcNow());
        await RequireExecutivesAsync(input.Approvers, ct);
        var (state, version) = await commands.RunAsync(cmd.Caller.Id, async work =>
        {
            var incident = await work.LoadAsync<Incident>(cmd.IncidentId, EvolveIncident, ct) ?? throw new NotFoundError($"incident {cmd.IncidentId}");
            var pin = incident.State.ActivePlaybook;
            var playbook = input.StepId is null || pin is null ? null : await playbooks.PinnedAsync(pin.Id, pin.ContentHash, ct);
            var pending = input.StepId is null ? null : await PendingForStepAsync(cmd.IncidentId, input.StepId, ct);
            var id = Guid.CreateVersion7(work.Now);
            var events = Decide(incident.State, incident.Version, playbook, pending, input, id, cmd.Caller.Id, work.Now, () => Guid.CreateVersion7(work.Now));
            var requested = (DecisionRequested)events[0];
            work.Start(id, [requested]);
            work.Start(DecisionNotices.StreamIdFor(id), events.Skip(1).ToList());
            // The snapshot names the incident version it was taken at, so it stays true if the incident moves before the
            // commit; not requiring that version keeps requests on one incident from queueing behind its stream's row lock.
            return (DecisionRequest.Evolve(null, requested), work.VersionAfter(id));
        }, ct);
        return await views.DetailAsync(state, version, cmd.Caller, ct);
    }

    internal static RequestInput Validate(RequestDecisionRequest b, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var kind = errors.Value("kind", b.Kind);
        var template = b.Kind is { } k ? DecisionKinds.Of(k) : null;
        var stepId = errors.OptionalSingleLineValue("stepId", b.StepId, 100);
        var question = errors.SingleLineValue("question", b.Question, 1000);
        var options = new List<DecisionOption>();
        if (b.Options is null) errors.Add("options", "is required");
        else if (b.Options.Length is < 2 or > 5) errors.Add("options", "must have 2 to 5 options");
        for (var i = 0; i < (b.Options?.Length ?? 0); i++)
        {
            var field = $"options.{i}";
            if (b.Options![i] is not { } o)
            {
                errors.Add(field, "is required (null is not an option)");
                continue;
            }
            var optionId = errors.SingleLineValue($"{field}.id", o.Id, 40);
            if (!errors.Has($"{field}.id") && !OptionId().IsMatch(optionId))
                errors.Add($"{field}.id", "must be lower-case letters, digits, '_' or '-'");
            else if (options.Any(x => x.Id == optionId)) errors.Add($"{field}.id", $"'{optionId}' is given twice");
            else if (template is { Kind: not DecisionKind.Other } && template.Options.All(x => x.Id != optionId))
                errors.Add($"{field}.id", $"is not an option of {EnumNames.Name(kind)}: one of {string.Join(", ", template.Options.Select(x => x.Id))}");
            var label = errors.SingleLineValue($"{field}.label", o.Label, 300);
            var consequence = errors.MultilineValue($"{field}.consequence", o.Consequence, 2000);
            // Whether a timer may apply it is the kind's to say (never "pay", never "disclose"), not the requester's.
            options.Add(new DecisionOption(optionId, label, consequence, template is not null && DecisionKinds.IsSafe(template.Kind, optionId)));
        }
        var ids = options.Select(o => o.Id).ToHashSet();
        var recommended = errors.OptionalSingleLineValue("recommendedOptionId", b.RecommendedOptionId, 40);
        if (recommended is not null && !errors.Has("options") && !ids.Contains(recommended))
            errors.Add("recommendedOptionId", "is not one of the request's options");
        var recommendation = errors.OptionalMultilineValue("recommendation", b.Recommendation, 2000);
        var context = errors.MultilineValue("context", b.Context, 4000);
        errors.Max("unknowns", b.Unknowns, 20);
        var unknowns = (b.Unknowns ?? []).Select((u, i) => u is null
            ? NullItem(errors, $"unknowns.{i}")
            : errors.SingleLineValue($"unknowns.{i}", u, 500)).ToArray();
        var neededBy = errors.Value("neededBy", b.NeededBy);
        if (b.NeededBy is not null && neededBy <= now) errors.Add("neededBy", "must be in the future");
        else if (b.NeededBy is not null && neededBy > now.AddDays(MaxDays)) errors.Add("neededBy", $"must be within {MaxDays} days");
        var approvers = new List<Approver>();
        if (b.Approvers is null) errors.Add("approvers", "is required");
        else if (b.Approvers.Length is < 1 or > 10) errors.Add("approvers", "must name 1 to 10 approvers");
        for (var i = 0; i < (b.Approvers?.Length ?? 0); i++)
        {
            if (b.Approvers![i] is not { } a)
            {
                errors.Add($"approvers.{i}", "is required (null is not an approver)");
                continue;
            }
            var account = errors.Value($"approvers.{i}.accountId", a.AccountId);
            if (a.AccountId is null) continue;
            if (approvers.Any(x => x.AccountId == account)) errors.Add($"approvers.{i}.accountId", "is named twice");
            if (a.DeputyId == account) errors.Add($"approvers.{i}.deputyId", "cannot be the approver themselves");
            approvers.Add(new Approver(account, a.DeputyId));
        }
        var quorum = errors.Value("quorum", b.Quorum);
        var onExpiry = errors.Value("onExpiry", b.OnExpiry);
        var defaultOption = errors.OptionalSingleLineValue("defaultOptionId", b.DefaultOptionId, 40);
        if (defaultOption is not null && !errors.Has("options") && !ids.Contains(defaultOption))
            errors.Add("defaultOptionId", "is not one of the request's options");
        if (b.OnExpiry == OnExpiry.ApplySafeOption && defaultOption is null)
            errors.Add("defaultOptionId", "is required when onExpiry is apply_safe_option");
        if (b.OnExpiry == OnExpiry.RecordNoDecision && defaultOption is not null)
            errors.Add("defaultOptionId", "must be empty when onExpiry is record_no_decision");
        errors.ThrowIfAny();
        // A timer may never apply an option the kind does not mark safe: "pay the ransom", "disclose" (issue 10 §1).
        if (defaultOption is not null && !options.First(o => o.Id == defaultOption).Safe)
            throw new RuleViolated("default_not_safe",
                $"option '{defaultOption}' cannot be applied automatically: only an option the kind marks safe may be the default " +
                $"({string.Join(", ", options.Where(o => o.Safe).Select(o => o.Id)) switch { "" => "this kind has none", var s => s }})");
        return new RequestInput(kind, stepId, question, [.. options], recommended, recommendation, context, unknowns, neededBy,
            [.. approvers], quorum, onExpiry, defaultOption);
    }

    private static string NullItem(FieldErrors errors, string field)
    {
        errors.Add(field, "is required (null is not allowed)");
        return "";
    }

    /// <summary>Approvers and deputies are enabled Executive accounts (only Executives decide: seeds 000:1416-1430).</summary>
    private async Task RequireExecutivesAsync(Approver[] approvers, CancellationToken ct)
    {
        var errors = new FieldErrors();
        for (var i = 0; i < approvers.Length; i++)
        {
            foreach (var (field, id) in new[] { ($"approvers.{i}.accountId", (Guid?)approvers[i].AccountId), ($"approvers.{i}.deputyId", approvers[i].DeputyId) })
            {
                if (id is not { } account) continue;
                var user = await users.FindAsync(account, ct);
                if (user is null) errors.Add(field, "is not a known account");
                else if (!user.Roles.Contains(Roles.Executive)) errors.Add(field, "must be an Executive account");
                else if (user.Disabled) errors.Add(field, "is a disabled account");
            }
        }
        errors.ThrowIfAny();
    }

    private async Task<Guid?> PendingForStepAsync(Guid incidentId, string stepId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "select decision_id from decision_requests where incident_id = $1 and step_id = $2 and status in ('requested', 'info_asked') limit 1");
        cmd.Parameters.AddWithValue(incidentId);
        cmd.Parameters.AddWithValue(stepId);
        return await cmd.ExecuteScalarAsync(ct) is Guid id ? id : null;
    }

    /// <summary>
    /// Pure. The request, with the incident's snapshot at the version read, and its first round of timers. A step it
    /// names must be an open `kind: decision` step of the incident's playbook with no other request pending.
    /// </summary>
    internal static IReadOnlyList<IDecisionEvent> Decide(
        Incident incident, long incidentVersion, Playbook? playbook, Guid? pendingForStep, RequestInput b, Guid id, Guid actor,
        DateTimeOffset now, Func<Guid> newId)
    {
        IncidentRules.RequireOpen(incident);
        if (b.StepId is { } stepId)
        {
            var step = playbook?.Step(stepId) ?? throw ValidationFailed.For("stepId", $"is not a step of the playbook {incident.Reference} follows");
            if (step.Kind != StepKind.Decision) throw ValidationFailed.For("stepId", "is not a decision step");
            if (incident.Steps.ContainsKey(stepId))
                throw new RuleViolated("step_not_open", $"step '{stepId}' of {incident.Reference} is already completed or skipped");
            if (pendingForStep is { } other)
                throw new RuleViolated("decision_already_pending", $"decision request {other} for step '{stepId}' is still pending");
        }
        var requested = new DecisionRequested(id, incident.Id, b.Kind, b.StepId, b.Question, b.Options, b.RecommendedOptionId,
            b.Recommendation, b.Context, b.Unknowns, IncidentSnapshots.Of(incident, incidentVersion), b.NeededBy, b.Approvers, b.Quorum,
            b.OnExpiry, b.DefaultOptionId, actor, now);
        return [requested, .. DecisionTimers.Round(id, incident.Id, 0, now, b.NeededBy, newId, now)];
    }

    private static Incident EvolveIncident(Incident? s, object e) =>
        s is null && e is not IncidentReported ? throw new NotFoundError("incident") : Incident.Evolve(s, e);

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex OptionId();
}
