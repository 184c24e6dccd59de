using System.Text.Json.Nodes;

namespace IncidentDesk.IntegrationTests.Infrastructure;

/// <summary>An incident as last read: its id, the version for If-Match and the detail body.</summary>
public sealed record IncidentRef(Guid Id, long Version, JsonNode Detail)
{
    public string Path => $"/api/incidents/{Id}";

    public string Stage => Detail.Str("stage");

    public string Reference => Detail.Str("reference");

    public string? Severity => Detail.StrOrNull("severity");

    public Guid? OwnerId => Detail.GuidOrNull("ownerId");

    public static IncidentRef From(ApiResponse response)
    {
        var version = response.ETagVersion
                      ?? throw new Xunit.Sdk.XunitException($"{response.Describe()}: no ETag on the response");
        var id = response.Json.Guid("id");
        Assert.Equal(version, response.Json.Long("version"));
        return new IncidentRef(id, version, response.Json);
    }
}

/// <summary>Valid request bodies, one per form, with the fields a test usually varies as parameters.</summary>
public static class Bodies
{
    public static readonly string[] Stages = ["detection", "triage", "analysis", "recovery", "prevention", "closed"];

    public static object Report(string category = "C2", string? summary = null, DateTimeOffset? noticedAt = null,
        bool personalDataMayBeInvolved = false, bool? disconnectedFromNetwork = null, string? contact = null,
        string? deviceId = null) => new
        {
            category,
            summary = summary ?? "The screen locked and demands a ransom after I opened an invoice attachment.",
            noticedAt = noticedAt ?? DateTimeOffset.UtcNow.AddMinutes(-30),
            contact,
            deviceId,
            personalDataMayBeInvolved,
            disconnectedFromNetwork,
        };

    public static object Triage(string infoClass = "business", string impact = "serious", bool personalDataInvolved = false,
        bool usersMayBeHarmed = false, bool dataMayBeLeaking = false, Guid? ownerId = null, string[]? containmentActions = null) =>
        new
        {
            infoClass, impact, personalDataInvolved, usersMayBeHarmed, dataMayBeLeaking,
            containmentActions = containmentActions ?? ["Disconnected the PC from the network"],
            ownerId,
        };

    public static object Answer(string value) => new { value, unknown = false };

    public static object Unknown() => new { value = (string?)null, unknown = true };

    public static object CompleteAnalysis() => new
    {
        who = Answer("Sales staff member"), what = Answer("Ransomware encrypted the local disk"),
        when = Answer("2026-11-20 09:10 JST"), where = Answer("Head office, 3F"), why = Unknown(), how = Answer("Invoice attachment macro"),
        damage = "Local files encrypted", scale = "One PC", affectedAssets = "PC-0142", cause = "Macro enabled by the user",
        countermeasures = "Reimage the PC, restore from backup",
    };

    public static object CompleteRecovery(DateTimeOffset? notifiedAt = null) => new
    {
        actionsTaken = "Reimaged PC-0142 and restored files from last night's backup",
        normalOperationVerified = true,
        notifiedParties = new[] { new { party = "Information security committee", notifiedAt = notifiedAt ?? DateTimeOffset.UtcNow.AddMinutes(-5), how = "e-mail" } },
    };

    public static object CompletePrevention() => new
    {
        rootCause = "Macros from the internet were allowed",
        measures = new object[]
        {
            new { description = "Block macros in files from the internet", decision = "done", deadline = (string?)null },
            new { description = "Phishing drill for sales", decision = "will_do", deadline = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
        },
        policyUpdateNeeded = true,
    };
}

/// <summary>Moving incidents along over HTTP, each step asserting success.</summary>
public static class IncidentSteps
{
    public static async Task<IncidentRef> FileAsync(this ApiClient reporter, object? body = null) =>
        IncidentRef.From((await reporter.PostAsync("/api/incidents", body ?? Bodies.Report())).Expect(201));

