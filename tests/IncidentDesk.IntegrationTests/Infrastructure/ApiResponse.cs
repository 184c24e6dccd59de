using System.Net;
using System.Text.Json.Nodes;

namespace IncidentDesk.IntegrationTests.Infrastructure;

/// <summary>A response read to the end, so assertions can quote its body when they fail.</summary>
public sealed class ApiResponse(HttpStatusCode status, string method, string path, HttpResponseMessage message, string body)
{
    private JsonNode? json;

    public HttpStatusCode Status { get; } = status;

    public int StatusCode => (int)Status;

    public string Body { get; } = body;

    public HttpResponseMessage Message { get; } = message;

    public JsonNode Json => json ??= JsonNode.Parse(Body) ?? throw new InvalidOperationException($"{Describe()}: empty JSON body");

    /// <summary>The version in the ETag header ("7" → 7); null when there is none.</summary>
    public long? ETagVersion => Message.Headers.ETag is { } tag && long.TryParse(tag.Tag.Trim('"'), out var v) ? v : null;

    public string? Location => Message.Headers.Location?.ToString();

    /// <summary>Field names of a 400's errors object.</summary>
    public IReadOnlyCollection<string> ErrorFields =>
        Json["errors"] is JsonObject errors ? errors.Select(e => e.Key).ToList() : [];

    /// <summary>Codes of a 409's rules list, in order.</summary>
    public IReadOnlyList<string> RuleCodes =>
        Json["rules"] is JsonArray rules ? rules.Select(r => r!["code"]!.GetValue<string>()).ToList() : [];

    public ApiResponse Expect(HttpStatusCode expected)
    {
        if (Status != expected)
            Assert.Fail($"{Describe()}: expected {(int)expected} {expected} but got {(int)Status} {Status}\n{Trim(Body)}");
        return this;
    }

    public ApiResponse Expect(int expected) => Expect((HttpStatusCode)expected);

    /// <summary>A 400 whose errors name <paramref name="field"/> (and say something about it).</summary>
    public ApiResponse ExpectFieldError(string field)
    {
        Expect(HttpStatusCode.BadRequest);
        Assert.True(Json["errors"]?[field] is JsonArray { Count: > 0 },
            $"{Describe()}: expected errors[\"{field}\"] but the errors were {Trim(Json["errors"]?.ToJsonString() ?? "(none)")}");
        return this;
    }

    public string Describe() => $"{method} {path}";

    private static string Trim(string s) => s.Length > 2000 ? s[..2000] + "…" : s;
}
