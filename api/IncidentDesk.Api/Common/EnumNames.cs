using System.Text.Json;

namespace IncidentDesk.Api.Common;

/// <summary>Enum values by their API names ("extremely_serious", "C2"), the same words JSON uses.</summary>
public static class EnumNames
{
    public static string Name<T>(T value) where T : struct, Enum => Cache<T>.Names[value];

    public static T Parse<T>(string name) where T : struct, Enum =>
        Cache<T>.Values.TryGetValue(name, out var value)
            ? value
            : throw new JsonException($"'{name}' is not a {typeof(T).Name}");

    // Built once per enum from the JSON converter itself, so the names cannot drift from the API's.
    private static class Cache<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Names = Enum.GetValues<T>()
            .ToDictionary(v => v, v => JsonSerializer.Serialize(v, JsonDefaults.Options).Trim('"'));

        public static readonly Dictionary<string, T> Values = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }

    /// <summary>A query-string value: null stays null, an unknown name is a 400 naming the parameter.</summary>
    public static T? ParseQuery<T>(string field, string? value) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value)) return null;
        try
        {
            return Parse<T>(value);
        }
        catch (JsonException)
        {
            var allowed = string.Join(", ", Enum.GetValues<T>().Select(Name));
            throw ValidationFailed.For(field, $"'{value}' is not one of {allowed}");
        }
    }
}
