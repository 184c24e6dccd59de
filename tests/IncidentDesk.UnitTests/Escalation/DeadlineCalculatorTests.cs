using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.Incidents;

namespace IncidentDesk.UnitTests.Escalation;

/// <summary>
/// What the integration suite's DeadlineDecisionTests leaves out: policies in another time zone or with another
/// start hour, summer time, and the fallback to the unrated row (Tokyo's rule and minute spans are covered there).
/// </summary>
public sealed class DeadlineCalculatorTests
{
    private static SlaPolicy Berlin(int startHour) => SlaPolicy.Default with { TimeZone = "Europe/Berlin", BusinessDayStartHour = startHour };

    [Fact]
    public void Next_business_day_follows_the_policys_time_zone_and_start_hour()
    {
        // Friday 23:30 UTC is already Saturday 00:30 in Berlin: the next business day is Monday, 08:00 CET.
        var due = DeadlineCalculator.Due(new DateTimeOffset(2026, 11, 20, 23, 30, 0, TimeSpan.Zero), SlaSpan.BusinessDay, Berlin(8));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(1)), due);
    }

    [Fact]
    public void Next_business_day_starts_in_that_days_offset_when_summer_time_began_over_the_weekend()
    {
        // Friday 2026-03-27 is in CET (+1); summer time starts Sunday 29 March, so Monday 08:00 is CEST (+2).
        var due = DeadlineCalculator.Due(new DateTimeOffset(2026, 3, 27, 15, 0, 0, TimeSpan.FromHours(1)), SlaSpan.BusinessDay, Berlin(8));

        Assert.Equal(new DateTimeOffset(2026, 3, 30, 6, 0, 0, TimeSpan.Zero), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void A_business_day_span_started_at_the_start_hour_ends_the_next_business_day_not_the_same_day()
    {
        var mondayNine = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(9));

        Assert.Equal(mondayNine.AddDays(1), DeadlineCalculator.Due(mondayNine, SlaSpan.BusinessDay, SlaPolicy.Default));
    }

    [Fact]
    public void A_severity_without_a_row_of_its_own_uses_the_unrated_row()
    {
        var policy = SlaPolicy.Default with { Rows = SlaPolicy.Default.Rows.Where(r => r.Severity != "high").ToList() };

        Assert.Equal(SlaPolicy.Unrated, policy.For(Severity.High).Severity);
        Assert.Equal("critical", policy.For(Severity.Critical).Severity);
        Assert.Equal(SlaPolicy.Unrated, policy.For(null).Severity);
    }
}
