using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using MediatR;

namespace IncidentDesk.Api.Incidents.Preventing;

public sealed record MeasureRequest(string? Description, MeasureDecision? Decision, DateOnly? Deadline);

public sealed record PreventionRequest(string? RootCause, MeasureRequest[]? Measures, bool? PolicyUpdateNeeded);

/// <summary>A prevention record once validated: root cause trimmed (blank is none), every measure complete.</summary>
internal sealed record PreventionInput(string? RootCause, Measure[] Measures, bool? PolicyUpdateNeeded);

public sealed record RecordPrevention(Guid IncidentId, long ExpectedVersion, PreventionRequest Body, Caller Caller)
    : IRequest<IncidentDetail>;

internal sealed class RecordPreventionHandler(IncidentCommandRunner runner) : IRequestHandler<RecordPrevention, IncidentDetail>
{
    public Task<IncidentDetail> Handle(RecordPrevention cmd, CancellationToken ct)
    {
        var input = Validate(cmd.Body);
        return runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller, (s, now) => Decide(s, input, cmd.Caller.Id, now), ct);
    }

    /// <summary>Each measure: done / will do (with a deadline) / not needed (seeds 001:2020-2026).</summary>
    internal static PreventionInput Validate(PreventionRequest b)
    {
        var errors = new FieldErrors().Max("measures", b.Measures, 50);
        var measures = new List<Measure>();
        foreach (var (m, i) in (b.Measures ?? []).Select((m, i) => (m, i)))
        {
            if (m is null) { errors.Add($"measures.{i}", "is required"); continue; }
            var decision = errors.Value($"measures.{i}.decision", m.Decision);
            if (decision == MeasureDecision.WillDo && m.Deadline is null)
                errors.Add($"measures.{i}.deadline", "is required when the measure will be done later");
            measures.Add(new Measure(errors.TextValue($"measures.{i}.description", m.Description, 1000), decision,
                decision == MeasureDecision.WillDo ? m.Deadline : null));
        }
        var input = new PreventionInput(errors.OptionalValue("rootCause", b.RootCause, 4000), [.. measures], b.PolicyUpdateNeeded);
        errors.ThrowIfAny();
        return input;
    }

    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, PreventionInput b, Guid actor, DateTimeOffset now)
    {
        IncidentRules.RequireStage(s, Stage.Prevention, "prevention");
        var root = b.RootCause;
        var measures = b.Measures;
        if (s.Prevention is { } p && p.RootCause == root && p.PolicyUpdateNeeded == b.PolicyUpdateNeeded &&
            p.Measures.SequenceEqual(measures)) return [];
        return [new PreventionRecorded(s.Id, root, measures, b.PolicyUpdateNeeded, actor, now)];
    }
}
