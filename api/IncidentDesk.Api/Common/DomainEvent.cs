namespace IncidentDesk.Api.Common;

/// <summary>A past-tense fact: who caused it (an account, or <see cref="SystemActor"/>) and when, in UTC.</summary>
public interface IDomainEvent
{
    Guid Actor { get; }

    DateTimeOffset At { get; }
}
