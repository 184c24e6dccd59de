using System.Text.Json.Nodes;

namespace IncidentDesk.IntegrationTests.Infrastructure;

/// <summary>Reading the API's camelCase JSON by its wire names, so the tests pin the contract, not our DTOs.</summary>
public static class Json
{
    /// <summary>The API's wire format (camelCase, web defaults), built once.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Web = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static string Str(this JsonNode node, string name) =>
        node[name]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"\"{name}\" is missing or null in {node.ToJsonString()}");

    public static string? StrOrNull(this JsonNode node, string name) => node[name]?.GetValue<string>();

    public static Guid Guid(this JsonNode node, string name) => System.Guid.Parse(node.Str(name));

    public static Guid? GuidOrNull(this JsonNode node, string name) =>
        node.StrOrNull(name) is { } s ? System.Guid.Parse(s) : null;

    public static long Long(this JsonNode node, string name) =>
        node[name]?.GetValue<long>() ?? throw new Xunit.Sdk.XunitException($"\"{name}\" is missing in {node.ToJsonString()}");

    public static bool Bool(this JsonNode node, string name) =>
        node[name]?.GetValue<bool>() ?? throw new Xunit.Sdk.XunitException($"\"{name}\" is missing in {node.ToJsonString()}");

    public static DateTimeOffset Time(this JsonNode node, string name) => DateTimeOffset.Parse(node.Str(name), System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<JsonNode> Items(this JsonNode node, string name = "items") =>
        node[name] is JsonArray array ? array.Select(i => i!).ToList() : throw new Xunit.Sdk.XunitException($"\"{name}\" is not an array in {node.ToJsonString()}");

    public static bool IsNull(this JsonNode node, string name) =>
        node is JsonObject o && o.TryGetPropertyValue(name, out var value)
            ? value is null
            : throw new Xunit.Sdk.XunitException($"\"{name}\" is missing in {node.ToJsonString()}");
}