    /// <summary>POST /api/incidents/{id}/{command} with If-Match = the version last read; expects 200.</summary>
    public static async Task<IncidentRef> RunAsync(this ApiClient client, IncidentRef incident, string command, object body) =>
        IncidentRef.From((await client.PostAsync($"{incident.Path}/{command}", body, incident.Version)).Expect(200));

    /// <summary>Works the stage's required playbook steps (see <see cref="SettleStepsAsync"/>), then advances.</summary>
    public static async Task<IncidentRef> AdvanceAsync(this ApiClient worker, IncidentRef incident, string to) =>
        await worker.RunAsync(await worker.SettleStepsAsync(incident), "stage", new { to });

    public static async Task<IncidentRef> ReloadAsync(this ApiClient client, IncidentRef incident) =>
        IncidentRef.From((await client.GetAsync(incident.Path)).Expect(200));

    /// <summary>
    /// Completes every open, required, applicable playbook step of the incident's current stage, the way a
    /// responder works the checklist: decisions go to an Executive, and a step whose named evidence field is not
    /// recorded is skipped with a reason (waived by the Executive when it is an obligation).
    /// </summary>
    public static async Task<IncidentRef> SettleStepsAsync(this ApiClient worker, IncidentRef incident)
    {
        var blocking = incident.Detail["checklist"]!["steps"]!.AsArray().Select(s => s!)
            .Where(s => s.Str("stage") == incident.Stage && s["applies"]!.GetValue<bool>() && s["required"]!.GetValue<bool>() &&
                        s.Str("status") == "open" && !s["fromEarlierPlaybook"]!.GetValue<bool>())
            .Select(s => (Id: s.Str("stepId"), Decision: s.Str("kind") == "decision", Obligation: s["obligation"]!.GetValue<bool>()))
            .ToList();
        foreach (var step in blocking)
        {
            var client = step.Decision ? await worker.Executive!() : worker;
            var path = $"{incident.Path}/steps/{step.Id}";
            var done = await client.PostAsync($"{path}/complete", new { evidence = "Done as the playbook says (test)" }, incident.Version);
            if (done.Status == System.Net.HttpStatusCode.Conflict)
            {
                var skipper = step.Obligation ? await worker.Executive!() : client;
                done = await skipper.PostAsync($"{path}/skip", new { reason = "Not applicable in this test" }, incident.Version);
            }
            incident = IncidentRef.From(done.Expect(200));
        }
        return incident;
    }

    /// <summary>Fills in each stage's form and advances until the incident is in <paramref name="stage"/>.</summary>
    public static async Task<IncidentRef> DriveToAsync(this ApiClient worker, IncidentRef incident, string stage)
    {
        if (Array.IndexOf(Bodies.Stages, stage) < Array.IndexOf(Bodies.Stages, incident.Stage))
            throw new InvalidOperationException($"{incident.Reference} is already past {stage}");
        while (incident.Stage != stage)
        {
            incident = incident.Stage switch
            {
                // Acknowledging starts triage unless required playbook steps hold detection open.
                "detection" when incident.Detail["acknowledgedAt"] is null => await worker.RunAsync(incident, "acknowledge", new { }),
                "detection" => await worker.AdvanceAsync(incident, "triage"),
                "triage" => await worker.AdvanceAsync(
                    incident.Detail["triage"] is null || incident.OwnerId is null
                        ? await worker.RunAsync(incident, "triage", Bodies.Triage(ownerId: incident.OwnerId ?? worker.Id))
                        : incident, "analysis"),
                "analysis" => await worker.AdvanceAsync(await worker.RunAsync(incident, "analysis", Bodies.CompleteAnalysis()), "recovery"),
                "recovery" => await worker.AdvanceAsync(await worker.RunAsync(incident, "recovery", Bodies.CompleteRecovery()), "prevention"),
                "prevention" => await worker.AdvanceAsync(await worker.RunAsync(incident, "prevention", Bodies.CompletePrevention()), "closed"),
                _ => throw new InvalidOperationException($"cannot move on from {incident.Stage}"),
            };
        }
        return incident;
    }
}
