using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Triaging;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Incidents;

/// <summary>
/// Seeds digest §7 [derived]: the higher of information class (公開 &lt; 業務 &lt; 機密) and impact (軽微 &lt; 重大 &lt;
/// 極めて重大), raised one level when personal data is involved or users may be harmed, never above critical.
/// </summary>
public sealed class SeverityRuleTests : IncidentSpec
{
    // Written out independently of the enums' numeric values on purpose.
    private static readonly string[] Ladder = ["low", "medium", "high", "critical"];

    private static int Rank(InfoClass c) => c switch
    {
        InfoClass.Public => 0,
        InfoClass.Business => 1,
        InfoClass.Confidential => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    private static int Rank(Impact i) => i switch
    {
        Impact.Minor => 0,
        Impact.Serious => 1,
        Impact.ExtremelySerious => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };

    private static string Expected(InfoClass info, Impact impact, bool personalData, bool usersMayBeHarmed)
    {
        var level = Math.Max(Rank(info), Rank(impact));
        if (personalData || usersMayBeHarmed) level += 1;
        return Ladder[Math.Min(level, Ladder.Length - 1)];
    }

    public static TheoryData<InfoClass, Impact, bool, bool> AllInputs()
    {
        var data = new TheoryData<InfoClass, Impact, bool, bool>();
        foreach (var info in Enum.GetValues<InfoClass>())
        foreach (var impact in Enum.GetValues<Impact>())
        foreach (var personalData in new[] { false, true })
        foreach (var harmed in new[] { false, true })
            data.Add(info, impact, personalData, harmed);
        return data;
    }

    [Fact]
    public void The_table_covers_all_36_combinations() => Assert.Equal(3 * 3 * 2 * 2, AllInputs().Count);

    [Theory]
    [MemberData(nameof(AllInputs))]
    public void Severity_is_the_higher_level_raised_once_for_personal_data_or_harm(
        InfoClass info, Impact impact, bool personalData, bool usersMayBeHarmed)
    {
        var actual = SeverityRule.Derive(info, impact, personalData, usersMayBeHarmed);

        Assert.Equal(Expected(info, impact, personalData, usersMayBeHarmed), actual.ToString().ToLowerInvariant());
    }

    [Theory]
    [InlineData(InfoClass.Public, Impact.Minor, false, false, Severity.Low)]
    [InlineData(InfoClass.Confidential, Impact.Minor, false, false, Severity.High)]
    [InlineData(InfoClass.Public, Impact.ExtremelySerious, false, false, Severity.High)]
    [InlineData(InfoClass.Business, Impact.Minor, true, true, Severity.High)]
    [InlineData(InfoClass.Confidential, Impact.Serious, true, false, Severity.Critical)]
    [InlineData(InfoClass.Confidential, Impact.ExtremelySerious, true, true, Severity.Critical)]
    public void Landmarks_of_the_rule(InfoClass info, Impact impact, bool personalData, bool harmed, Severity expected) =>
        Assert.Equal(expected, SeverityRule.Derive(info, impact, personalData, harmed));

    [Fact]
    public void Critical_is_reached_only_through_the_raise()
    {
        var critical = AllInputs().Select(row => ((InfoClass)row[0], (Impact)row[1], (bool)row[2], (bool)row[3]))
            .Where(x => SeverityRule.Derive(x.Item1, x.Item2, x.Item3, x.Item4) == Severity.Critical);

        Assert.All(critical, x => Assert.True(x.Item3 || x.Item4));
    }

    [Theory]
    [MemberData(nameof(AllInputs))]
    public void Triage_records_the_severity_of_the_rule(InfoClass info, Impact impact, bool personalData, bool usersMayBeHarmed)
    {
        var triaged = Given(InTriage())
            .When(s => TriageHandler.Decide(s, TriageHandler.Validate(new TriageRequest(info, impact, personalData, usersMayBeHarmed, false, [], null)), Responder, Now))
            .Events.OfType<IncidentTriaged>().Single();

        Assert.Equal(Expected(info, impact, personalData, usersMayBeHarmed), triaged.Severity.ToString().ToLowerInvariant());
    }
}
