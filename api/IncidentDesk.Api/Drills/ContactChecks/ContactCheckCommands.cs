using IncidentDesk.Api.Common;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Notifications;
using IncidentDesk.Api.Timers;

namespace IncidentDesk.Api.Drills.ContactChecks;

/// <summary>What a rule of a check decides on: the check, the command's time, the step clock and new ids.</summary>
public sealed record CheckDecision(ContactCheck Check, DateTimeOffset Now, Func<DateTimeOffset, DateTimeOffset> StepDue, Func<Guid> NewId);

/// <summary>
/// Commands on a contact-chain check, on the one command path: load the check (pinned when the client sent If-Match),
/// decide (pure, <see cref="ContactCheckRules"/>), append, and queue the drill mail of every contact the decision reaches
/// on the check's notice stream in the same transaction (its step timer too, through the timer outbox).
/// </summary>
public sealed class ContactCheckCommands(CommandPath commands, EscalationSettingsStore settings)
{
    public async Task<(ContactCheck Check, long Version, bool Changed)> RunAsync(
        Guid actor, Guid checkId, long? expectedVersion, Func<CheckDecision, IReadOnlyList<IContactCheckEvent>> decide, CancellationToken ct)
    {
        var policy = await settings.PolicyAsync(ct);
        return await commands.RunAsync(actor, async work =>
        {
            var stream = await work.LoadAsync<ContactCheck>(checkId, ContactCheck.Evolve, ct, expectedVersion)
                         ?? throw new NotFoundError($"contact-chain check {checkId}");
            var events = decide(new CheckDecision(stream.State, work.Now, StepClock(policy), () => Guid.CreateVersion7(work.Now)));
            var after = await AppendAsync(work, stream.State, events, policy.TimeZone, ct);
            return (after, work.VersionAfter(checkId), events.Count > 0);
        }, ct);
    }

    /// <summary>The step a contact has to acknowledge: the SLA policy's acknowledge time of a new report, exactly as a real incident's.</summary>
    public static Func<DateTimeOffset, DateTimeOffset> StepClock(SlaPolicy policy) =>
        from => DeadlineCalculator.Due(from, policy.For(null).Acknowledge, policy);

    /// <summary>Appends the decided events and the mails they send; returns the check as it stands after them.</summary>
    internal static async Task<ContactCheck> AppendAsync(
        UnitOfWork work, ContactCheck? before, IReadOnlyList<IContactCheckEvent> events, string timeZone, CancellationToken ct)
    {
        if (events.Count == 0) return before ?? throw new InvalidOperationException("nothing decided on no check");
        var after = events.Aggregate(before, (s, e) => ContactCheck.Evolve(s, e))!;
        work.Append(after.Id, events);
        var messages = ContactCheckMessages.Plan(after, events, timeZone, work.Now);
        if (messages.Count > 0)
        {
            var notices = ContactCheckEventTypes.NoticeStreamIdFor(after.Id);
            await work.ReadVersionAsync(notices, ct);
            work.Append(notices, messages);
        }
        return after;
    }
}

