namespace IncidentDesk.Api.Incidents;

/// <summary>
/// Which incidents a list shows (issue 11 §2): real ones (every list's default), tabletop drill incidents (DRL-), or
/// both. Drill data is kept for trends; it is only left out unless asked for.
/// </summary>
public enum IncidentKind { Real, Drill, All }

public static class IncidentKinds
{
    /// <summary>The SQL condition on a drill_run_id column (incident_board.drill_run_id) that selects <paramref name="kind"/>.</summary>
    public static string Sql(IncidentKind kind, string drillRunColumn) => kind switch
    {
        IncidentKind.Real => $"{drillRunColumn} is null",
        IncidentKind.Drill => $"{drillRunColumn} is not null",
        _ => "true",
    };
}
