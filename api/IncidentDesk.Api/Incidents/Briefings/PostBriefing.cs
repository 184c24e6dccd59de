using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using MediatR;

namespace IncidentDesk.Api.Incidents.Briefings;

/// <summary>A status briefing for the executives; every field is required (write 「なし」 / "none" when there is nothing).</summary>
public sealed record PostBriefingRequest(
    [property: Required, StringLength(PostBriefingHandler.MaxLength, MinimumLength = 1)] string? WhatHappened,
    [property: Required, StringLength(PostBriefingHandler.MaxLength, MinimumLength = 1)] string? Impact,
    [property: Required, StringLength(PostBriefingHandler.MaxLength, MinimumLength = 1)] string? Response,
    [property: Required, StringLength(PostBriefingHandler.MaxLength, MinimumLength = 1)] string? Unknowns,
    [property: Required, StringLength(PostBriefingHandler.MaxLength, MinimumLength = 1)] string? NextDecision);

/// <summary>A briefing once validated: each field trimmed.</summary>
internal sealed record BriefingInput(string WhatHappened, string Impact, string Response, string Unknowns, string NextDecision);

public sealed record PostBriefing(Guid IncidentId, long ExpectedVersion, PostBriefingRequest Body, Caller Caller) : IRequest<IncidentDetail>;

internal sealed class PostBriefingHandler(IncidentCommandRunner runner) : IRequestHandler<PostBriefing, IncidentDetail>
{
    /// <summary>Short on purpose: a briefing is read by an executive on a phone.</summary>
    public const int MaxLength = 2000;

    public Task<IncidentDetail> Handle(PostBriefing cmd, CancellationToken ct)
    {
        var input = Validate(cmd.Body);
        var id = Guid.CreateVersion7();
        return runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller, (s, now) => Decide(s, input, id, cmd.Caller.Id, now), ct);
    }

    internal static BriefingInput Validate(PostBriefingRequest b)
    {
        var errors = new FieldErrors();
        var input = new BriefingInput(
            errors.MultilineValue("whatHappened", b.WhatHappened, MaxLength), errors.MultilineValue("impact", b.Impact, MaxLength),
            errors.MultilineValue("response", b.Response, MaxLength), errors.MultilineValue("unknowns", b.Unknowns, MaxLength),
            errors.MultilineValue("nextDecision", b.NextDecision, MaxLength));
        errors.ThrowIfAny();
        return input;
    }

    /// <summary>
    /// Briefings are for open incidents at high or critical severity (R17; issue 10 §5). Each post is a new briefing:
    /// a double click carries the same If-Match and gets a 412, never a second briefing.
    /// </summary>
    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, BriefingInput b, Guid briefingId, Guid actor, DateTimeOffset now)
    {
        IncidentRules.RequireOpen(s);
        if (s.Severity is not (Severity.High or Severity.Critical) || s.Severity is not { } severity)
            throw new RuleViolated("briefing_not_required",
                $"briefings are posted for high and critical incidents; {s.Reference} is " +
                (s.Severity is { } sev ? EnumNames.Name(sev) : "not rated yet"));
        return [new BriefingPosted(s.Id, briefingId, s.BriefingCount + 1, severity, b.WhatHappened, b.Impact, b.Response, b.Unknowns,
            b.NextDecision, actor, now)];
    }
}
