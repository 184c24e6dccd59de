namespace IncidentDesk.Api.Common;

/// <summary>IncidentDesk itself as the actor of what no person did: timers firing, deliveries recorded.</summary>
public static class SystemActor
{
    public static readonly Guid Id = new("00000000-0000-4000-8000-00000000d35c");
    public const string Name = "IncidentDesk";
}
