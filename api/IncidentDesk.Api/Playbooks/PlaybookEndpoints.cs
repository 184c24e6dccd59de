using IncidentDesk.Api.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentDesk.Api.Playbooks;

public sealed record PlaybookSummary(
    string Id, int Version, Category Category, string ContentHash, LocalizedText Title, LocalizedText Summary,
    int StepCount, int RequiredCount);

public sealed record PlaybookList(IReadOnlyList<PlaybookSummary> Items);

public sealed record SignalView(LocalizedText Text, SourceView Source);

public sealed record StepView(
    string Id, Stage Stage, PlaybookRole Role, StepKind Kind, StepGrade Grade, bool Required, bool Obligation, bool Basic,
    LocalizedText Title, LocalizedText Guidance, LocalizedText? EvidencePrompt, EvidenceField? EvidenceField,
    StepCondition? Condition, LocalizedText? Party, SourceView Source);

public sealed record PlaybookDetail(
    string Id, int Version, Category Category, string ContentHash, string FileName, bool Current, LocalizedText Title,
    LocalizedText Summary, IReadOnlyList<SignalView> Signals, IReadOnlyList<StepView> Steps,
    IReadOnlyList<PlaybookVersionInfo> History);

public static class PlaybookEndpoints
{
    public static IEndpointRouteBuilder MapPlaybooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/playbooks").WithTags("Playbooks").RequireAuthorization();

        group.MapGet("/", (PlaybookLibrary library) => TypedResults.Ok(new PlaybookList(library.Current.Select(p =>
                new PlaybookSummary(p.Id, p.Version, p.Category, p.ContentHash, p.Title, p.Summary, p.Steps.Count,
                    p.Steps.Count(s => s.Required))).ToList())))
            .WithName("ListPlaybooks").WithSummary("The current playbook of each category");

        group.MapGet("/{id}", async Task<Ok<PlaybookDetail>> (
                string id, PlaybookLibrary library, CancellationToken ct, bool? basicOnly, string? version) =>
            {
                var current = library.CurrentById(id);
                var history = await library.HistoryAsync(id, ct);
                if (current is null && history.Count == 0) throw new NotFoundError($"playbook '{id}'");
                Playbook playbook;
                if (string.IsNullOrEmpty(version)) playbook = current ?? await library.PinnedAsync(id, history[0].ContentHash, ct);
                else if (history.Any(h => h.ContentHash == version)) playbook = await library.PinnedAsync(id, version, ct);
                else throw new NotFoundError($"version '{version}' of playbook '{id}'");

                var steps = playbook.Steps.Where(s => basicOnly != true || s.IsBasic).Select(s => new StepView(
                    s.Id, s.Stage, s.Role, s.Kind, s.Grade, s.Required, s.IsObligation, s.IsBasic, s.Title, s.Guidance,
                    s.Evidence.Prompt, s.Evidence.Field, s.Condition, s.NotifyParty, library.Sources.View(s.Source))).ToList();
                return TypedResults.Ok(new PlaybookDetail(playbook.Id, playbook.Version, playbook.Category, playbook.ContentHash,
                    playbook.FileName, playbook.ContentHash == current?.ContentHash, playbook.Title, playbook.Summary,
                    playbook.Signals.Select(g => new SignalView(g.Text, library.Sources.View(g.Source))).ToList(), steps, history));
            })
            .WithName("GetPlaybook")
            .WithSummary("A playbook with its steps and version history; `version` = a content hash from the history, `basicOnly` = obligations and required steps");
        return app;
    }
}
