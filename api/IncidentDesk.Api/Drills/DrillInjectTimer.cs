namespace IncidentDesk.Api.Drills;

/// <summary>Drill injects are timers of this purpose on the run's stream.</summary>
public static class DrillInjectTimer
{
    public const string Purpose = "drill-inject";
}
