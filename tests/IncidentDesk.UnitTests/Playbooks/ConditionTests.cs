using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Playbooks;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Playbooks;

/// <summary>
/// A step's condition lists facts that must all hold (AND); facts are the incident's current ones
/// (<see cref="IncidentFacts.Of"/>), so a step can appear or disappear as the facts change.
/// </summary>
public sealed class ConditionTests
{
    private static readonly IncidentFacts NothingKnown = new(false, false, false, false, null);

    private static StepCondition Only(string fact, bool value) => fact switch
    {
        "personalDataInvolved" => new StepCondition(value, null, null, null, null),
        "dataMayBeLeaking" => new StepCondition(null, value, null, null, null),
        "usersMayBeHarmed" => new StepCondition(null, null, value, null, null),
        "disconnectedFromNetwork" => new StepCondition(null, null, null, value, null),
        _ => throw new ArgumentOutOfRangeException(nameof(fact)),
    };

    private static IncidentFacts With(string fact, bool value) => fact switch
    {
        "personalDataInvolved" => NothingKnown with { PersonalDataInvolved = value },
        "dataMayBeLeaking" => NothingKnown with { DataMayBeLeaking = value },
        "usersMayBeHarmed" => NothingKnown with { UsersMayBeHarmed = value },
        "disconnectedFromNetwork" => NothingKnown with { DisconnectedFromNetwork = value },
        _ => throw new ArgumentOutOfRangeException(nameof(fact)),
    };

    [Fact]
    public void A_step_without_a_condition_always_applies()
    {
        Assert.True(Checklist.Applies(null, NothingKnown));
        Assert.True(Checklist.Applies(null, new IncidentFacts(true, true, true, true, Severity.Critical)));
    }

    [Theory]
    [InlineData("personalDataInvolved", true, true, true)]
    [InlineData("personalDataInvolved", true, false, false)]
    [InlineData("personalDataInvolved", false, false, true)]
    [InlineData("personalDataInvolved", false, true, false)]
    [InlineData("dataMayBeLeaking", true, true, true)]
    [InlineData("dataMayBeLeaking", true, false, false)]
    [InlineData("dataMayBeLeaking", false, false, true)]
    [InlineData("dataMayBeLeaking", false, true, false)]
    [InlineData("usersMayBeHarmed", true, true, true)]
    [InlineData("usersMayBeHarmed", true, false, false)]
    [InlineData("usersMayBeHarmed", false, false, true)]
    [InlineData("usersMayBeHarmed", false, true, false)]
    [InlineData("disconnectedFromNetwork", true, true, true)]
    [InlineData("disconnectedFromNetwork", true, false, false)]
    [InlineData("disconnectedFromNetwork", false, false, true)]
    [InlineData("disconnectedFromNetwork", false, true, false)]
    public void A_condition_on_one_fact_applies_exactly_when_the_fact_has_the_asked_value(
        string fact, bool asked, bool actual, bool applies)
    {
        Assert.Equal(applies, Checklist.Applies(Only(fact, asked), With(fact, actual)));
    }

    [Theory]
    [InlineData("personalDataInvolved")]
    [InlineData("dataMayBeLeaking")]
    [InlineData("usersMayBeHarmed")]
    [InlineData("disconnectedFromNetwork")]
    public void A_condition_on_one_fact_ignores_every_other_fact(string fact)
    {
        var asked = Only(fact, true);
        var allTrueExceptIt = new IncidentFacts(
            fact != "personalDataInvolved", fact != "dataMayBeLeaking", fact != "usersMayBeHarmed",
            fact != "disconnectedFromNetwork", Severity.Critical);

        Assert.True(Checklist.Applies(asked, With(fact, true)));
        Assert.True(Checklist.Applies(asked, new IncidentFacts(true, true, true, true, Severity.Critical)));
        Assert.False(Checklist.Applies(asked, allTrueExceptIt));
    }

