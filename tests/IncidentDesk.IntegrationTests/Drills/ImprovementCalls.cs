using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Drills;

/// <summary>Calls on improvement items and exercises, as the SPA makes them.</summary>
public static class ImprovementCalls
{
    public const string Items = "/api/drills/improvements";
    public const string Exercises = "/api/drills/exercises";

    /// <summary>The organisation's zone by default (Asia/Tokyo): due dates are days there.</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Zone).DateTime);

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static object Restore(string? date = null) => new
    {
        type = "backup-restore", date = date ?? Day(Today), title = "File server restore", participantsCount = 3,
        backupRestore = new { system = "File server", succeeded = true, restoreMinutes = 45, targetMinutes = 60, dataComplete = true },
        notes = "Took the tape from the safe",
    };

    public static object Phishing(int sent = 40, int clicked = 6, int reported = 13) => new
    {
        type = "phishing-simulation", date = Day(Today), title = "Autumn phishing test", participantsCount = sent,
        phishing = new { emailsSent = sent, clicked, reported, credentialsEntered = 2 },
    };

    public static async Task<JsonNode> LogExerciseAsync(this ApiClient client, object? body = null) =>
        (await client.PostAsync(Exercises, body ?? Restore())).Expect(201).Json;

    public static object Item(Guid ownerId, Guid exerciseId, string? due = null, string title = "Test restores monthly") => new
    {
        title, detail = "The restore took 45 minutes; nobody had the tape key", ownerId, dueDate = due ?? Day(Today.AddDays(14)),
        source = new { exerciseId },
    };

    public static async Task<JsonNode> CreateItemAsync(this ApiClient client, object body) => (await client.PostAsync(Items, body)).Expect(201).Json;

    public static Task<ApiResponse> SendJsonAsync(this ApiClient client, HttpMethod method, string path, object? body, long? ifMatch)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json.Web);
        if (ifMatch is { } v) request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        return client.SendAsync(request);
    }

    public static Task<ApiResponse> PatchItemAsync(this ApiClient client, JsonNode item, object body, long? ifMatch = null) =>
        client.SendJsonAsync(HttpMethod.Patch, $"{Items}/{item.Str("id")}", body, ifMatch ?? item.Long("version"));

    public static Task<ApiResponse> StatusAsync(this ApiClient client, JsonNode item, string status, long? ifMatch = null, Guid? retestExerciseId = null) =>
        client.PostAsync($"{Items}/{item.Str("id")}/status", new { status, note = $"now {status}", retestExerciseId }, ifMatch ?? item.Long("version"));
}
