using IncidentDesk.Api.Common;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Notifications;
using Npgsql;

namespace IncidentDesk.Api.Decisions;

/// <summary>The people a decision's messages go to, and the organisation's settings the texts need.</summary>
public sealed record DecisionAudience(
    IReadOnlyDictionary<Guid, Recipient> Accounts, IReadOnlyList<Recipient> Executives, string TimeZone, string PublicUrl);

/// <summary>
/// The messages a decision's events send, as events on the request's notice stream: pure (ids from <c>newId</c>),
/// and committed with the events that caused them, through the notification outbox.
/// </summary>
public static class DecisionMessages
{
    public static bool Triggers(IDecisionEvent e) => e is DecisionRequested or DecisionReminderSent or DecisionEscalated or DecisionReasked
        or DecisionReached or DecisionSuperseded or DecisionLapsed or DecisionInfoAsked or DecisionInfoAnswered or DecisionWithdrawn;

    /// <summary>Accounts the messages for these events go to or name (everyone on the request, the incident's owner).</summary>
    public static IReadOnlyCollection<Guid> AccountsNeeded(DecisionRequest s, Incident incident, IEnumerable<IDecisionEvent> events)
    {
        var ids = new HashSet<Guid> { s.Request.Actor };
        foreach (var a in s.Request.Approvers)
        {
            ids.Add(a.AccountId);
            if (a.DeputyId is { } d) ids.Add(d);
        }
        if (incident.OwnerId is { } o) ids.Add(o);
        foreach (var e in events) ids.Add(e.Actor);
        return ids;
    }

    public static bool NeedsExecutives(DecisionRequest s, IEnumerable<IDecisionEvent> events) =>
        s.Reach == DecisionReach.AllExecutives || events.Any(e => e is DecisionEscalated { Reach: DecisionReach.AllExecutives });

    /// <param name="s">The request with <paramref name="e"/> already folded in (for notice events: as it stands).</param>
    public static IReadOnlyList<NotificationQueued> Plan(
        DecisionRequest s, IDecisionEvent e, Incident incident, DecisionAudience audience, Func<Guid> newId, DateTimeOffset now)
    {
        var r = s.Request;
        Recipient? Account(Guid? id) => id is { } x ? audience.Accounts.GetValueOrDefault(x) : null;
        IEnumerable<Recipient> Approvers() => r.Approvers.Select(a => Account(a.AccountId)).OfType<Recipient>();
        IEnumerable<Recipient> Deputies() => r.Approvers.Select(a => Account(a.DeputyId)).OfType<Recipient>();
        // Those the request reaches now who have not decided: reminders and repeated asks go to them only.
        IEnumerable<Recipient> Undecided()
        {
            var votes = s.CurrentVotes;
            var open = r.Approvers.Where(a => !votes.ContainsKey(a.AccountId)).ToList();
            var named = open.Select(a => Account(a.AccountId))
                .Concat(s.Reach >= DecisionReach.Deputies ? open.Select(a => Account(a.DeputyId)) : []).OfType<Recipient>();
            return s.Reach == DecisionReach.AllExecutives ? named.Concat(audience.Executives) : named;
        }
        var requester = Account(r.Actor);
        var owner = Account(incident.OwnerId);
        var actorName = e.Actor == SystemActor.Id ? SystemActor.Name : Account(e.Actor)?.Name;
        var (template, to, outcome, text) = e switch
        {
            DecisionRequested => ("decision_requested", Approvers(), (string?)null, (string?)null),
            DecisionReminderSent => ("decision_reminder", Undecided(), null, null),
            DecisionEscalated { Reach: DecisionReach.Deputies } => ("decision_escalated", Deputies(), null, null),
            DecisionEscalated => ("decision_escalated", audience.Executives.AsEnumerable(), null, null),
            DecisionReasked => ("decision_reasked", Undecided(), null, null),
            DecisionReached x => ("decision_reached", Told(), s.Option(x.OptionId)?.Label, null),
            DecisionSuperseded x => ("decision_superseded", Told(), s.Option(x.OptionId)?.Label, x.Reason),
            DecisionLapsed { Result: LapseResult.DefaultApplied } x => ("decision_default_applied", Told(), s.Option(x.OptionId!)?.Label, null),
            DecisionLapsed => ("decision_no_decision", new[] { owner, requester }.OfType<Recipient>(), null, null),
            DecisionInfoAsked x => ("decision_info_asked", new[] { requester, owner }.OfType<Recipient>(), null, x.Question),
            DecisionInfoAnswered x => ("decision_info_answered",
                new[] { Account(s.Info.FirstOrDefault(i => i.QuestionId == x.QuestionId)?.AskedBy) }.OfType<Recipient>(), null, x.Answer),
            DecisionWithdrawn x => ("decision_withdrawn", Approvers().Concat(s.Reach >= DecisionReach.Deputies ? Deputies() : []), null, x.Reason),
            _ => (null, [], null, null),
        };
        if (template is null) return [];
        var (conditions, rationale) = e switch
        {
            DecisionReached x => (x.Conditions, x.Rationale),
            DecisionSuperseded x => (x.Conditions, x.Rationale),
            _ => (null, null),
        };
        var message = new DecisionMessage(r.Snapshot.Reference, r.Question, s.NeededBy,
            r.Options.Select(o => (o.Label, o.Consequence)).ToList(),
            r.RecommendedOptionId is { } rec ? $"{s.Option(rec)?.Label}{(r.Recommendation is { } why ? $" ({why})" : "")}" : r.Recommendation,
            $"{audience.PublicUrl.TrimEnd('/')}/decisions/{s.Id}", outcome, conditions, rationale, actorName, text);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var output = new List<NotificationQueued>();
        foreach (var who in to)
        {
            // The one who acted knows what they did; nobody gets the same message twice (a deputy who is also an approver).
            if (who.AccountId == e.Actor || !seen.Add(who.Email)) continue;
            var (subject, body) = Messages.RenderDecision(template, who.Language, message, audience.TimeZone);
            output.Add(new NotificationQueued(s.IncidentId, newId(), NotificationChannel.Email, who.Name, who.Email, who.Language, template,
                subject, body, false, SystemActor.Id, now).ForDrill(incident.DrillRunId));
        }
        return output;

        // On an outcome: the requester, the incident's owner and every approver and deputy (the decider excepted).
        IEnumerable<Recipient> Told() => new[] { requester, owner }.OfType<Recipient>().Concat(Approvers()).Concat(Deputies());
    }
}

