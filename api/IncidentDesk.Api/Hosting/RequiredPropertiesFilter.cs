using System.Reflection;
using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace IncidentDesk.Api.Hosting;

/// <summary>
/// Marks every non-nullable property of our DTOs as required in the OpenAPI document, so the SPA's generated
/// types say `id: string` rather than `id?: string`. Requests keep their nullable fields optional: the server
/// validates them and answers 400 with the field name.
/// </summary>
public sealed class RequiredPropertiesFilter : ISchemaFilter
{
    private static readonly NullabilityInfoContext Nullability = new();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema s || s.Properties is null || context.Type.Namespace?.StartsWith("IncidentDesk", StringComparison.Ordinal) != true)
            return;
        foreach (var p in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            if (!s.Properties.ContainsKey(name)) continue;
            if (Nullability.Create(p).ReadState == NullabilityState.NotNull)
                (s.Required ??= new HashSet<string>()).Add(name);
        }
    }
}
