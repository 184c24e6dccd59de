using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Hosting;
using IncidentDesk.Api.Incidents;

var builder = WebApplication.CreateBuilder(args);
builder.AddIncidentDesk();

var app = builder.Build();
await app.PrepareDatabaseAsync();

// `rebuild`: replay every event into the read models, then exit.
if (args.Contains("rebuild"))
{
    await app.RebuildProjectionsAsync();
    return;
}
if (args.Contains("--demo")) await app.SeedDemoAsync();

app.UseIncidentDeskPipeline();
app.MapAccounts();
app.MapIncidents();
app.MapIncidentDeskInfrastructure();
app.Run();

public partial class Program;
