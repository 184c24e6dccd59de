using System.Text.Json.Nodes;
using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Playbooks;

/// <summary>Reading an incident's `checklist` and the step endpoints' answers by their wire names.</summary>
internal static class Checklists
{
    public static IReadOnlyList<JsonNode> Steps(this IncidentRef incident) => incident.Detail["checklist"]!.Items("steps");

    /// <summary>The checklist line of <paramref name="stepId"/>; fails when the checklist does not list it.</summary>
    public static JsonNode Step(this IncidentRef incident, string stepId) =>
        incident.Steps().SingleOrDefault(s => s.Str("stepId") == stepId)
        ?? throw new Xunit.Sdk.XunitException($"step '{stepId}' is not in the checklist of {incident.Reference}: " +
                                              string.Join(", ", incident.Steps().Select(s => s.Str("stepId"))));

    public static bool Lists(this IncidentRef incident, string stepId) => incident.Steps().Any(s => s.Str("stepId") == stepId);

    /// <summary>Ids of the current stage's open, required, applicable steps of the active playbook, as the checklist shows them.</summary>
    public static string[] BlockingSteps(this IncidentRef incident) =>
        incident.Steps()
            .Where(s => s.Str("stage") == incident.Stage && s.Bool("applies") && s.Bool("required") &&
                        s.Str("status") == "open" && !s.Bool("fromEarlierPlaybook"))
            .Select(s => s.Str("stepId")).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The value of one exit criterion in the detail's `exitCriteria`.</summary>
    public static bool Criterion(this IncidentRef incident, string code) =>
        incident.Detail.Items("exitCriteria").SingleOrDefault(c => c.Str("code") == code)?.Bool("met")
        ?? throw new Xunit.Sdk.XunitException($"exit criterion '{code}' is missing: {incident.Detail["exitCriteria"]!.ToJsonString()}");

    /// <summary>The `step` of every `required_step_open` rule of a 409, sorted.</summary>
    public static string[] OpenStepRules(this ApiResponse conflict) =>
        conflict.Json.Items("rules").Where(r => r.Str("code") == "required_step_open")
            .Select(r => r.Str("step")).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The codes of a 409 other than `required_step_open` (the lifecycle's own exit criteria), in order.</summary>
    public static string[] OtherRules(this ApiResponse conflict) =>
        conflict.RuleCodes.Where(c => c != "required_step_open").ToArray();

    public static string StepPath(this IncidentRef incident, string stepId, string action) => $"{incident.Path}/steps/{stepId}/{action}";

    public static async Task<IncidentRef> CompleteAsync(this ApiClient client, IncidentRef incident, string stepId, string? evidence = "Done (test)") =>
        IncidentRef.From((await client.PostAsync(incident.StepPath(stepId, "complete"), new { evidence }, incident.Version)).Expect(200));

    public static async Task<IncidentRef> SkipAsync(this ApiClient client, IncidentRef incident, string stepId, string reason = "Not needed here (test)") =>
        IncidentRef.From((await client.PostAsync(incident.StepPath(stepId, "skip"), new { reason }, incident.Version)).Expect(200));

    /// <summary>The incident's timeline events of <paramref name="type"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<JsonNode>> TimelineAsync(this ApiClient client, IncidentRef incident, string type) =>
        (await client.GetJsonAsync($"{incident.Path}/timeline")).Items().Where(e => e.Str("type") == type).ToList();

    /// <summary>
    /// Sends a request that must be refused with <paramref name="status"/> and asserts that no event at all was
    /// written (incident or escalation streams).
    /// </summary>
    public static async Task<ApiResponse> RefusedAsync(this IncidentDeskApp app, int status, Func<Task<ApiResponse>> send)
    {
        var before = await app.CountEventsAsync();
        var response = (await send()).Expect(status);
        Assert.Equal(before, await app.CountEventsAsync());
        return response;
    }
}
