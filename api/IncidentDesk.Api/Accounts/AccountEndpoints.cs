using IncidentDesk.Api.Accounts.ChangingLanguage;
using IncidentDesk.Api.Accounts.ChangingPassword;
using IncidentDesk.Api.Accounts.Managing;
using IncidentDesk.Api.Accounts.Registering;
using IncidentDesk.Api.Accounts.SigningIn;
using IncidentDesk.Api.Common;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IncidentDesk.Api.Accounts;

public sealed record UserList(IReadOnlyList<UserDto> Items);

public sealed record AssignableUser(Guid Id, string DisplayName);

public sealed record AssignableUserList(IReadOnlyList<AssignableUser> Items);

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");

        auth.MapPost("/login", async Task<Results<Ok<MeDto>, ProblemHttpResult>> (
                LoginRequest body, HttpContext http, SessionService sessions, CancellationToken ct) =>
            await sessions.SignInAsync(http, body, ct) is { } me
                ? TypedResults.Ok(me)
                : TypedResults.Problem(statusCode: 401, title: "Login failed", detail: "E-mail or password is wrong."))
            .AllowAnonymous().WithName("Login").WithSummary("Sign in with e-mail and password (cookie session)");

        auth.MapPost("/logout", async Task<NoContent> (HttpContext http) =>
            {
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return TypedResults.NoContent();
            })
            .RequireAuthorization().WithName("Logout").WithSummary("End the session");

        auth.MapGet("/me", async Task<Results<Ok<MeDto>, NotFound>> (
                HttpContext http, UserDirectory users, SessionService sessions, IOrganisationTimeZone zone, CancellationToken ct) =>
            {
                var caller = Caller.From(http.User);
                if (await users.FindAsync(caller.Id, ct) is not { } u) return TypedResults.NotFound();
                sessions.IssueAntiforgeryToken(http);
                return TypedResults.Ok(MeDto.Of(u, await zone.GetAsync(ct)));
            })
            .RequireAuthorization().WithName("Me").WithSummary("The signed-in account; also refreshes the XSRF-TOKEN cookie");

        auth.MapPut("/me/language", async Task<Results<Ok<MeDto>, NotFound>> (
                HttpRequest request, HttpContext http, IMediator mediator, UserDirectory users, IOrganisationTimeZone zone, CancellationToken ct) =>
            {
                var caller = Caller.From(http.User);
                var body = await LanguageRequest.ReadAsync(request, ct);
                await mediator.Send(new ChangeLanguage(caller.Id, body, caller.Id), ct);
                return await users.FindAsync(caller.Id, ct) is { } u ? TypedResults.Ok(MeDto.Of(u, await zone.GetAsync(ct))) : TypedResults.NotFound();
            })
            .Accepts<LanguageRequest>("application/json")
            .RequireAuthorization().WithName("ChangeMyLanguage")
            .WithSummary("The language (ja or en) of the messages the signed-in account is sent");

        auth.MapPut("/me/password", async Task<NoContent> (
                ChangePasswordRequest? body, HttpContext http, IMediator mediator, UserDirectory users, SessionService sessions,
                CancellationToken ct) =>
            {
                var caller = Caller.From(http.User);
                await mediator.Send(new ChangePassword(caller.Id, body), ct);
                // The change ended every session of the account, this one included: it goes on in a new one.
                if (await users.FindAsync(caller.Id, ct) is { } u) await sessions.StartSessionAsync(http, u);
                return TypedResults.NoContent();
            })
            .RequireAuthorization().WithName("ChangeMyPassword")
            .WithSummary("Change the signed-in account's password (its other sessions end)");

        var users = app.MapGroup("/api/users").WithTags("Users");

        users.MapPut("/{id:guid}", async Task<Ok<UserDto>> (
                Guid id, EditUserRequest? body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var user = await mediator.Send(new EditUser(id, Versions.ExpectedFrom(http.Request), body, Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, user.Version);
                return TypedResults.Ok(user);
            })
            .RequireAuthorization(Policies.Admin).WithName("EditUser")
            .WithSummary("Change an account's name, roles and language (admin; If-Match)");

        users.MapPost("/{id:guid}/disable", async Task<Ok<UserDto>> (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var user = await mediator.Send(new SetUserDisabled(id, Versions.ExpectedFrom(http.Request), true, Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, user.Version);
                return TypedResults.Ok(user);
            })
            .RequireAuthorization(Policies.Admin).WithName("DisableUser")
            .WithSummary("Disable an account: it cannot sign in and its sessions end (admin; If-Match)");

        users.MapPost("/{id:guid}/enable", async Task<Ok<UserDto>> (Guid id, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var user = await mediator.Send(new SetUserDisabled(id, Versions.ExpectedFrom(http.Request), false, Caller.From(http.User)), ct);
                Versions.SetETag(http.Response, user.Version);
                return TypedResults.Ok(user);
            })
            .RequireAuthorization(Policies.Admin).WithName("EnableUser")
            .WithSummary("Enable a disabled account again (admin; If-Match)");

        users.MapPost("/", async Task<Created<UserDto>> (CreateUserRequest body, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var user = await mediator.Send(new RegisterUser(body, Caller.From(http.User).Id), ct);
                return TypedResults.Created($"/api/users/{user.Id}", user);
            })
            .RequireAuthorization(Policies.Admin).WithName("CreateUser").WithSummary("Create an individual account (admin)");

        users.MapGet("/", async Task<Ok<UserList>> (UserDirectory directory, CancellationToken ct) =>
                TypedResults.Ok(new UserList((await directory.AllAsync(ct))
                    .Select(u => u.ToDto()).ToList())))
            .RequireAuthorization(Policies.Admin).WithName("ListUsers").WithSummary("All accounts (admin)");

        users.MapGet("/assignable", async Task<Ok<AssignableUserList>> (UserDirectory directory, CancellationToken ct) =>
                TypedResults.Ok(new AssignableUserList((await directory.AllAsync(ct))
                    .Where(u => !u.Disabled && (u.Roles.Contains(Roles.Responder) || u.Roles.Contains(Roles.Admin)))
                    .Select(u => new AssignableUser(u.Id, u.DisplayName)).ToList())))
            .RequireAuthorization(Policies.SeesAllIncidents).WithName("ListAssignableUsers")
            .WithSummary("Accounts that can own an incident (responders and admins)");

        // Who may be asked for a decision (and be a deputy): enabled Executive accounts (seeds 000:1416-1430).
        users.MapGet("/executives", async Task<Ok<AssignableUserList>> (UserDirectory directory, CancellationToken ct) =>
                TypedResults.Ok(new AssignableUserList((await directory.AllAsync(ct))
                    .Where(u => !u.Disabled && u.Roles.Contains(Roles.Executive))
                    .Select(u => new AssignableUser(u.Id, u.DisplayName)).ToList())))
            .RequireAuthorization(Policies.SeesAllIncidents).WithName("ListExecutives")
            .WithSummary("Accounts that can be asked for a decision or be a deputy (enabled Executives)");

        return app;
    }
}

public static class Policies
{
    public const string Admin = "admin";
    public const string WorksIncidents = "works-incidents";
    public const string SeesAllIncidents = "sees-all-incidents";

    public static IServiceCollection AddIncidentDeskPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(WorksIncidents, p => p.RequireRole(Roles.Responder, Roles.Admin))
            .AddPolicy(SeesAllIncidents, p => p.RequireRole(Roles.Responder, Roles.Executive, Roles.Admin))
            .SetFallbackPolicy(null)
            .Services;
}
