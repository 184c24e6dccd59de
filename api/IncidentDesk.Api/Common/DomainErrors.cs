namespace IncidentDesk.Api.Common;

/// <summary>400: the request itself is malformed; nothing was written. Keys are the request's field paths.</summary>
public sealed class ValidationFailed(IDictionary<string, string[]> errors)
    : Exception("validation failed: " + string.Join(", ", errors.Keys))
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailed For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>A business rule that the request breaks; <see cref="Code"/> is stable for clients (and i18n).</summary>
public sealed record Rule(string Code, string Message, string? Step = null);

/// <summary>409: the request is well-formed but a rule forbids it (every broken rule is listed).</summary>
public sealed class RuleViolated(IReadOnlyList<Rule> rules) : Exception(string.Join("; ", rules.Select(r => r.Message)))
{
    public IReadOnlyList<Rule> Rules { get; } = rules;

    public RuleViolated(string code, string message) : this([new Rule(code, message)]) { }
}

public sealed class NotFoundError(string what) : Exception($"{what} not found");

public sealed class Forbidden(string why) : Exception(why);
