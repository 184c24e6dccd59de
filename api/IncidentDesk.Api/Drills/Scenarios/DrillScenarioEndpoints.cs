using System.ComponentModel.DataAnnotations;
using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Playbooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentDesk.Api.Drills.Scenarios;

/// <summary>A scenario of the library page: enough to choose one for a drill.</summary>
public sealed record DrillScenarioSummary(
    string Id, int Version, string ContentHash, LocalizedText Title, LocalizedText Summary, Category Category,
    DrillFormat Format, int DurationMinutes, int SuggestedTimeScale, bool EmailDown, int ObjectiveCount, int InjectCount,
    int ExpectedActionCount);

public sealed record DrillScenarioList(IReadOnlyList<DrillScenarioSummary> Items);

public sealed record ExpectedActionView(
    string Id, LocalizedText Text, ExpectedActionKind Kind, DrillTeam Who, int Weight, int? TimeLimitMinutes,
    ExpectedSignal? Signal, SourceView Source);

public sealed record DrillInjectView(
    string Id, string ModuleId, int OffsetMinutes, InjectChannel Channel, DrillTeam Audience, LocalizedText Title,
    LocalizedText Content, LocalizedText? FacilitatorNotes, IReadOnlyList<ExpectedActionView> Expected,
    IReadOnlyList<OutsideParty> Outside, SourceView Source);

public sealed record DrillModuleView(string Id, LocalizedText Title, IReadOnlyList<DrillInjectView> Injects);

public sealed record DrillRevealView(
    LocalizedText Accident, IReadOnlyList<LocalizedText> RootCauses, LocalizedText? RegulatoryAnswer, SourceView Source);

/// <summary>The whole scenario as a facilitator prepares it: every inject, its script and the expected actions.</summary>
public sealed record DrillScenarioDetail(
    string Id, int Version, string ContentHash, string FileName, LocalizedText Title, LocalizedText Summary,
    Category Category, DrillFormat Format, int DurationMinutes, int SuggestedTimeScale, bool EmailDown,
    IReadOnlyList<LocalizedText> RolesNeeded, IReadOnlyList<DrillObjective> Objectives, LocalizedText Situation,
    IReadOnlyList<DrillModuleView> Modules, DrillRevealView Reveal, IReadOnlyList<LocalizedText> DiscussionQuestions,
    IReadOnlyList<SourceView> Sources);

public static class DrillScenarioEndpoints
{
    /// <summary>Longest scenario id the API looks up (ids are short slugs; anything longer is not one).</summary>
    public const int MaxIdLength = 100;

    public static IEndpointRouteBuilder MapDrillScenarios(this IEndpointRouteBuilder app)
    {
        // Facilitators are admins and responders; executives may look. Staff (reporters) do not see the scripts.
        var group = app.MapGroup("/api/drills/scenarios").WithTags("Drills").RequireAuthorization(Policies.SeesAllIncidents);

        group.MapGet("/", (ScenarioLibrary library) => TypedResults.Ok(new DrillScenarioList(library.All.Select(Summary).ToList())))
            .WithName("ListDrillScenarios").WithSummary("The drill scenarios of the library (current versions)");

        group.MapGet("/{id}", Ok<DrillScenarioDetail> ([MaxLength(MaxIdLength)] string id, ScenarioLibrary library) =>
            {
                if (id.Length > MaxIdLength) throw ValidationFailed.For("id", $"must be at most {MaxIdLength} characters");
                if (id.Any(char.IsControl)) throw ValidationFailed.For("id", "must be one line without control characters");
                var scenario = library.Find(id) ?? throw new NotFoundError($"drill scenario '{id}'");
                return TypedResults.Ok(Detail(scenario, library.Sources));
            })
            .WithName("GetDrillScenario").WithSummary("A drill scenario with its modules, injects, expected actions, reveal and sources");
        return app;
    }

    public static DrillScenarioSummary Summary(DrillScenario s) => new(
        s.Id, s.Version, s.ContentHash, s.Title, s.Summary, s.Category, s.Format, s.DurationMinutes, s.SuggestedTimeScale,
        s.EmailDown, s.Objectives.Count, s.Injects.Count(), s.ExpectedActions.Count());

    public static DrillScenarioDetail Detail(DrillScenario s, SourceCatalog sources) => new(
        s.Id, s.Version, s.ContentHash, s.FileName, s.Title, s.Summary, s.Category, s.Format, s.DurationMinutes,
        s.SuggestedTimeScale, s.EmailDown, s.RolesNeeded, s.Objectives, s.Situation,
        s.Modules.Select(m => new DrillModuleView(m.Id, m.Title, m.Injects.Select(i => new DrillInjectView(
            i.Id, m.Id, i.OffsetMinutes, i.Channel, i.Audience, i.Title, i.Content, i.FacilitatorNotes,
            i.Expected.Select(a => new ExpectedActionView(a.Id, a.Text, a.Kind, a.Who, a.Weight, a.TimeLimitMinutes, a.Signal,
                sources.View(a.Source))).ToList(),
            i.Outside, sources.View(i.Source))).ToList())).ToList(),
        new DrillRevealView(s.Reveal.Accident, s.Reveal.RootCauses, s.Reveal.RegulatoryAnswer, sources.View(s.Reveal.Source)),
        s.DiscussionQuestions, s.Sources.Select(sources.View).ToList());
}
