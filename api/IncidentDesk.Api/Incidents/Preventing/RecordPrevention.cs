using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using MediatR;

namespace IncidentDesk.Api.Incidents.Preventing;

public sealed record MeasureRequest(string? Description, MeasureDecision? Decision, DateOnly? Deadline);

public sealed record PreventionRequest(string? RootCause, MeasureRequest[]? Measures, bool? PolicyUpdateNeeded);

public sealed record RecordPrevention(Guid IncidentId, long ExpectedVersion, PreventionRequest Body, Caller Caller)
    : IRequest<IncidentDetail>;

internal sealed class RecordPreventionHandler(IncidentCommandRunner runner) : IRequestHandler<RecordPrevention, IncidentDetail>
{
    public Task<IncidentDetail> Handle(RecordPrevention cmd, CancellationToken ct)
    {
        Validate(cmd.Body);
        return runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller, (s, now) => Decide(s, cmd.Body, cmd.Caller.Id, now), ct);
    }

    /// <summary>Each measure: done / will do (with a deadline) / not needed (seeds 001:2020-2026).</summary>
    internal static void Validate(PreventionRequest b)
    {
        var errors = new FieldErrors().Optional("rootCause", b.RootCause, 4000).Max("measures", b.Measures, 50);
        for (var i = 0; i < (b.Measures?.Length ?? 0); i++)
        {
            var m = b.Measures![i];
            if (m is null) { errors.Add($"measures.{i}", "is required"); continue; }
            errors.Text($"measures.{i}.description", m.Description, 1000).Required($"measures.{i}.decision", m.Decision);
            if (m.Decision == MeasureDecision.WillDo && m.Deadline is null)
                errors.Add($"measures.{i}.deadline", "is required when the measure will be done later");
        }
        errors.ThrowIfAny();
    }

    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, PreventionRequest b, Guid actor, DateTimeOffset now)
    {
        IncidentRules.RequireStage(s, Stage.Prevention, "prevention");
        var root = string.IsNullOrWhiteSpace(b.RootCause) ? null : b.RootCause.Trim();
        var measures = (b.Measures ?? [])
            .Select(m => new Measure(m.Description!.Trim(), m.Decision!.Value, m.Decision == MeasureDecision.WillDo ? m.Deadline : null))
            .ToArray();
        if (s.Prevention is { } p && p.RootCause == root && p.PolicyUpdateNeeded == b.PolicyUpdateNeeded &&
            p.Measures.SequenceEqual(measures)) return [];
        return [new PreventionRecorded(s.Id, root, measures, b.PolicyUpdateNeeded, actor, now)];
    }
}
