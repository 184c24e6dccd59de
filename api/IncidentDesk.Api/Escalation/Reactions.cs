using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Notifications;

namespace IncidentDesk.Api.Escalation;

/// <summary>Someone a message can go to.</summary>
public sealed record Recipient(Guid? AccountId, string Name, string Email, string Language, string? WebhookUrl = null)
{
    public static Recipient Of(Contact c) => new(null, c.Name, c.Email, c.Language, c.WebhookUrl);
}

/// <summary>What the reactions need to know beyond the incident: settings and the people involved.</summary>
public sealed record EscalationContext(
    SlaPolicy Policy, ContactChain? Chain, IReadOnlyDictionary<Guid, Recipient> Accounts,
    IReadOnlyList<Recipient> Executives, string PublicUrl);

/// <summary>
/// The inline process manager: from the events a command decided, the deadlines they start and the messages
/// people must receive. Pure (ids come from <c>newId</c>), and its events commit in the same transaction as
/// the command's, so a deadline or a message can never be lost between the two.
/// </summary>
public static class Reactions
{
    /// <summary>
    /// Whether <see cref="Plan"/> reacts to this event: every incident event, and the escalation events a timer
    /// decides. Deadlines set and messages queued or delivered are themselves reactions and start nothing.
    /// </summary>
    public static bool Triggers(IDomainEvent e) =>
        e is IIncidentEvent or Escalated or SlaBreached or ReminderSent or BriefingReminderSent or BriefingMissed;

    /// <param name="decided">Incident events a command decided, and/or escalation events a timer decided.</param>
    public static IReadOnlyList<IDomainEvent> Plan(
        Incident? before, EscalationState escalation, IReadOnlyList<IDomainEvent> decided, EscalationContext ctx,
        Func<Guid> newId, DateTimeOffset now)
    {
        var output = new List<IDomainEvent>();
        var state = before;
        foreach (var e in decided)
        {
            var prior = state?.Severity;
            if (e is IIncidentEvent incident) state = Incident.Evolve(state, incident);
            output.AddRange(React(state!, escalation, e, ctx, newId, now));
            output.AddRange(Briefings(state!, prior, escalation, e, ctx, newId, now));
        }
        return output;
    }

    /// <summary>
    /// Executive briefings of high and critical incidents (R17): the next one falls due an interval (SLA policy, per
    /// severity) after the incident became high or critical, or after the last briefing; at the due time the owner is
    /// reminded; after a grace (<see cref="DeadlineCalculator.BriefingGrace"/>) the executives are told it is late, and
    /// the next one falls due an interval later. Every briefing posted goes to every Executive in their language.
    /// </summary>
    private static IEnumerable<IDomainEvent> Briefings(
        Incident s, Severity? prior, EscalationState escalation, IDomainEvent e, EscalationContext ctx, Func<Guid> newId, DateTimeOffset now)
    {
        var interval = s.Stage == Stage.Closed ? null : ctx.Policy.BriefingFor(s.Severity);
        var current = escalation.Current(DeadlineKind.Briefing);
        switch (e)
        {
            case IncidentTriaged or SeverityRerated when interval is not null:
            {
                var due = DeadlineCalculator.Due(e.At, interval, ctx.Policy);
                var wasBriefed = prior is (Severity.High or Severity.Critical) && current is { Fired: false };
                // Critical ↔ high keeps the earlier due time (and a grace that has begun); from below high the clock starts now.
                if (!wasBriefed || current is { Level: 0 } c && due < c.DueAt)
                    yield return Deadline(s, 0, due);
                break;
            }
            case BriefingPosted p:
                if (interval is not null) yield return Deadline(s, 0, DeadlineCalculator.Due(p.At, interval, ctx.Policy));
                var text = new BriefingText(p.Number, p.WhatHappened, p.Impact, p.Response, p.Unknowns, p.NextDecision,
                    ctx.Accounts.GetValueOrDefault(p.Actor)?.Name, p.At);
                foreach (var exec in ctx.Executives)
                    yield return Notify(s, exec, "briefing", new MessageFacts { Briefing = text });
                break;
            case BriefingReminderSent r when interval is not null:
                var late = r.At + DeadlineCalculator.BriefingGrace(r.At, interval, ctx.Policy);
                if (Owner(s, ctx) is { } owner)
                    yield return Notify(s, owner, "briefing_due", new MessageFacts { BriefingDueAt = r.DueAt, BriefingLateAt = late });
                yield return Deadline(s, 1, late);
                break;
            case BriefingMissed m:
            {
                var facts = new MessageFacts { BriefingDueAt = m.DueAt, OwnerName = OwnerName(s, ctx) };
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var who in ctx.Executives.Append(Owner(s, ctx)).OfType<Recipient>().Where(r => seen.Add(r.Email)))
                    yield return Notify(s, who, "briefing_missed", facts);
                if (interval is not null) yield return Deadline(s, 0, DeadlineCalculator.Due(m.At, interval, ctx.Policy));
                break;
            }
        }

