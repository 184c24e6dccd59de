using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Briefings;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Incidents.Briefings;

/// <summary>Posting an executive briefing (issue 10 §5, R17): open high and critical incidents only, each post a new numbered briefing.</summary>
public sealed class PostBriefingTests : IncidentSpec
{
    private static readonly Guid BriefingId = Guid.Parse("01930000-0000-7000-8000-0000000000f9");

    private static readonly PostBriefingRequest Body = new(
        " One sales PC encrypted by ransomware ", "One PC; customer list unreadable", "Investigating spread; restoring from backup",
        "Whether the list was sent out", "Confirm we do not pay");

    private static IIncidentEvent[] Critical() =>
        [.. InAnalysis(), Rerated(6, InfoClass.Confidential, Impact.Serious, true, Severity.Medium, Severity.Critical)];

    private static IReadOnlyList<IIncidentEvent> Post(Incident s, DateTimeOffset? at = null) =>
        PostBriefingHandler.Decide(s, PostBriefingHandler.Validate(Body), BriefingId, Responder, at ?? Now);

    [Fact]
    public void A_briefing_on_a_critical_incident_records_its_five_parts_trimmed_with_number_severity_actor_and_time()
    {
        Given(Critical())
            .When(s => Post(s))
            .Then(new BriefingPosted(IncidentId, BriefingId, 1, Severity.Critical, "One sales PC encrypted by ransomware",
                "One PC; customer list unreadable", "Investigating spread; restoring from backup", "Whether the list was sent out",
                "Confirm we do not pay", Responder, Now));
    }

    [Fact]
    public void Briefings_are_numbered_in_order_and_the_state_keeps_the_last_time()
    {
        var first = Given(Critical()).When(s => Post(s, T(7))).Events;

        var second = Given([.. Critical(), .. first]).When(s => Post(s));

        Assert.Equal(2, Assert.IsType<BriefingPosted>(Assert.Single(second.Events)).Number);
        Assert.Equal((2, Now), (second.State.BriefingCount, second.State.LastBriefingAt));
    }

    [Fact]
    public void A_briefing_is_no_change_to_the_incidents_facts()
    {
        var before = Given(Critical()).State;

        var after = Given(Critical()).When(s => Post(s)).State;

        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }

    [Fact]
    public void A_high_incident_can_be_briefed()
    {
        Given([.. InAnalysis(), Rerated(6, InfoClass.Confidential, Impact.Serious, false, Severity.Medium, Severity.High)])
            .When(s => Post(s))
            .Then(new BriefingPosted(IncidentId, BriefingId, 1, Severity.High, "One sales PC encrypted by ransomware",
                "One PC; customer list unreadable", "Investigating spread; restoring from backup", "Whether the list was sent out",
                "Confirm we do not pay", Responder, Now));
    }

    [Fact]
    public void A_medium_incident_is_not_briefed()
    {
        var violation = Given(InAnalysis()).When(s => Post(s)).ThenRuleViolated("briefing_not_required");

        Assert.Contains("medium", violation.Message);
    }

    [Fact]
    public void An_incident_not_rated_yet_is_not_briefed()
    {
        Given(InTriage()).When(s => Post(s)).ThenRuleViolated("briefing_not_required");
    }

    [Fact]
    public void A_closed_incident_is_not_briefed()
    {
        Given([.. Closed(), Rerated(12, InfoClass.Confidential, Impact.Serious, true, Severity.Medium, Severity.Critical)])
            .When(s => Post(s)).ThenRuleViolated("incident_closed");
    }

    [Theory]
    [InlineData("whatHappened")]
    [InlineData("impact")]
    [InlineData("response")]
    [InlineData("unknowns")]
    [InlineData("nextDecision")]
    public void Every_part_is_required(string field)
    {
        var blank = Field(field, "  ");

        var e = Assert.Throws<ValidationFailed>(() => PostBriefingHandler.Validate(blank));

        Assert.Equal([field], e.Errors.Keys);
    }

    [Fact]
    public void A_part_over_2000_characters_is_refused_and_2000_is_fine()
    {
        PostBriefingHandler.Validate(Field("impact", new string('x', 2000)));

        var e = Assert.Throws<ValidationFailed>(() => PostBriefingHandler.Validate(Field("impact", new string('x', 2001))));

        Assert.Equal(["impact"], e.Errors.Keys);
    }

    [Fact]
    public void Line_breaks_and_tabs_are_kept_but_other_control_characters_are_refused()
    {
        Assert.Equal("line one\n\tline two", PostBriefingHandler.Validate(Field("unknowns", "line one\n\tline two")).Unknowns);

        foreach (var bad in new[] { "bell\u0007", "nul\u0000", "escape\u001b[31m" })
            Assert.Equal(["unknowns"], Assert.Throws<ValidationFailed>(() => PostBriefingHandler.Validate(Field("unknowns", bad))).Errors.Keys);
    }

    private static PostBriefingRequest Field(string field, string value) => field switch
    {
        "whatHappened" => Body with { WhatHappened = value },
        "impact" => Body with { Impact = value },
        "response" => Body with { Response = value },
        "unknowns" => Body with { Unknowns = value },
        _ => Body with { NextDecision = value },
    };
}
