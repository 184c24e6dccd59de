using System.Security.Claims;
using IncidentDesk.Api.Common;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace IncidentDesk.Api.Accounts.SigningIn;

public sealed record LoginRequest(string? Email, string? Password);

/// <param name="Language">The language of the messages the account is sent (ja or en).</param>
/// <param name="TimeZone">The organisation's time zone (IANA id): the web app writes every time in it.</param>
public sealed record MeDto(Guid Id, string Email, string DisplayName, string[] Roles, string Language, string TimeZone)
{
    public static MeDto Of(UserAccount u, string timeZone) => new(u.Id, u.Email, u.DisplayName, u.Roles, u.Language, timeZone);
}

/// <summary>Cookie sign-in with a fresh antiforgery token bound to the signed-in identity.</summary>
public sealed class SessionService(
    UserDirectory users, IPasswordHasher<UserAccount> hasher, IAntiforgery antiforgery, IOrganisationTimeZone timeZone)
{
    // Verifying against a dummy hash when the account does not exist keeps both paths equally slow, so
    // response time does not reveal which e-mail addresses have accounts.
    private static readonly string DummyHash =
        new PasswordHasher<UserAccount>().HashPassword(new UserAccount(Guid.Empty, "", "", [], "", default), "not-a-password");

    public async Task<MeDto?> SignInAsync(HttpContext http, LoginRequest body, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = errors.TextValue("email", body.Email, 254);
        // A password is taken as typed (never trimmed).
        var password = errors.Text("password", body.Password, 200).Has("password") ? "" : body.Password ?? "";
        errors.ThrowIfAny();
        var user = await users.FindByEmailAsync(email, ct);
        var result = hasher.VerifyHashedPassword(user ?? new UserAccount(Guid.Empty, "", "", [], "", default),
            user?.PasswordHash ?? DummyHash, password);
        // A disabled account is refused like a wrong password: the answer does not tell which accounts exist.
        if (user is null || result == PasswordVerificationResult.Failed || user.Disabled) return null;
        await StartSessionAsync(http, user);
        return MeDto.Of(user, await timeZone.GetAsync(ct));
    }

    /// <summary>A cookie session for the account as it is now (roles, name, and the session epoch it is valid in).</summary>
    public async Task StartSessionAsync(HttpContext http, UserAccount user)
    {
        var principal = Principal(user.Id, user.DisplayName, user.Email, user.Roles, user.SessionEpoch);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        http.User = principal;
        IssueAntiforgeryToken(http);
    }

    public const string EpochClaim = "incidentdesk:session-epoch";

    public static ClaimsPrincipal Principal(Guid id, string displayName, string email, IEnumerable<string> roles, int epoch)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, id.ToString()),
            new(ClaimTypes.Name, displayName),
            new(ClaimTypes.Email, email),
            new(EpochClaim, epoch.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>
    /// Checks a session cookie against the account on every request: a disabled or removed account, or one whose
    /// password changed since (a newer session epoch), is signed out; changed roles or name take effect at once.
    /// One primary-key read per request is the price of "a disabled account's sessions end" holding immediately
    /// on every node, with no cache to wait out.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } raw || !Guid.TryParse(raw, out var id))
        {
            context.RejectPrincipal();
            return;
        }
        var users = context.HttpContext.RequestServices.GetRequiredService<UserDirectory>();
        var facts = await users.SessionFactsAsync(id, context.HttpContext.RequestAborted);
        // Cookies issued before epochs existed carry none: they belong to epoch 0.
        var epoch = int.TryParse(principal.FindFirstValue(EpochClaim), System.Globalization.CultureInfo.InvariantCulture, out var e) ? e : 0;
        if (facts is not { Disabled: false } f || f.SessionEpoch != epoch)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal);
        if (!roles.SequenceEqual(f.Roles.Order(StringComparer.Ordinal)) || principal.FindFirstValue(ClaimTypes.Name) != f.DisplayName)
        {
            context.ReplacePrincipal(Principal(id, f.DisplayName, principal.FindFirstValue(ClaimTypes.Email) ?? "", f.Roles, epoch));
            context.ShouldRenew = true;
        }
    }

    /// <summary>The SPA reads XSRF-TOKEN (not HttpOnly) and echoes it in X-XSRF-TOKEN on every write.</summary>
    public void IssueAntiforgeryToken(HttpContext http)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        http.Response.Cookies.Append(AntiforgerySetup.RequestTokenCookie, tokens.RequestToken!,
            new CookieOptions { HttpOnly = false, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/" });
    }
}

public static class AntiforgerySetup
{
    public const string RequestTokenCookie = "XSRF-TOKEN";
    public const string HeaderName = "X-XSRF-TOKEN";

    /// <summary>
    /// Every state-changing API call from a signed-in session must carry the antiforgery header. Login is
    /// exempt (there is no session to ride on yet).
    /// </summary>
    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var method = http.Request.Method;
        var unsafeMethod = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
        if (unsafeMethod && http.User.Identity?.IsAuthenticated == true &&
            http.Request.Path.StartsWithSegments("/api") &&
            !http.Request.Path.StartsWithSegments("/api/auth/login"))
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
                throw new Forbidden($"antiforgery token missing or invalid: send the {RequestTokenCookie} cookie value in the {HeaderName} header");
        }
        await next(http);
    });
}
