using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Decisions.Deciding;
using IncidentDesk.Api.Decisions.GettingDecisions;
using MediatR;

namespace IncidentDesk.Api.Decisions.AskingInfo;

public sealed record AskInfoRequest([property: Required, StringLength(2000, MinimumLength = 1)] string? Question);

public sealed record AskInfo(Guid DecisionId, long ExpectedVersion, AskInfoRequest Body, Caller Caller) : IRequest<DecisionDetail>;

internal sealed class AskInfoHandler(DecisionCommandRunner runner) : IRequestHandler<AskInfo, DecisionDetail>
{
    public Task<DecisionDetail> Handle(AskInfo cmd, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var question = errors.MultilineValue("question", cmd.Body.Question, 2000);
        errors.ThrowIfAny();
        return runner.RunAsync(cmd.DecisionId, cmd.ExpectedVersion, cmd.Caller, c => Decide(c.Decision, question, cmd.Caller, c.Now, c.NewId()), ct);
    }

    /// <summary>Pure. An Executive who may decide asks the requester for more before deciding; the deadline stands.</summary>
    internal static IReadOnlyList<IDecisionEvent> Decide(DecisionRequest s, string question, Caller caller, DateTimeOffset now, Guid questionId)
    {
        DecideDecisionHandler.RequireOpen(s);
        if (s.DecidesFor(caller) is null) throw new Forbidden("only an Executive who may decide this request asks for more information");
        if (s.Info.Any(i => i.Answer is null && i.Question == question && i.AskedBy == caller.Id)) return [];
        return [new DecisionInfoAsked(s.Id, s.IncidentId, questionId, question, caller.Id, now)];
    }
}
