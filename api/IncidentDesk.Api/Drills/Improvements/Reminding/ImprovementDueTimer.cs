using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.Improvements.Editing;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Timers;
using MediatR;
using Npgsql;

namespace IncidentDesk.Api.Drills.Improvements;

/// <summary>A reminder's time has come (sent by its Hangfire job; may arrive twice, late, or after the item was done).</summary>
public sealed record RemindImprovementOwner(Guid ItemId, Guid TimerId) : IRequest<int>;

internal sealed class RemindImprovementOwnerHandler(CommandPath commands, NpgsqlDataSource db, PublicUrl publicUrl)
    : IRequestHandler<RemindImprovementOwner, int>
{
    public Task<int> Handle(RemindImprovementOwner cmd, CancellationToken ct) =>
        commands.RunAsync(SystemActor.Id, async work =>
        {
            var item = await work.LoadAsync<ImprovementItem>(cmd.ItemId, ImprovementItem.Evolve, ct);
            if (item is null) return 0;
            var noticesId = ImprovementNotices.StreamIdFor(cmd.ItemId);
            var notices = (await work.LoadAsync<ImprovementNotices>(noticesId, ImprovementNotices.Evolve, ct))?.State;
            if (notices is null) return 0;
            var (accounts, _) = await EscalationContextLoader.LoadRecipientsAsync(db, [item.State.OwnerId], false, ct, enabledOnly: true);
            var events = ImprovementRules.Remind(item.State, notices, cmd.TimerId, accounts.GetValueOrDefault(item.State.OwnerId),
                $"{publicUrl.Base}/drills/improvements/{cmd.ItemId}", work.Now, () => Guid.CreateVersion7(work.Now));
            // The reminder read the item (owner, due date, status): it holds only if the item has not moved by the commit.
            if (events.Count > 0) work.Require(cmd.ItemId);
            work.Append(noticesId, events);
            return events.Count;
        }, ct);
}

/// <summary>Improvement reminders are timers of this purpose on the item's notice stream.</summary>
public sealed class ImprovementDueTimer(IMediator mediator) : ITimerPurpose
{
    public const string Purpose = "improvement-due";

    public string Name => Purpose;

    public Task FireAsync(TimerDue timer, CancellationToken ct) => mediator.Send(new RemindImprovementOwner(timer.StreamId, timer.TimerId), ct);
}