    [Theory]
    [InlineData(Severity.Low, null, false)]
    [InlineData(Severity.Medium, null, false)]
    [InlineData(Severity.Critical, null, false)]
    [InlineData(Severity.Low, Severity.Low, true)]
    [InlineData(Severity.Medium, Severity.Low, false)]
    [InlineData(Severity.Medium, Severity.Medium, true)]
    [InlineData(Severity.Medium, Severity.High, true)]
    [InlineData(Severity.High, Severity.Medium, false)]
    [InlineData(Severity.High, Severity.High, true)]
    [InlineData(Severity.High, Severity.Critical, true)]
    [InlineData(Severity.Critical, Severity.High, false)]
    [InlineData(Severity.Critical, Severity.Critical, true)]
    public void A_minimum_severity_applies_from_that_severity_up_and_never_before_severity_is_rated(
        Severity minimum, Severity? actual, bool applies)
    {
        var condition = new StepCondition(null, null, null, null, minimum);

        Assert.Equal(applies, Checklist.Applies(condition, NothingKnown with { Severity = actual }));
    }

    /// <summary>Personal data AND data may be leaking AND severity at least high.</summary>
    [Theory]
    [InlineData(true, true, Severity.High, true)]
    [InlineData(true, true, Severity.Critical, true)]
    [InlineData(true, true, Severity.Medium, false)]
    [InlineData(true, true, null, false)]
    [InlineData(false, true, Severity.Critical, false)]
    [InlineData(true, false, Severity.Critical, false)]
    [InlineData(false, false, Severity.Critical, false)]
    [InlineData(false, false, null, false)]
    public void Combined_facts_must_all_hold(bool personalData, bool leaking, Severity? severity, bool applies)
    {
        var condition = new StepCondition(true, true, null, null, Severity.High);
        var facts = new IncidentFacts(personalData, leaking, UsersMayBeHarmed: true, DisconnectedFromNetwork: true, severity);

        Assert.Equal(applies, Checklist.Applies(condition, facts));
    }

    [Fact]
    public void A_condition_may_ask_for_a_fact_to_be_false_together_with_another_to_be_true()
    {
        var stillConnectedAndHarming = new StepCondition(null, null, true, false, null);

        Assert.True(Checklist.Applies(stillConnectedAndHarming, NothingKnown with { UsersMayBeHarmed = true }));
        Assert.False(Checklist.Applies(stillConnectedAndHarming,
            NothingKnown with { UsersMayBeHarmed = true, DisconnectedFromNetwork = true }));
        Assert.False(Checklist.Applies(stillConnectedAndHarming, NothingKnown));
    }

    // ---- the facts of an incident ----------------------------------------------------------------------

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Before_triage_personal_data_is_the_reporters_first_guess(bool reporterSaid)
    {
        var s = new Scenario([Reported(personalData: reporterSaid)]).State;

        var facts = IncidentFacts.Of(s);

        Assert.Equal(reporterSaid, facts.PersonalDataInvolved);
        Assert.False(facts.DataMayBeLeaking);
        Assert.False(facts.UsersMayBeHarmed);
        Assert.Null(facts.Severity);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Triage_answers_win_over_the_reporters_first_guess(bool reporterSaid, bool triageFound)
    {
        var s = new Scenario([Reported(personalData: reporterSaid), Acknowledged(1), MovedOn(Stage.Detection, Stage.Triage, 1),
            Triaged(3, personalData: triageFound, usersMayBeHarmed: true, leaking: true, severity: Severity.High)]).State;

        var facts = IncidentFacts.Of(s);

        Assert.Equal(new IncidentFacts(triageFound, true, true, true, Severity.High), facts);
    }

    [Fact]
    public void Re_rating_updates_personal_data_and_severity()
    {
        var s = new Scenario([.. InAnalysis(),
            Rerated(6, InfoClass.Confidential, Impact.Serious, personalData: true, Severity.Medium, Severity.High)]).State;

        var facts = IncidentFacts.Of(s);

        Assert.True(facts.PersonalDataInvolved);
        Assert.Equal(Severity.High, facts.Severity);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(null, false)]
    public void Disconnected_from_the_network_is_the_reporters_answer_and_unknown_counts_as_not(bool? reported, bool fact)
    {
        var s = new Scenario([Reported(disconnected: reported)]).State;

        Assert.Equal(fact, IncidentFacts.Of(s).DisconnectedFromNetwork);
    }
}
