using IncidentDesk.Api.Notifications;

namespace IncidentDesk.UnitTests.Drills;

/// <summary>
/// The dispatcher's gate (issue 11 §2): a drill message reaches only the addresses listed for its run; anything else is
/// simulated ("would have been sent") with a reason; a real message is delivered, with the REAL line while a drill runs.
/// </summary>
public sealed class DrillRoutingTests
{
    private static readonly Guid Run = Guid.Parse("01930000-0000-7000-8000-00000000d001");
    private static readonly Guid OtherRun = Guid.Parse("01930000-0000-7000-8000-00000000d002");

    private static DrillRoute Route(Guid? message = null, Guid? incident = null, NotificationChannel channel = NotificationChannel.Email,
        string address = "player@example.test", bool listed = false, bool inProgress = false) =>
        DrillRouting.Decide(new DrillRoutingInput(message, incident, channel, address, listed, inProgress));

    [Fact]
    public void A_real_message_with_no_drill_in_progress_is_delivered_as_stored()
    {
        Assert.Equal(new DrillRoute(DrillRouteKind.Deliver), Route());
    }

    [Fact]
    public void A_real_message_while_a_drill_is_in_progress_is_delivered_with_the_real_line()
    {
        Assert.Equal(new DrillRoute(DrillRouteKind.DeliverReal), Route(inProgress: true));
    }

    [Fact]
    public void A_real_message_is_never_held_back_even_if_its_address_is_on_some_allow_list()
    {
        Assert.Equal(DrillRouteKind.Deliver, Route(listed: true).Kind);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void A_drill_message_to_an_address_listed_for_its_run_is_delivered_marked(bool byMessage, bool byIncident)
    {
        var route = Route(byMessage ? Run : null, byIncident ? Run : null, listed: true);
        Assert.Equal(new DrillRoute(DrillRouteKind.DeliverDrill, Run), route);
    }

    [Fact]
    public void A_drill_message_outside_the_run_is_simulated_as_outside_run()
    {
        Assert.Equal(new DrillRoute(DrillRouteKind.Simulate, Run, DrillRouting.OutsideRun), Route(Run, address: "press@example.com"));
    }

    [Fact]
    public void A_drill_message_is_simulated_whether_or_not_a_drill_is_in_progress()
    {
        Assert.Equal(DrillRouteKind.Simulate, Route(Run, inProgress: true).Kind);
        Assert.Equal(DrillRouteKind.Simulate, Route(Run, inProgress: false).Kind);
    }

    [Fact]
    public void A_message_of_a_drill_incident_queued_without_its_run_is_still_kept_inside_the_run()
    {
        Assert.Equal(new DrillRoute(DrillRouteKind.Simulate, Run, DrillRouting.OutsideRun), Route(incident: Run));
    }

    [Fact]
    public void A_webhook_of_a_drill_not_enabled_for_the_run_is_simulated_as_webhook_not_enabled()
    {
        Assert.Equal(new DrillRoute(DrillRouteKind.Simulate, Run, DrillRouting.WebhookNotEnabled),
            Route(Run, channel: NotificationChannel.Webhook, address: "https://hooks.example.test/x"));
    }

    [Fact]
    public void A_webhook_listed_for_the_run_is_called_marked()
    {
        Assert.Equal(DrillRouteKind.DeliverDrill,
            Route(Run, channel: NotificationChannel.Webhook, address: "https://hooks.example.test/x", listed: true).Kind);
    }

    [Fact]
    public void A_message_whose_run_and_incident_run_disagree_is_simulated_even_if_listed()
    {
        Assert.Equal(new DrillRoute(DrillRouteKind.Simulate, Run, DrillRouting.RunMismatch), Route(Run, OtherRun, listed: true));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_drill_message_without_an_address_is_simulated(string address)
    {
        Assert.Equal(new DrillRoute(DrillRouteKind.Simulate, Run, DrillRouting.NoAddress), Route(Run, address: address, listed: true));
    }

    [Theory]
    [InlineData(" Player@Example.TEST ", "player@example.test")]
    [InlineData("https://Hooks.example.test/X", "https://hooks.example.test/x")]
    public void Addresses_are_compared_lower_case_and_trimmed(string address, string normalised)
    {
        Assert.Equal(normalised, DrillRouting.Normalise(address));
    }
}
