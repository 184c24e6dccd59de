namespace IncidentDesk.Api.Notifications;

/// <summary>What the dispatcher does with one message (issue 11 §2).</summary>
public enum DrillRouteKind
{
    /// <summary>A real message while no drill is in progress: delivered as stored.</summary>
    Deliver,

    /// <summary>A real message while a drill is in progress: delivered with the REAL line (<see cref="DrillMarking.MarkReal"/>).</summary>
    DeliverReal,

    /// <summary>A drill message to an address listed for its run: delivered marked (<see cref="DrillMarking.Mark"/>, idempotent).</summary>
    DeliverDrill,

    /// <summary>A drill message to anyone else: recorded as "would have been sent" (<see cref="NotificationSimulated"/>), never leaves.</summary>
    Simulate,
}

/// <summary>The route, the drill run it belongs to (null for a real message) and, for a simulated one, why.</summary>
public sealed record DrillRoute(DrillRouteKind Kind, Guid? RunId = null, string? Reason = null);

/// <summary>One outbox row as the gate sees it.</summary>
/// <param name="MessageRunId">notification_outbox.drill_run_id: the run the message was queued for.</param>
/// <param name="IncidentRunId">incident_board.drill_run_id of the row's incident (null when it is real or not an incident).</param>
/// <param name="AddressListed">Whether the address (lower-case; the URL for a webhook) is in drill_allow_list for the run.</param>
/// <param name="DrillInProgress">Whether any drill run is running, paused or stopped (STOPEX) right now.</param>
public sealed record DrillRoutingInput(
    Guid? MessageRunId, Guid? IncidentRunId, NotificationChannel Channel, string Address, bool AddressListed, bool DrillInProgress);

/// <summary>
/// The rule that keeps drill messages inside their run (issue 11 §2). A message belongs to a drill when it was queued
/// for a run or its incident is a drill incident, whichever says so: the incident's run is the safety net for a drill
/// message queued without its run. Such a message is delivered only to an address the run's allow-list holds (its
/// participants, its webhooks when enabled, the chain members under test); everything else (authorities, customers,
/// press, a webhook not enabled, any address outside the run) is simulated. A message whose two runs disagree cannot be
/// trusted to either and is simulated. Pure.
/// </summary>
public static class DrillRouting
{
    public const string OutsideRun = "outside-run";
    public const string WebhookNotEnabled = "webhook-not-enabled";
    public const string RunMismatch = "run-mismatch";
    public const string NoAddress = "no-address";

    public static DrillRoute Decide(DrillRoutingInput m)
    {
        if (m.MessageRunId is { } a && m.IncidentRunId is { } b && a != b) return new(DrillRouteKind.Simulate, a, RunMismatch);
        if ((m.MessageRunId ?? m.IncidentRunId) is not { } run)
            return new(m.DrillInProgress ? DrillRouteKind.DeliverReal : DrillRouteKind.Deliver);
        if (string.IsNullOrWhiteSpace(m.Address)) return new(DrillRouteKind.Simulate, run, NoAddress);
        if (m.AddressListed) return new(DrillRouteKind.DeliverDrill, run);
        return new(DrillRouteKind.Simulate, run, m.Channel == NotificationChannel.Webhook ? WebhookNotEnabled : OutsideRun);
    }

    /// <summary>How an address is compared with drill_allow_list (which stores addresses lower-case).</summary>
    public static string Normalise(string address) => address.Trim().ToLowerInvariant();
}
