using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IncidentDesk.Api.Hosting;

/// <summary>
/// A request property marked [AllowedValues] is an enum in the OpenAPI document (for an array, its items), so the
/// SPA's generated types name the values the server accepts; so is a query parameter marked [AllowedValues]. The
/// server still validates and answers 400.
/// </summary>
public sealed class AllowedValuesFilter : ISchemaFilter, IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        if (context.ParameterInfo?.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed && parameter.Schema is OpenApiSchema s)
            s.Enum = allowed.Values.Select(v => (JsonNode)JsonValue.Create(v?.ToString())!).ToList();
    }

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema s || s.Properties is null) return;
        foreach (var p in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetCustomAttribute<AllowedValuesAttribute>() is not { } allowed) continue;
            if (!s.Properties.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(p.Name), out var property)) continue;
            var target = property.Type == JsonSchemaType.Array ? property.Items : property;
            if (target is OpenApiSchema t)
                t.Enum = allowed.Values.Select(v => (JsonNode)JsonValue.Create(v?.ToString())!).ToList();
        }
    }
}
