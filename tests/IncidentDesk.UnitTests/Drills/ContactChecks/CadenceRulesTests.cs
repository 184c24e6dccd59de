using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.ContactChecks;

namespace IncidentDesk.UnitTests.Drills.ContactChecks;

/// <summary>R35: a reminder when no contact-chain check has completed for 12 months, once per period.</summary>
public sealed class CadenceRulesTests
{
    private static readonly DateTimeOffset LastCheck = new(2025, 3, 10, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_check_within_12_months_is_not_due_and_sends_nothing()
    {
        var now = LastCheck.AddMonths(12).AddMinutes(-1);

        Assert.False(CadenceRules.IsDue(LastCheck, now));
        Assert.Null(CadenceRules.Decide(LastCheck, [], 2, now));
    }

    [Fact]
    public void Twelve_months_after_the_last_check_the_admins_and_executives_are_reminded_once_for_the_period()
    {
        var now = LastCheck.AddMonths(12).AddDays(1);

        var reminder = CadenceRules.Decide(LastCheck, [], 2, now);

        Assert.Equal(new ContactCheckReminderSent(LastCheck.AddMonths(12), LastCheck, 2, SystemActor.Id, now), reminder);
        Assert.Null(CadenceRules.Decide(LastCheck, [reminder!], 2, now.AddDays(1)));
        Assert.Null(CadenceRules.Decide(LastCheck, [reminder!], 2, now.AddMonths(10)));
        var nextPeriod = CadenceRules.Decide(LastCheck, [reminder!], 2, LastCheck.AddMonths(24).AddHours(1));
        Assert.Equal(LastCheck.AddMonths(24), nextPeriod!.PeriodStart);
    }

    [Fact]
    public void With_no_check_ever_a_check_is_due_and_the_reminder_repeats_yearly_from_the_first()
    {
        var first = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

        var reminder = CadenceRules.Decide(null, [], 1, first);

        Assert.True(CadenceRules.IsDue(null, first));
        Assert.Equal(first, reminder!.PeriodStart);
        Assert.Null(CadenceRules.Decide(null, [reminder], 1, first.AddMonths(6)));
        Assert.Equal(first.AddMonths(12), CadenceRules.Decide(null, [reminder], 1, first.AddMonths(12))!.PeriodStart);
    }

    [Fact]
    public void A_new_check_starts_the_clock_again()
    {
        var old = CadenceRules.Decide(LastCheck, [], 2, LastCheck.AddMonths(13))!;
        var newer = LastCheck.AddMonths(13).AddDays(2);

        Assert.Null(CadenceRules.Decide(newer, [old], 2, newer.AddMonths(1)));
        Assert.Equal(newer.AddMonths(12), CadenceRules.Decide(newer, [old], 2, newer.AddMonths(12))!.PeriodStart);
    }
}
