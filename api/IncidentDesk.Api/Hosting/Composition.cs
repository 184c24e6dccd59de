using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Accounts.SigningIn;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Decisions;
using IncidentDesk.Api.Drills;
using IncidentDesk.Api.Drills.ContactChecks;
using IncidentDesk.Api.Drills.Exercises;
using IncidentDesk.Api.Drills.Improvements;
using IncidentDesk.Api.Drills.Reports;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Filing;
using IncidentDesk.Api.Incidents.GettingBoard;
using IncidentDesk.Api.Incidents.GettingIncident;
using IncidentDesk.Api.Notifications;
using IncidentDesk.Api.Notifications.AcknowledgingByLink;
using IncidentDesk.Api.Playbooks;
using MediatR;
using IncidentDesk.Api.Escalation.FiringDeadlines;
using IncidentDesk.Api.Timers;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.FileProviders;
using Npgsql;

namespace IncidentDesk.Api.Hosting;

/// <summary>Composition of the process: services, the HTTP pipeline and the infrastructure endpoints.</summary>
public static class Composition
{
    /// <summary>Request bodies above this are refused with 400 before they are read.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static WebApplicationBuilder AddIncidentDesk(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var connectionString = builder.Configuration.GetConnectionString("IncidentDesk")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:IncidentDesk is not configured (set ConnectionStrings__IncidentDesk, or start with ./deploy/run.sh)");

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        // Per-request framework logs cost throughput and say nothing our own logs don't; they stay off wherever
        // the process is started from (appsettings.json is only found when the content root is the project).
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        // Marten logs every failed batch with its parameter values: incident facts and personal data, which do not
        // belong in logs, and a stale version (a 412) is no error. Failures reach us as exceptions anyway.
        builder.Logging.AddFilter("Marten", LogLevel.Critical);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddSingleton<System.Data.Common.DbDataSource>(p => p.GetRequiredService<NpgsqlDataSource>());

        services.AddSingleton(EventTypes());
        services.AddSingleton<IInlineProjection, IncidentBoardProjection>();
        services.AddSingleton<IInlineProjection, UserProjection>();
        services.AddSingleton<IInlineProjection, SettingsProjection>();
        services.AddSingleton<IInlineProjection, DeadlineProjection>();
        services.AddSingleton<IInlineProjection, Incidents.Briefings.BriefingProjection>();
        services.AddSingleton<IInlineProjection, AckLinkProjection>();
        services.AddSingleton<IOutboxWriter, NotificationOutboxWriter>();
        services.AddSingleton<EscalationSettingsStore>();
        services.AddSingleton<IOrganisationTimeZone>(sp => sp.GetRequiredService<EscalationSettingsStore>());
        services.AddSingleton<EscalationContextLoader>();
        services.AddSingleton<IUnitOfWorkReaction, EscalationReaction>();
        services.AddSingleton<Incidents.GettingTimeline.IIncidentTimelineSource, EscalationTimelineSource>();
        services.AddSingleton<AckLinkCheck>();
        services.AddSingleton<PublicUrl>();
        services.AddIncidentDeskEventStore(builder.Configuration.GetValue("IncidentDesk:Projections:Daemon", JasperFx.Events.Daemon.DaemonMode.HotCold));
        services.AddSingleton<CommandPath>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<ProjectionRebuilder>();

        services.AddSingleton<UserDirectory>();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddScoped<SessionService>();
        services.AddSingleton<IncidentReferences>();
        services.AddSingleton<EarlierReports>();
        services.AddSingleton<Drills.DrillIncidentFiler>();
        services.AddSingleton<PlaybookLibrary>();
        services.AddSingleton<Drills.Scenarios.ScenarioLibrary>();
        services.AddSingleton<IncidentViews>();
        services.AddSingleton<IncidentCommandRunner>();
        services.AddTransient<AdminBootstrap>();
        services.AddTransient<DemoSeeder>();

