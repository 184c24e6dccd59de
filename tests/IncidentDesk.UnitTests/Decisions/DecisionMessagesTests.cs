using IncidentDesk.Api.Decisions;
using IncidentDesk.Api.Escalation;
using static IncidentDesk.UnitTests.Decisions.DecisionSpec;
using static IncidentDesk.UnitTests.Testing.Fixed;

namespace IncidentDesk.UnitTests.Decisions;

public sealed class DecisionMessagesTests
{
    private static readonly DecisionAudience Audience = new(new Dictionary<Guid, Recipient>
    {
        [Ceo] = new(Ceo, "Sato CEO", "ceo@example.co.jp", "ja"),
        [Cfo] = new(Cfo, "Jane CFO", "cfo@example.com", "en"),
        [CeoDeputy] = new(CeoDeputy, "Deputy", "deputy@example.co.jp", "ja"),
        [Responder] = new(Responder, "Responder", "responder@example.co.jp", "ja"),
    }, [], "Asia/Tokyo", "https://desk.example.co.jp");

    [Fact]
    public void A_request_mails_each_approver_in_their_language_with_question_deadline_and_the_page_link_but_no_link_that_decides()
    {
        var s = Open();
        var mails = DecisionMessages.Plan(s, s.Request, Incident(), Audience, Guid.NewGuid, Now);

        Assert.Equal(["ceo@example.co.jp", "cfo@example.com"], mails.Select(m => m.Address));
        var ja = mails[0];
        Assert.StartsWith("【経営判断のお願い】", ja.Subject);
        Assert.Contains("Do we pay the ransom?", ja.Body);
        Assert.Contains("期限: 2026/11/22 19:02 JST", ja.Body);
        Assert.Contains($"https://desk.example.co.jp/decisions/{DecisionId}", ja.Body);
        Assert.False(ja.AckLink);
        Assert.StartsWith("[Decision needed]", mails[1].Subject);
        Assert.Contains("Needed by: 22 Nov 2026, 19:02 JST", mails[1].Body);
    }

    [Fact]
    public void An_outcome_tells_the_requester_and_the_other_approvers_but_not_the_decider()
    {
        var reached = new DecisionReached(DecisionId, IncidentId, "do_not_pay", "restore by Friday", "Backups are intact", Ceo, Now);
        var s = State(Requested(), reached);
        var mails = DecisionMessages.Plan(s, reached, Incident(), Audience, Guid.NewGuid, Now);

        Assert.Equal(["responder@example.co.jp", "cfo@example.com", "deputy@example.co.jp"], mails.Select(m => m.Address));
        Assert.Contains("Decision: Do not pay", mails[1].Body);
        Assert.Contains("Conditions: restore by Friday", mails[1].Body);
    }

    [Fact]
    public void A_reminder_goes_only_to_approvers_who_have_not_decided()
    {
        var vote = new ApproverDecided(DecisionId, IncidentId, Ceo, "do_not_pay", null, "why", null, false, Snapshot(), Ceo, Now);
        var s = State(Requested(quorum: Api.Decisions.Quorum.All), vote);
        var reminder = new DecisionReminderSent(DecisionId, IncidentId, Guid.NewGuid(), 80, Api.Common.SystemActor.Id, Now);
        Assert.Equal(["cfo@example.com"], DecisionMessages.Plan(s, reminder, Incident(), Audience, Guid.NewGuid, Now).Select(m => m.Address));
    }
}
