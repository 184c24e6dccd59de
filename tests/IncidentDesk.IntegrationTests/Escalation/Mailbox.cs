using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IncidentDesk.IntegrationTests.Escalation;

/// <summary>
/// The maildev SMTP sink started by tests/run.sh: SMTP on INCIDENTDESK_TEST_SMTP_PORT, its REST API at
/// INCIDENTDESK_TEST_MAILDEV_URL. Missing variables fail the tests (a skipped mail test proves nothing).
/// Several test classes share the sink, so every query filters by a recipient address unique to the test.
/// </summary>
public sealed class Mailbox(string apiUrl) : IDisposable
{
    public const string SmtpPortVariable = "INCIDENTDESK_TEST_SMTP_PORT";
    public const string UrlVariable = "INCIDENTDESK_TEST_MAILDEV_URL";
    public const string BinVariable = "INCIDENTDESK_TEST_MAILDEV_BIN";
    public const string NotificationHeader = "x-incidentdesk-notification";

    private readonly HttpClient http = new() { BaseAddress = new Uri(apiUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(10) };

    public static Mailbox Shared() => new(Required(UrlVariable));

    public static int SharedSmtpPort => int.Parse(Required(SmtpPortVariable), System.Globalization.CultureInfo.InvariantCulture);

    public static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. The escalation tests need the maildev SMTP sink (tests/run.sh starts one): " +
                $"export {SmtpPortVariable}, {UrlVariable} (and {BinVariable} for the SMTP-outage test).");

    /// <summary>Every mail in the sink addressed to <paramref name="address"/>.</summary>
    public async Task<IReadOnlyList<JsonNode>> ToAsync(string address)
    {
        var all = await http.GetFromJsonAsync<JsonArray>("email") ?? [];
        return all.Select(m => m!).Where(m => m["to"] is JsonArray to &&
            to.Any(t => string.Equals(t?["address"]?.GetValue<string>(), address, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    /// <summary>Waits until at least <paramref name="count"/> mails to the address match, and returns them all.</summary>
    public async Task<IReadOnlyList<JsonNode>> WaitForAsync(string address, TimeSpan timeout, Func<JsonNode, bool>? match = null, int count = 1)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var mails = (await ToAsync(address)).Where(m => match?.Invoke(m) ?? true).ToList();
            if (mails.Count >= count) return mails;
            if (DateTime.UtcNow > until)
                throw new Xunit.Sdk.XunitException($"no{(count > 1 ? $" {count}" : "")} mail to {address} within {timeout.TotalSeconds} s " +
                                                   $"(the sink has {(await ToAsync(address)).Count} to that address)");
            await Task.Delay(200);
        }
    }

    /// <summary>The message as the sink received it (maildev's GET /email/:id/download: the raw .eml).</summary>
    public async Task<Stream> RawAsync(string id)
    {
        var bytes = await http.GetByteArrayAsync($"email/{Uri.EscapeDataString(id)}/download");
        return new MemoryStream(bytes, writable: false);
    }

    public static string Subject(JsonNode mail) => mail["subject"]?.GetValue<string>() ?? "";

    public static string Text(JsonNode mail) => mail["text"]?.GetValue<string>() ?? "";

    public static string? NotificationId(JsonNode mail) => mail["headers"]?[NotificationHeader]?.GetValue<string>();

    public void Dispose() => http.Dispose();
}
