namespace IncidentDesk.Api.Common;

/// <summary>Collects field errors of one request and throws them together as a 400.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public FieldErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public bool Has(string field) => errors.ContainsKey(field);

    public FieldErrors Required<T>(string field, T? value) where T : struct =>
        value is null ? Add(field, "is required") : this;

    public FieldErrors Required(string field, object? value) =>
        value is null ? Add(field, "is required") : this;

    /// <summary>Required, non-blank text of at most <paramref name="max"/> characters.</summary>
    public FieldErrors Text(string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, "is required");
        return Optional(field, value, max);
    }

    public FieldErrors Optional(string field, string? value, int max) =>
        value is not null && value.Length > max ? Add(field, $"must be at most {max} characters") : this;

    public FieldErrors Max<T>(string field, IReadOnlyCollection<T>? items, int max) =>
        items is not null && items.Count > max ? Add(field, $"must have at most {max} items") : this;

    // The value-returning forms give a command its validated input without '!': a missing value is recorded as an
    // error and stands in as default, which ThrowIfAny guarantees nobody reads.

    /// <summary>The value, or an "is required" error.</summary>
    public T Value<T>(string field, T? value) where T : struct
    {
        Required(field, value);
        return value ?? default;
    }

    /// <summary>Required, non-blank text of at most <paramref name="max"/> characters, trimmed.</summary>
    public string TextValue(string field, string? value, int max)
    {
        Text(field, value, max);
        return value?.Trim() ?? "";
    }

    /// <summary>Required one-line text (no control characters such as tabs or line breaks), trimmed.</summary>
    public string SingleLineValue(string field, string? value, int max)
    {
        var text = TextValue(field, value, max);
        if (!Has(field) && text.Any(char.IsControl)) Add(field, "must be one line without control characters");
        return text;
    }

    /// <summary>Required text of several lines (line breaks and tabs allowed, no other control characters), trimmed.</summary>
    public string MultiLineValue(string field, string? value, int max)
    {
        var text = TextValue(field, value, max);
        if (!Has(field) && text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            Add(field, "must not contain control characters other than line breaks and tabs");
        return text;
    }

    /// <summary>Optional text of at most <paramref name="max"/> characters, trimmed; blank is null.</summary>
    public string? OptionalValue(string field, string? value, int max)
    {
        Optional(field, value, max);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public void ThrowIfAny()
    {
        if (errors.Count > 0)
            throw new ValidationFailed(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