        DeadlineSet Deadline(Incident i, int level, DateTimeOffset due) =>
            new(i.Id, newId(), DeadlineKind.Briefing, null, level, due, SystemActor.Id, now);

        // Briefing mails carry no acknowledge link and go by e-mail only: they are for people, read in full.
        NotificationQueued Notify(Incident i, Recipient to, string template, MessageFacts facts)
        {
            var about = facts with { ReporterName = ctx.Accounts.GetValueOrDefault(i.ReporterId)?.Name, OwnerName = OwnerName(i, ctx) };
            var (subject, body) = Messages.Render(template, to.Language, i, $"{ctx.PublicUrl.TrimEnd('/')}/incidents/{i.Id}", null,
                ctx.Policy.TimeZone, about);
            return new NotificationQueued(i.Id, newId(), NotificationChannel.Email, to.Name, to.Email, to.Language, template,
                subject, body, false, SystemActor.Id, now).ForDrill(i.DrillRunId);
        }
    }

    /// <summary>The owner, or while there is none the first contact of the chain (as for stage reminders).</summary>
    private static Recipient? Owner(Incident s, EscalationContext ctx) =>
        s.OwnerId is { } id && ctx.Accounts.GetValueOrDefault(id) is { } o
            ? o
            : ctx.Chain?.Contacts is [var c0, ..] ? Recipient.Of(c0) : null;

    private static string? OwnerName(Incident s, EscalationContext ctx) =>
        s.OwnerId is { } id ? ctx.Accounts.GetValueOrDefault(id)?.Name : null;

    private static IEnumerable<IDomainEvent> React(
        Incident s, EscalationState escalation, IDomainEvent e, EscalationContext ctx, Func<Guid> newId, DateTimeOffset now)
    {
        var sla = ctx.Policy.For(s.Severity);
        var actor = e.Actor;
        switch (e)
        {
            case IncidentReported r:
            {
                var unrated = ctx.Policy.For(null);
                var ack = Deadline(s, DeadlineKind.Acknowledge, null, 0, DeadlineCalculator.Due(r.At, unrated.Acknowledge, ctx.Policy))
                    with { ChainId = ctx.Chain?.Id };
                yield return ack;
                yield return Deadline(s, DeadlineKind.Triage, null, 0, DeadlineCalculator.Due(r.At, unrated.Triage, ctx.Policy));
                if (ctx.Chain?.Contacts is [var first, ..])
                    foreach (var n in Notify(s, Recipient.Of(first), "new_report", true, ackDue: ack.DueAt)) yield return n;
                break;
            }
            // A triage deadline that already fired stays breached: setting a new one (often already past) would only
            // breach, and mail the owner and chain, a second time.
            case IncidentTriaged or SeverityRerated when s.Stage <= Stage.Triage && escalation.Current(DeadlineKind.Triage) is not { Fired: true }:
            {
                var due = DeadlineCalculator.Due(s.ReportedAt, sla.Triage, ctx.Policy);
                if (escalation.Current(DeadlineKind.Triage)?.DueAt != due)
                    yield return Deadline(s, DeadlineKind.Triage, null, 0, due);
                break;
            }
            case StageAdvanced a:
            {
                if (a.To is >= Stage.Triage and <= Stage.Prevention)
                    yield return Deadline(s, DeadlineKind.Reminder, a.To, 0, DeadlineCalculator.Due(a.At, sla.Reminder, ctx.Policy));
                // Reporters hear back, in plain words, unless they moved it themselves.
                if (s.ReporterId != actor && ctx.Accounts.GetValueOrDefault(s.ReporterId) is { } reporter)
                    foreach (var n in Notify(s, reporter, a.To == Stage.Closed ? "closed" : "stage_changed", false)) yield return n;
                if (a.From == Stage.Recovery && ctx.Chain is { } chain)
                    foreach (var c in chain.Contacts)
                    foreach (var n in Notify(s, Recipient.Of(c), "recovery_complete", false, RecoveryDetail(s))) yield return n;
                break;
            }
            case IncidentAssigned a when a.OwnerId != actor:
                if (ctx.Accounts.GetValueOrDefault(a.OwnerId) is { } owner)
                    foreach (var n in Notify(s, owner, "assigned", false)) yield return n;
                break;
            case Escalated x:
            {
                var ack = Deadline(s, DeadlineKind.Acknowledge, null, x.Level, DeadlineCalculator.Due(x.At, sla.Acknowledge, ctx.Policy))
                    with { ChainId = ctx.Chain?.Id };
                foreach (var n in Notify(s, Recipient.Of(x.Contact), "escalation", true, ackDue: ack.DueAt)) yield return n;
                yield return ack;
                break;
            }
            case SlaBreached { Kind: DeadlineKind.Acknowledge }:
                foreach (var exec in ctx.Executives)
                foreach (var n in Notify(s, exec, "breach_acknowledge", true)) yield return n;
                break;
            case SlaBreached { Kind: DeadlineKind.Triage }:
                foreach (var who in OwnerAndChain(s, ctx))
                foreach (var n in Notify(s, who, "breach_triage", false)) yield return n;
                break;
            case ReminderSent r:
                if (Owner(s, ctx) is { } remind)
                    foreach (var n in Notify(s, remind, "reminder", false)) yield return n;
                yield return Deadline(s, DeadlineKind.Reminder, r.Stage, 0, DeadlineCalculator.Due(r.At, sla.Reminder, ctx.Policy));
                break;
        }

        DeadlineSet Deadline(Incident i, DeadlineKind kind, Stage? stage, int level, DateTimeOffset due) =>
            new(i.Id, newId(), kind, stage, level, due, SystemActor.Id, now);

        IEnumerable<NotificationQueued> Notify(
            Incident i, Recipient to, string template, bool ackLink, string? detail = null, DateTimeOffset? ackDue = null)
        {
            var about = new MessageFacts(ctx.Accounts.GetValueOrDefault(i.ReporterId)?.Name, ackDue);
            var (subject, body) = Messages.Render(template, to.Language, i, $"{ctx.PublicUrl.TrimEnd('/')}/incidents/{i.Id}", detail,
                ctx.Policy.TimeZone, about);
            // A drill incident's messages carry its run and the drill marking (issue 11 §2); the dispatcher's gate decides who gets them.
            yield return new NotificationQueued(i.Id, newId(), NotificationChannel.Email, to.Name, to.Email, to.Language, template,
                subject, body, ackLink, SystemActor.Id, now).ForDrill(i.DrillRunId);
            if (to.WebhookUrl is { Length: > 0 } hook)
                yield return new NotificationQueued(i.Id, newId(), NotificationChannel.Webhook, to.Name, hook, to.Language, template,
                    subject, body, false, SystemActor.Id, now).ForDrill(i.DrillRunId);
        }
    }

    private static IEnumerable<Recipient> OwnerAndChain(Incident s, EscalationContext ctx)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (s.OwnerId is { } id && ctx.Accounts.GetValueOrDefault(id) is { } owner && seen.Add(owner.Email)) yield return owner;
        foreach (var c in ctx.Chain?.Contacts ?? [])
            if (seen.Add(c.Email)) yield return Recipient.Of(c);
    }

    private static string? RecoveryDetail(Incident s) =>
        s.Recovery?.ActionsTaken;

    /// <summary>Accounts whose addresses the reactions to these events need (so the loader reads no more).</summary>
    public static IReadOnlyCollection<Guid> AccountsNeeded(Incident? before, IReadOnlyList<IDomainEvent> decided)
    {
        var ids = new HashSet<Guid>();
        var state = before;
        foreach (var e in decided)
        {
            if (e is IIncidentEvent incident) state = Incident.Evolve(state, incident);
            // The events that send mail: stage changes go to the reporter, and every message to responders names them.
            if (state is not null && e is IncidentReported or StageAdvanced or IncidentAssigned or Escalated or SlaBreached or ReminderSent
                    or BriefingPosted or BriefingReminderSent or BriefingMissed)
                ids.Add(state.ReporterId);
            switch (e)
            {
                case IncidentAssigned a: ids.Add(a.OwnerId); break;
                case SlaBreached or ReminderSent or BriefingReminderSent or BriefingMissed when state?.OwnerId is { } o: ids.Add(o); break;
                case BriefingPosted p:
                    ids.Add(p.Actor);
                    if (state?.OwnerId is { } owner) ids.Add(owner);
                    break;
            }
        }
        return ids;
    }

    public static bool NeedsExecutives(IReadOnlyList<IDomainEvent> decided) =>
        decided.Any(e => e is SlaBreached { Kind: DeadlineKind.Acknowledge } or BriefingPosted or BriefingMissed);
}