/// <summary>
/// Starts a contact-chain check (the drill run calls it when a drill starts). Idempotent by <c>checkId</c>: starting a check
/// that exists answers it as it stands and sends nothing again.
/// </summary>
public sealed class ContactCheckStarter(CommandPath commands, EscalationSettingsStore settings)
{
    public async Task<ContactCheckView> StartAsync(
        Guid runId, Guid checkId, Category category, string? chainId, bool announced, string? language, Guid actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (runId == Guid.Empty) errors.Add("runId", "is required");
        if (checkId == Guid.Empty) errors.Add("checkId", "is required");
        if (actor == Guid.Empty) errors.Add("actor", "is required");
        if (!Enum.IsDefined(category) || category == Category.Unknown) errors.Add("category", "must be one of C1 to C10");
        if (language is not (null or "ja" or "en")) errors.Add("language", "must be ja or en");
        Guid? chosen = null;
        if (chainId is not null)
        {
            if (Guid.TryParse(chainId, out var id) && id != Guid.Empty) chosen = id;
            else errors.Add("chainId", "must be the id of a contact chain");
        }
        errors.ThrowIfAny();

        settings.Invalidate();
        var policy = await settings.PolicyAsync(ct);
        var (check, version) = await commands.RunAsync(actor, async work =>
        {
            if (await work.LoadAsync<ContactCheck>(checkId, ContactCheck.Evolve, ct) is { } existing)
                return (existing.State, existing.Version);
            var chain = chosen is { } c ? await ChosenAsync(c, ct) : await settings.ChainForAsync(category, null, ct);
            if (chain is null) throw new RuleViolated("no_chain", "there is no contact chain to check (no chain saved and no enabled admin or responder)");
            var events = ContactCheckRules.Start(checkId, runId, category, chain, announced, language, actor, work.Now,
                ContactCheckCommands.StepClock(policy), () => Guid.CreateVersion7(work.Now));
            var after = await ContactCheckCommands.AppendAsync(work, null, events, policy.TimeZone, ct);
            return (after, work.VersionAfter(checkId));
        }, ct);
        return ContactCheckViews.View(check, version);
    }

    private async Task<ContactChain> ChosenAsync(Guid id, CancellationToken ct)
    {
        if (id == ContactChain.BuiltInId && await settings.BuiltInChainAsync(ct) is { } builtIn) return builtIn;
        return (await settings.ChainsAsync(ct)).Select(c => c.Chain).FirstOrDefault(c => c.Id == id)
               ?? throw ValidationFailed.For("chainId", "must be the id of a contact chain");
    }
}

/// <summary>A check's step timed out (sent by its timer's Hangfire job; may arrive twice, late, or after the member answered).</summary>
public sealed class ContactCheckStepTimer(ContactCheckCommands checks) : ITimerPurpose
{
    public const string Purpose = "contact-check-step";

    public string Name => Purpose;

    public Task FireAsync(TimerDue timer, CancellationToken ct) =>
        checks.RunAsync(SystemActor.Id, timer.StreamId, null,
            d => ContactCheckRules.FireStep(d.Check, timer.TimerId, d.Now, d.StepDue, d.NewId), ct);
}

/// <summary>
/// The check's hook on the command path: the dispatcher records a delivery or a failure beside the message (on the check's
/// notice stream); the check hears of it in the same transaction: delivered, or bounced and on to the next contact at once.
/// </summary>
internal sealed class ContactCheckDeliveryReaction(EscalationSettingsStore settings) : IUnitOfWorkReaction
{
    public async Task ReactAsync(UnitOfWork work, CancellationToken ct)
    {
        var outcomes = work.Changes
            .SelectMany(c => c.Events.OfType<INotificationEvent>()
                .Where(e => e is NotificationSent or NotificationFailed && c.StreamId == ContactCheckEventTypes.NoticeStreamIdFor(e.IncidentId)))
            .ToList();
        if (outcomes.Count == 0) return;
        var policy = await settings.PolicyAsync(ct);
        foreach (var outcome in outcomes)
        {
            var check = await work.LoadAsync<ContactCheck>(outcome.IncidentId, ContactCheck.Evolve, ct);
            if (check is null) continue;
            var state = work.Changes.FirstOrDefault(c => c.StreamId == check.StreamId) is { } pending
                ? pending.Events.OfType<IContactCheckEvent>().Aggregate(check.State, (s, e) => ContactCheck.Evolve(s, e))
                : check.State;
            var now = work.Now;
            var events = outcome switch
            {
                NotificationSent s => ContactCheckRules.Delivered(state, s.NotificationId, s.Attempts, now),
                NotificationFailed f => ContactCheckRules.Bounced(state, f.NotificationId, f.Attempts, f.Error, f.Permanent, now,
                    ContactCheckCommands.StepClock(policy), () => Guid.CreateVersion7(now)),
                _ => [],
            };
            if (events.Count > 0) await ContactCheckCommands.AppendAsync(work, state, events, policy.TimeZone, ct);
        }
    }
}
