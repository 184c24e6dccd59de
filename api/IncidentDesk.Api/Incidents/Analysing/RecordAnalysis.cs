using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using MediatR;

namespace IncidentDesk.Api.Incidents.Analysing;

public sealed record AnalysisRequest(
    FiveWValue? Who, FiveWValue? What, FiveWValue? When, FiveWValue? Where, FiveWValue? Why, FiveWValue? How,
    string? Damage, string? Scale, string? AffectedAssets, string? Cause, string? Countermeasures);

public sealed record RecordAnalysis(Guid IncidentId, long ExpectedVersion, AnalysisRequest Body, Caller Caller)
    : IRequest<IncidentDetail>;

internal sealed class RecordAnalysisHandler(IncidentCommandRunner runner) : IRequestHandler<RecordAnalysis, IncidentDetail>
{
    private const int MaxText = 4000;

    public Task<IncidentDetail> Handle(RecordAnalysis cmd, CancellationToken ct)
    {
        var input = Validate(cmd.Body);
        return runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller, (s, now) => Decide(s, input, cmd.Caller.Id, now), ct);
    }

    /// <summary>The analysis as it will be recorded: answers and texts trimmed, blank is none.</summary>
    internal static AnalysisFacts Validate(AnalysisRequest b)
    {
        var errors = new FieldErrors();
        foreach (var (name, w) in new[] { ("who", b.Who), ("what", b.What), ("when", b.When), ("where", b.Where), ("why", b.Why), ("how", b.How) })
        {
            errors.Optional($"{name}.value", w?.Value, MaxText);
            if (w is { Unknown: true } && !string.IsNullOrWhiteSpace(w.Value))
                errors.Add($"{name}.unknown", "cannot be set together with a value");
        }
        errors.Optional("damage", b.Damage, MaxText).Optional("scale", b.Scale, MaxText)
            .Optional("affectedAssets", b.AffectedAssets, MaxText).Optional("cause", b.Cause, MaxText)
            .Optional("countermeasures", b.Countermeasures, MaxText)
            .ThrowIfAny();
        static Answer A(FiveWValue? w) => new(string.IsNullOrWhiteSpace(w?.Value) ? null : w.Value.Trim(), w?.Unknown ?? false);
        static string? T(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        return new AnalysisFacts(new FiveW1H(A(b.Who), A(b.What), A(b.When), A(b.Where), A(b.Why), A(b.How)),
            T(b.Damage), T(b.Scale), T(b.AffectedAssets), T(b.Cause), T(b.Countermeasures));
    }

    /// <summary>
    /// Saves the analysis as it stands (partial saves are fine while working); leaving the stage is what
    /// requires every 5W1H answer settled and damage, scale, cause and countermeasures (R8, R11).
    /// </summary>
    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, AnalysisFacts next, Guid actor, DateTimeOffset now)
    {
        IncidentRules.RequireStage(s, Stage.Analysis, "analysis");
        if (next == s.Analysis) return [];
        return [new AnalysisRecorded(s.Id, next.FiveW1H, next.Damage, next.Scale, next.AffectedAssets, next.Cause, next.Countermeasures, actor, now)];
    }
}
