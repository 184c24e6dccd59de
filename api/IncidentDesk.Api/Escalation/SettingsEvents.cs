using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;

namespace IncidentDesk.Api.Escalation;

/// <summary>An admin defined or changed a contact chain (the whole chain, as saved).</summary>
public sealed record ContactChainSaved(
    Guid ChainId, string Name, Category[] Categories, string? Department, bool IsDefault, Contact[] Contacts,
    Guid Actor, DateTimeOffset At);

public sealed record ContactChainRemoved(Guid ChainId, Guid Actor, DateTimeOffset At);

/// <summary>An admin changed the SLA policy; it applies to deadlines set from then on.</summary>
public sealed record SlaPolicySaved(SlaRow[] Rows, string TimeZone, int BusinessDayStartHour, Guid Actor, DateTimeOffset At);

public static class SettingsEventTypes
{
    public const string ChainStream = "contact_chain";
    public const string SlaStream = "sla_policy";

    /// <summary>The SLA policy is one stream with a fixed id.</summary>
    public static readonly Guid SlaPolicyStreamId = new("5a1a0000-0000-4000-8000-000000000001");

    /// <summary>Stored names of the settings events: the audit trail of the admin settings is these.</summary>
    public static readonly string[] Names = ["contact_chain_saved", "contact_chain_removed", "sla_policy_saved"];

    public static EventTypeMap RegisterSettingsEvents(this EventTypeMap map) => map
        .Register<ContactChainSaved>(Names[0])
        .Register<ContactChainRemoved>(Names[1])
        .Register<SlaPolicySaved>(Names[2]);
}
