using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace IncidentDesk.Api.Hosting;

/// <summary>
/// `openapi &lt;file&gt;`: writes the OpenAPI document without touching a database, so the SPA can generate its
/// API types (web: npm run gen:api) from exactly what the server serves at /swagger/v1/swagger.json.
/// </summary>
public static class OpenApiExport
{
    public static async Task WriteAsync(WebApplication app, string path)
    {
        // Minimal-API endpoints reach the API explorer only once the app has built its pipeline, so start it
        // on a throwaway loopback port for the moment it takes to read the document.
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        var document = app.Services.GetRequiredService<ISwaggerProvider>().GetSwagger("v1");
        await using var file = File.Create(path);
        await document.SerializeAsJsonAsync(file, OpenApiSpecVersion.OpenApi3_0);
        await app.StopAsync();
        Console.WriteLine($"Wrote the OpenAPI document to {Path.GetFullPath(path)}");
    }
}
