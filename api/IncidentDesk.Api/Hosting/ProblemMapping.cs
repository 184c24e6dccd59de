using System.Text.Json;
using IncidentDesk.Api.EventStore;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace IncidentDesk.Api.Hosting;

/// <summary>The one mapping from failures to RFC 7807 problem details.</summary>
public sealed partial class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem is null)
        {
            log.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            return false;
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails? Map(Exception exception) => exception switch
    {
        ValidationFailed v => new HttpValidationProblemDetails(v.Errors)
        {
            Status = 400, Title = "Invalid request", Detail = "One or more fields are invalid; nothing was written.",
        },
        RuleViolated r => new ProblemDetails
        {
            Status = 409, Title = "Rule violated", Detail = r.Message,
            Extensions =
            {
                ["rules"] = r.Rules.Select(x => x.Step is null
                    ? (object)new { code = x.Code, message = x.Message }
                    : new { code = x.Code, message = x.Message, step = x.Step }).ToArray(),
            },
        },
        StreamVersionConflict c => new ProblemDetails
        {
            Status = 412, Title = "Stale version",
            Detail = "The resource changed since you read it; reload and try again.",
            Extensions = { ["currentVersion"] = c.Actual },
        },
        NotFoundError n => new ProblemDetails { Status = 404, Title = "Not found", Detail = n.Message },
        Forbidden f => new ProblemDetails { Status = 403, Title = "Forbidden", Detail = f.Message },
        BadHttpRequestException { StatusCode: 413 } => BodyError("body", "is larger than the 64 KiB limit"),
        BadHttpRequestException { InnerException: JsonException j } => BodyError(JsonField(j.Path), JsonMessage(j)),
        // Query-string binding ("Failed to bind parameter \"Nullable<int> page\" from \"x\".") names its parameter.
        BadHttpRequestException b when BoundParameter().Match(b.Message) is { Success: true } m =>
            BodyError(m.Groups["name"].Value, "has a value of the wrong type"),
        BadHttpRequestException b => BodyError("body", b.Message),
        _ => null,
    };

    private static HttpValidationProblemDetails BodyError(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = 400, Title = "Invalid request", Detail = "The request body could not be read; nothing was written.",
        };

    // "$.analysis.who" -> "analysis.who", "$.measures[0].decision" -> "measures.0.decision"
    private static string JsonField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        var f = path.TrimStart('$').TrimStart('.').Replace("[", ".").Replace("]", "").Replace("['", "").Replace("']", "");
        return f.Length == 0 ? "body" : f;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"(?:[^\"]* )?(?<name>[^ \"]+)\" from ")]
    private static partial System.Text.RegularExpressions.Regex BoundParameter();

    private static string JsonMessage(JsonException j) =>
        j.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? "has a value of the wrong type or an unknown value"
            : "is not valid JSON";
}
