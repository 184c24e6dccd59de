namespace IncidentDesk.Api.Notifications;

/// <summary>
/// How a message decided about an incident becomes a drill message when the incident is a drill (issue 11 §2): it
/// carries the run (<see cref="NotificationQueued.DrillRunId"/>, which the dispatcher's gate reads) and the marking
/// (<see cref="DrillMarking.Mark"/>) in the recipient's language. Every reaction that queues a message about an
/// incident passes it through here, so a drill incident's message can never be queued unmarked or without its run.
/// </summary>
public static class DrillMessages
{
    public static NotificationQueued ForDrill(this NotificationQueued message, Guid? drillRunId)
    {
        if (drillRunId is not { } run) return message;
        var (subject, body) = DrillMarking.Mark(message.Subject, message.Body, message.Language);
        return message with { Subject = subject, Body = body, DrillRunId = run };
    }
}
