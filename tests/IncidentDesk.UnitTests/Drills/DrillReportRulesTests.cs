using System.Collections.Immutable;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.Reports;
using static IncidentDesk.UnitTests.Testing.Fixed;

namespace IncidentDesk.UnitTests.Drills;

/// <summary>Given a report's events, when an edit or the finalisation, then the events decided (or the rule broken).</summary>
public sealed class DrillReportRulesTests
{
    private static readonly Guid RunId = Guid.Parse("01930000-0000-7000-8000-000000000e02");
    private static readonly string[] Objectives = ["spot-unclassified", "access-control"];

    private static DrillReport Draft() => DrillReport.Evolve(null, new DrillReportGenerated(RunId, "kyt-01", SystemActor.Id, T(0)));

    [Theory]
    [InlineData(100, HseepRating.P)]
    [InlineData(90, HseepRating.P)]
    [InlineData(89, HseepRating.S)]
    [InlineData(70, HseepRating.S)]
    [InlineData(69, HseepRating.M)]
    [InlineData(40, HseepRating.M)]
    [InlineData(39, HseepRating.U)]
    [InlineData(0, HseepRating.U)]
    public void The_score_suggests_an_HSEEP_rating(int percent, HseepRating rating) => Assert.Equal(rating, DrillReportRules.Suggest(percent));

    [Fact]
    public void Nothing_to_score_suggests_nothing() => Assert.Null(DrillReportRules.Suggest(null));

    [Fact]
    public void An_edit_replaces_the_facilitators_part_and_the_same_edit_again_records_nothing()
    {
        var edit = new ReportEdit("Two numbers were dead", null, [new ObjectiveRating("access-control", HseepRating.M, "Nobody owned it")]);

        var edited = Assert.IsType<DrillReportEdited>(Assert.Single(DrillReportRules.Edit(Draft(), edit, Responder, Now)));
        var after = DrillReport.Evolve(Draft(), edited);

        Assert.Equal(HseepRating.M, after.Ratings["access-control"].Rating);
        Assert.Empty(DrillReportRules.Edit(after, edit with { Ratings = [.. edit.Ratings] }, Responder, Now));
        var ratings = DrillReportRules.Ratings(after, Objectives, 75);
        Assert.Equal([(HseepRating.S, (HseepRating?)null), (HseepRating.S, HseepRating.M)], ratings.Select(r => (r.Suggested!.Value, r.Set?.Rating)));
    }

    [Fact]
    public void Finalising_freezes_the_ratings_with_the_suggestions_and_the_versions_read_then_edits_are_refused()
    {
        var draft = DrillReport.Evolve(Draft(), new DrillReportEdited(RunId, null, null, [new ObjectiveRating("access-control", HseepRating.M, null)], Responder, T(1)));

        var final = Assert.IsType<DrillReportFinalised>(Assert.Single(
            DrillReportRules.Finalise(draft, Objectives, 92, 14, [new CheckVersion(RunId, 3)], Responder, Now)));

        Assert.Equal([("spot-unclassified", HseepRating.P), ("access-control", HseepRating.M)], final.Ratings.Select(r => (r.ObjectiveId, r.Rating)));
        Assert.Equal(14, final.RunVersion);
        var done = DrillReport.Evolve(draft, final);
        Assert.True(done.IsFinal);
        Assert.Equal("report_finalised", Assert.Throws<RuleViolated>(() => DrillReportRules.Edit(done, new ReportEdit("x", null, []), Responder, Now)).Rules.Single().Code);
        Assert.Equal("report_finalised", Assert.Throws<RuleViolated>(() => DrillReportRules.Finalise(done, Objectives, 92, 14, [], Responder, Now)).Rules.Single().Code);
    }

    [Fact]
    public void Without_a_score_every_objective_must_be_rated_by_hand_before_finalising()
    {
        var e = Assert.Throws<RuleViolated>(() => DrillReportRules.Finalise(Draft(), Objectives, null, 3, [], Responder, Now));

        Assert.Equal("objectives_unrated", e.Rules.Single().Code);
        Assert.Contains("spot-unclassified", e.Message, StringComparison.Ordinal);
        Assert.Equal(ImmutableDictionary<string, ObjectiveRating>.Empty, Draft().Ratings);
    }

    [Fact]
    public void The_report_stream_is_derived_from_the_run()
    {
        Assert.Equal(DrillReport.StreamIdFor(RunId), DrillReport.StreamIdFor(RunId));
        Assert.NotEqual(RunId, DrillReport.StreamIdFor(RunId));
    }
}