/// <summary>
/// The decision module's hook on the command path: for the decision events a command or timer decided, the messages
/// people must receive, appended to each request's notice stream in the same transaction.
/// </summary>
internal sealed class DecisionReaction(NpgsqlDataSource db, IOrganisationTimeZone zone, PublicUrl publicUrl) : IUnitOfWorkReaction
{
    public async Task ReactAsync(UnitOfWork work, CancellationToken ct)
    {
        var decided = work.Changes.SelectMany(c => c.Events).OfType<IDecisionEvent>().Where(DecisionMessages.Triggers)
            .GroupBy(e => e.DecisionId).ToList();
        if (decided.Count == 0) return;
        var timeZone = await zone.GetAsync(ct);
        foreach (var group in decided)
        {
            var events = group.ToList();
            // The request as the command read it (null for one just asked): the messages fold its events onto it.
            var main = work.Changes.FirstOrDefault(c => c.StreamId == group.Key);
            var state = main is not null
                ? (DecisionRequest?)main.Before
                : (await work.LoadAsync<DecisionRequest>(group.Key, DecisionCommandRunner.EvolveDecision, ct))?.State;
            var after = events.Where(e => e is not IDecisionNoticeEvent).Aggregate(state, (s, e) => DecisionRequest.Evolve(s, e))!;
            var incident = (await work.LoadAsync<Incident>(after.IncidentId, Incident.Evolve, ct))?.State
                           ?? throw new InvalidOperationException($"decision {group.Key} names incident {after.IncidentId}, which does not exist");
            var audience = await AudienceAsync(DecisionMessages.AccountsNeeded(after, incident, events), DecisionMessages.NeedsExecutives(after, events),
                timeZone, ct);
            var noticesId = DecisionNotices.StreamIdFor(group.Key);
            await work.LoadAsync<DecisionNotices>(noticesId, DecisionNotices.Evolve, ct);
            var now = work.Now;
            var messages = new List<NotificationQueued>();
            foreach (var e in events)
            {
                state = e is IDecisionNoticeEvent ? state : DecisionRequest.Evolve(state, e);
                messages.AddRange(DecisionMessages.Plan(state!, e, incident, audience, () => Guid.CreateVersion7(now), now));
            }
            work.Append(noticesId, messages);
        }
    }

    /// <summary>A disabled account is told nothing about a decision, named on the request or not.</summary>
    private async Task<DecisionAudience> AudienceAsync(IReadOnlyCollection<Guid> ids, bool executives, string timeZone, CancellationToken ct)
    {
        var (accounts, execs) = await EscalationContextLoader.LoadRecipientsAsync(db, ids, executives, ct, enabledOnly: true);
        return new DecisionAudience(accounts, execs, timeZone, publicUrl.Base);
    }
}
