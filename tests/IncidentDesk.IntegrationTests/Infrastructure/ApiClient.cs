using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IncidentDesk.IntegrationTests.Infrastructure;

/// <summary>An account of the test run: what a person would type to sign in.</summary>
public sealed record TestAccount(Guid Id, string Email, string Password, string DisplayName, string Role);

/// <summary>
/// A browser-like HTTP client: keeps the session cookie, and (once signed in) sends the XSRF-TOKEN cookie's
/// value back in X-XSRF-TOKEN on every POST, the way the SPA does.
/// </summary>
public sealed class ApiClient(HttpClient http, TestAccount? account) : IDisposable
{
    public const string XsrfCookie = "XSRF-TOKEN";
    public const string XsrfHeader = "X-XSRF-TOKEN";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http { get; } = http;

    /// <summary>Null for an anonymous client.</summary>
    public TestAccount? Account { get; internal set; } = account;

    public Guid Id => Account?.Id ?? throw new InvalidOperationException("anonymous client has no account");

    public string? XsrfToken { get; set; }

    /// <summary>
    /// An Executive of the same test app, for the playbook decisions a responder may not take (set by the
    /// fixture; signed in on first use).
    /// </summary>
    public Func<Task<ApiClient>>? Executive { get; set; }

    /// <summary>Signs in through POST /api/auth/login and keeps the antiforgery token it hands out.</summary>
    public async Task<ApiResponse> LoginAsync(string email, string password)
    {
        var response = await PostAsync("/api/auth/login", new { email, password });
        if (response.Status == System.Net.HttpStatusCode.OK) XsrfToken = XsrfTokenFrom(response.Message) ?? XsrfToken;
        return response;
    }

    public Task<ApiResponse> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>POST a JSON body; <paramref name="ifMatch"/> is the version read, sent as If-Match: "7".</summary>
    public Task<ApiResponse> PostAsync(string path, object? body, long? ifMatch = null) =>
        PostRawAsync(path, body is null ? null : JsonSerializer.Serialize(body, body.GetType(), Json),
            ifMatch is { } v ? $"\"{v}\"" : null);

    /// <summary>POST exactly these bytes and this If-Match header (for malformed input on purpose).</summary>
    public Task<ApiResponse> PostRawAsync(string path, string? json, string? ifMatch = null, bool sendXsrf = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (!sendXsrf) request.Options.Set(SkipXsrf, true);
        return SendAsync(request);
    }

    private static readonly HttpRequestOptionsKey<bool> SkipXsrf = new("skip-xsrf");

    public async Task<ApiResponse> SendAsync(HttpRequestMessage request)
    {
        if (request.Method != HttpMethod.Get && XsrfToken is not null &&
            !(request.Options.TryGetValue(SkipXsrf, out var skip) && skip))
            request.Headers.TryAddWithoutValidation(XsrfHeader, XsrfToken);
        var path = request.RequestUri?.ToString() ?? "";
        var method = request.Method.Method;
        using (request)
        {
            var message = await Http.SendAsync(request);
            var body = await message.Content.ReadAsStringAsync();
            return new ApiResponse(message.StatusCode, method, path, message, body);
        }
    }

    public async Task<JsonNode> GetJsonAsync(string path) => (await GetAsync(path)).Expect(200).Json;

    private static string? XsrfTokenFrom(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0])
                .Where(c => c.StartsWith(XsrfCookie + "=", StringComparison.Ordinal))
                .Select(c => Uri.UnescapeDataString(c[(XsrfCookie.Length + 1)..]))
                .LastOrDefault()
            : null;

    public static string? XsrfCookieIn(HttpResponseMessage response) => XsrfTokenFrom(response);

    public void Dispose() => Http.Dispose();
}
