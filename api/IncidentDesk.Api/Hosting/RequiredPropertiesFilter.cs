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
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema s || s.Properties is null || context.Type.Namespace?.StartsWith("IncidentDesk", StringComparison.Ordinal) != true)
            return;
        // One context per call: NullabilityInfoContext caches in a plain Dictionary and is not thread-safe (a shared one
        // made concurrent first requests for the OpenAPI document fail with "an item with the same key").
        var nullability = new NullabilityInfoContext();
        foreach (var p in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            if (!s.Properties.ContainsKey(name)) continue;
            if (nullability.Create(p).ReadState == NullabilityState.NotNull)
                (s.Required ??= new HashSet<string>()).Add(name);
        }
    }
}
