using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Hosting;
using IncidentDesk.Api.Incidents;

var builder = WebApplication.CreateBuilder(args);
var exportOpenApi = Array.IndexOf(args, "openapi");
if (exportOpenApi >= 0) builder.Configuration["ConnectionStrings:IncidentDesk"] ??= "Host=unused-by-openapi-export";
builder.AddIncidentDesk();

var app = builder.Build();
app.MapAccounts();
app.MapIncidents();

// `openapi <file>`: write the OpenAPI document and exit (no database needed).
if (exportOpenApi >= 0)
{
    await OpenApiExport.WriteAsync(app, args.ElementAtOrDefault(exportOpenApi + 1) ?? "openapi.json");
    return;
}

await app.PrepareDatabaseAsync();

// `rebuild`: replay every event into the read models, then exit.
if (args.Contains("rebuild"))
{
    await app.RebuildProjectionsAsync();
    return;
}
if (args.Contains("--demo")) await app.SeedDemoAsync();

app.UseIncidentDeskPipeline();
app.MapIncidentDeskInfrastructure();
app.Run();

public partial class Program;
