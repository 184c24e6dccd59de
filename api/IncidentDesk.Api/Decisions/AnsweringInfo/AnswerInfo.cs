using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Decisions.Deciding;
using IncidentDesk.Api.Decisions.GettingDecisions;
using MediatR;

namespace IncidentDesk.Api.Decisions.AnsweringInfo;

public sealed record AnswerInfoRequest(
    [property: Required] Guid? QuestionId,
    [property: Required, StringLength(4000, MinimumLength = 1)] string? Answer);

public sealed record AnswerInfo(Guid DecisionId, long ExpectedVersion, AnswerInfoRequest Body, Caller Caller) : IRequest<DecisionDetail>;

internal sealed class AnswerInfoHandler(DecisionCommandRunner runner) : IRequestHandler<AnswerInfo, DecisionDetail>
{
    public Task<DecisionDetail> Handle(AnswerInfo cmd, CancellationToken ct)
    {
        if (!cmd.Caller.WorksIncidents) throw new Forbidden("responders and admins answer the executives' questions");
        var errors = new FieldErrors();
        var questionId = errors.Value("questionId", cmd.Body.QuestionId);
        var answer = errors.MultilineValue("answer", cmd.Body.Answer, 4000);
        errors.ThrowIfAny();
        return runner.RunAsync(cmd.DecisionId, cmd.ExpectedVersion, cmd.Caller, c => Decide(c.Decision, questionId, answer, cmd.Caller, c.Now), ct);
    }

    /// <summary>Pure. A responder or admin answers an open question; the same answer again changes nothing.</summary>
    internal static IReadOnlyList<IDecisionEvent> Decide(DecisionRequest s, Guid questionId, string answer, Caller caller, DateTimeOffset now)
    {
        var question = s.Info.FirstOrDefault(i => i.QuestionId == questionId)
                       ?? throw ValidationFailed.For("questionId", "is not a question asked on this request");
        if (question.Answer == answer) return [];
        DecideDecisionHandler.RequireOpen(s);
        if (question.Answer is not null)
            throw new RuleViolated("info_already_answered", $"question {questionId} was already answered at {question.AnsweredAt:O}");
        return [new DecisionInfoAnswered(s.Id, s.IncidentId, questionId, answer, caller.Id, now)];
    }
}
