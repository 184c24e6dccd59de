using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Decisions;
using IncidentDesk.Api.Drills;
using IncidentDesk.Api.Drills.ContactChecks;
using IncidentDesk.Api.Drills.Exercises;
using IncidentDesk.Api.Drills.Improvements;
using IncidentDesk.Api.Drills.Reports;
using IncidentDesk.Api.Drills.Scenarios;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.Escalation.SettingUp;
using IncidentDesk.Api.Hosting;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Notifications;
using IncidentDesk.Api.Playbooks;

// `validate-playbooks <folder>`: check playbook files without a database; exit 1 listing every problem.
if (args.Length > 0 && args[0] == "validate-playbooks")
    return IncidentDesk.Api.Playbooks.PlaybookCli.Validate(args.ElementAtOrDefault(1) ?? "playbooks");

var builder = WebApplication.CreateBuilder(args);
var exportOpenApi = Array.IndexOf(args, "openapi");
if (exportOpenApi >= 0)
{
    // The document needs no database: no timers, no deliveries.
    builder.Configuration["ConnectionStrings:IncidentDesk"] ??= "Host=unused-by-openapi-export";
    builder.Configuration["IncidentDesk:Timers:Enabled"] = "false";
    builder.Configuration["Notifications:Dispatch"] = "false";
    builder.Configuration["IncidentDesk:Projections:Daemon"] = "Disabled";
}
builder.AddIncidentDesk();

var app = builder.Build();
app.MapAccounts();
app.MapIncidents();
app.MapPlaybooks();
app.MapEscalation();
app.MapSetup();
app.MapAckLinks();
app.MapNotifications();
app.MapDecisions();
app.MapDrillScenarios();
app.MapDrillRuns();
app.MapContactChecks();
app.MapImprovements();
app.MapExercises();
app.MapDrillReports();

// `openapi <file>`: write the OpenAPI document and exit (no database needed).
if (exportOpenApi >= 0)
{
    await OpenApiExport.WriteAsync(app, args.ElementAtOrDefault(exportOpenApi + 1) ?? "openapi.json");
    return 0;
}

await app.PrepareDatabaseAsync();

// `rebuild [projection ...]`: replay every event into the read models (or only the named ones), then exit.
var rebuild = Array.IndexOf(args, "rebuild");
if (rebuild >= 0)
{
    await app.RebuildProjectionsAsync(args.Skip(rebuild + 1).TakeWhile(a => !a.StartsWith('-')).ToArray());
    return 0;
}
if (args.Contains("--demo")) await app.SeedDemoAsync();

app.UseIncidentDeskPipeline();
app.MapIncidentDeskInfrastructure();
app.Run();
return 0;

public partial class Program;