        // MediatR 5.1.0 has no DI package that restores here: register the factory and scan for handlers.
        services.AddScoped<ServiceFactory>(p => p.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.Scan(s => s.FromAssemblyOf<Migrator>()
            .AddClasses(c => c.AssignableTo(typeof(IRequestHandler<,>)), publicOnly: false)
            .AsImplementedInterfaces().WithScopedLifetime());

        services.Configure<JsonOptions>(o => JsonDefaults.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemMapping>();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "incidentdesk.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            // An API answers 401/403; redirects to a login page are the SPA's business.
            o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = 401; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = 403; return Task.CompletedTask; };
            o.Events.OnValidatePrincipal = SessionService.ValidateAsync;
        });
        services.AddIncidentDeskPolicies();
        services.AddDataProtection().SetApplicationName("IncidentDesk");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(p => new ConfigureOptions<KeyManagementOptions>(
            o => o.XmlRepository = new PostgresXmlRepository(p.GetRequiredService<NpgsqlDataSource>())));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgerySetup.HeaderName;
            o.Cookie.Name = "incidentdesk.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        // Timers: Hangfire jobs in PostgreSQL storage in the same database, so any node fires a timer and each
        // job runs once. The relay moves timers from the transactional outbox into Hangfire.
        services.AddIncidentDeskTimers(builder.Configuration);
        services.AddScoped<ITimerPurpose, EscalationDeadlineTimer>();
        services.AddDecisions();
        services.AddDrillRuns();
        services.AddContactChecks(builder.Configuration);
        services.AddImprovements();
        services.AddExercises();
        services.AddDrillReports();

        // Notifications leave through the outbox; the dispatcher delivers and records the outcome as events.
        services.AddHttpClient("webhooks", c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<AckLinks>();
        services.AddHostedService<Dispatcher>();

        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // only /assets (public, hashed files) goes through it: see MapIncidentDeskInfrastructure
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new() { Title = "IncidentDesk API", Version = "v1" });
            o.SupportNonNullableReferenceTypes();
            o.UseAllOfToExtendReferenceSchemas();
            o.SchemaFilter<RequiredPropertiesFilter>();
            o.SchemaFilter<AllowedValuesFilter>();
            o.ParameterFilter<AllowedValuesFilter>();
        });
        return builder;
    }

    /// <summary>Every event type of every module, with its stored name.</summary>
    public static EventTypeMap EventTypes() => new EventTypeMap().RegisterIncidentEvents().RegisterUserEvents()
        .RegisterSettingsEvents().RegisterEscalationEvents().RegisterNotificationEvents().RegisterDecisionEvents()
        .RegisterDrillEvents().RegisterContactCheckEvents()
        .RegisterImprovementEvents().RegisterExerciseEvents().RegisterDrillReportEvents();

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        // Any problem in a playbook file stops the app here, listing file, line and problem.
        await app.Services.GetRequiredService<PlaybookLibrary>().LoadAsync(
            PlaybookLibrary.ResolveFolder(app.Configuration, app.Environment.ContentRootPath), CancellationToken.None);
        // Then the drill scenarios, checked against the playbooks and their seed catalog: any problem stops the app too.
        await app.Services.GetRequiredService<Drills.Scenarios.ScenarioLibrary>().LoadAsync(
            Drills.Scenarios.ScenarioLibrary.ResolveFolder(app.Configuration, app.Environment.ContentRootPath), CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminBootstrap>().EnsureAdminAsync(CancellationToken.None);
    }

    public static async Task RebuildProjectionsAsync(this WebApplication app, string[] names)
    {
        var count = await app.Services.GetRequiredService<ProjectionRebuilder>().RebuildAsync(CancellationToken.None, names);
        Console.WriteLine($"Rebuilt {(names.Length == 0 ? "every read model" : string.Join(", ", names))} from {count} events.");
    }

    public static async Task SeedDemoAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
    }

    public static WebApplication UseIncidentDeskPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Kestrel's limit alone answers a bare 413 (minimal APIs swallow the read error) and other hosts
        // (TestServer, IIS) do not apply it at all: refuse a declared oversize body here, as the contract's 400.
        app.Use((http, next) => http.Request.ContentLength > MaxBodyBytes
            ? throw new BadHttpRequestException("request body too large", StatusCodes.Status413PayloadTooLarge)
            : next(http));
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseApiAntiforgery();
        app.UseAuthorization();
        app.UseJobsDashboard();
        return app;
    }

    public static WebApplication MapIncidentDeskInfrastructure(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.UseSwagger();
        app.UseSwaggerUI();

        // The built SPA, served by the same process; client-side routes fall back to index.html.
        var webRoot = app.Configuration["IncidentDesk:WebRoot"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(app.Environment.ContentRootPath, "wwwroot");
        if (Directory.Exists(webRoot))
        {
            var files = new PhysicalFileProvider(Path.GetFullPath(webRoot));
            // The built scripts and styles are public and named by their content hash: compressed (a phone on a slow
            // network loads the report form about three times faster) and cached for good. Only these are compressed:
            // no response that carries a secret is, so a compression side channel (BREACH) has nothing to read.
            app.UseWhen(http => http.Request.Path.StartsWithSegments("/assets"), assets => assets.UseResponseCompression());
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = c =>
                {
                    if (c.Context.Request.Path.StartsWithSegments("/assets"))
                        c.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                },
            });
            app.MapFallback("{*path:nonfile}", async http =>
            {
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    http.Response.StatusCode = 404;
                    return;
                }
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.SendFileAsync(files.GetFileInfo("index.html"));
            });
        }
        else
        {
            app.Logger.LogWarning("No built web app at {WebRoot}; serving the API only", webRoot);
        }
        return app;
    }
}
