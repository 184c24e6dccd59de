using Hangfire;
using Hangfire.Dashboard;
using IncidentDesk.Api.Accounts;

namespace IncidentDesk.Api.Hosting;

/// <summary>
/// Hangfire's dashboard at <c>/admin/jobs</c>, for Admins signed in with their cookie session: timers waiting,
/// running, failed and retried. Anyone else signed in gets 403; a browser without a session is sent to the sign-in
/// page, which brings it back here.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/admin/jobs";

    public static WebApplication UseJobsDashboard(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Path), branch => branch.Use((http, next) =>
        {
            if (http.User.Identity?.IsAuthenticated != true)
            {
                if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                    http.Response.Redirect("/login?next=" + Uri.EscapeDataString(Path));
                else
                    http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }
            if (!http.User.IsInRole(Roles.Admin))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }
            return next(http);
        }));
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            // Hangfire checks again: the dashboard never opens without this filter passing.
            Authorization = [new AdminsOnly()],
            AppPath = "/admin/contact-chains",
            DashboardTitle = "IncidentDesk — jobs",
            DisplayStorageConnectionString = false,
            IsReadOnlyFunc = _ => false,
        });
        return app;
    }

    private sealed class AdminsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}
