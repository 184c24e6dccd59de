using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace IncidentDesk.Api.Accounts.Registering;

/// <param name="Language">The language of the messages the account is sent: ja (the default) or en.</param>
public sealed record CreateUserRequest(string? Email, string? DisplayName, string[]? Roles, string? Password, string? Language = null);

/// <param name="Disabled">A disabled account cannot sign in; its sessions ended when it was disabled.</param>
/// <param name="Version">The account stream's version: send it back in If-Match to edit, disable or enable.</param>
public sealed record UserDto(
    Guid Id, string Email, string DisplayName, string[] Roles, DateTimeOffset CreatedAt, string Language, bool Disabled, long Version);

public sealed record RegisterUser(CreateUserRequest Body, Guid Actor) : IRequest<UserDto>;

internal sealed class RegisterUserHandler(
    CommandPath commands, UserDirectory users, IPasswordHasher<UserAccount> hasher, TimeProvider clock)
    : IRequestHandler<RegisterUser, UserDto>
{
    public const int MinPasswordLength = 12;

    public async Task<UserDto> Handle(RegisterUser cmd, CancellationToken ct)
    {
        var input = Validate(cmd.Body);
        if (await users.FindByEmailAsync(input.Email, ct) is not null)
            throw new RuleViolated("email_taken", $"an account with e-mail {input.Email} already exists");

        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var hash = hasher.HashPassword(new UserAccount(id, input.Email, input.DisplayName, input.Roles, "", now), input.Password);
        var e = new UserRegistered(id, input.Email, input.DisplayName, input.Roles,
            cmd.Actor == Guid.Empty ? id : cmd.Actor, now, input.Language);
        try
        {
            await commands.RunAsync(e.Actor, work =>
            {
                work.Start(id, [e]);
                work.Sql.Add("insert into user_credentials (user_id, password_hash, changed_at) values ($1, $2, $3)", id, hash, now);
                return Task.CompletedTask;
            }, ct);
        }
        catch (Exception x) when (x.IsUniqueViolation("users_email_unique"))
        {
            // Two admins creating the same e-mail at once: the read model's unique index decides, and the
            // whole append (event included) rolls back.
            throw new RuleViolated("email_taken", $"an account with e-mail {input.Email} already exists");
        }
        return new UserDto(id, e.Email, e.DisplayName, input.Roles, now, e.Language, false, 1);
    }

    /// <summary>A request that passed validation: trimmed, roles distinct in their usual order, language set.</summary>
    internal sealed record NewAccount(string Email, string DisplayName, string[] Roles, string Password, string Language);

    internal static NewAccount Validate(CreateUserRequest body)
    {
        var errors = new FieldErrors();
        var email = errors.TextValue("email", body.Email, 254);
        var displayName = errors.SingleLineValue("displayName", body.DisplayName, 100);
        if (!errors.Has("email") && !EmailAddresses.IsBare(email))
            errors.Add("email", "is not an e-mail address");
        var roles = ValidRoles(errors, body.Roles);
        var password = CheckPassword(errors, "password", body.Password);
        if (body.Language is not null && !Languages.IsKnown(body.Language)) errors.Add("language", "must be ja or en");
        errors.ThrowIfAny();
        return new NewAccount(email, displayName, roles, password, body.Language ?? Languages.Default);
    }

    /// <summary>At least one known role (a null item names its index); distinct, in their usual order.</summary>
    internal static string[] ValidRoles(FieldErrors errors, string?[]? requested)
    {
        var roles = requested ?? [];
        if (roles.Length == 0) errors.Add("roles", "must name at least one role");
        else if (roles.Length > Roles.All.Length * 2) errors.Add("roles", $"must have at most {Roles.All.Length * 2} items");
        else if (Array.FindIndex(roles, r => r is null) is var missing and >= 0) errors.Add($"roles.{missing}", "must be a role, not null");
        else if (Array.FindIndex(roles, r => !Roles.All.Contains(r)) is var bad and >= 0)
            errors.Add("roles", $"'{roles[bad]}' is not a role (Reporter, Responder, Executive, Admin)");
        return roles.OfType<string>().Distinct().OrderBy(r => Array.IndexOf(Roles.All, r)).ToArray();
    }

    /// <summary>A password as typed (never trimmed): 12..200 characters.</summary>
    internal static string CheckPassword(FieldErrors errors, string field, string? given)
    {
        var password = given ?? "";
        if (password.Length == 0) errors.Add(field, "is required");
        else if (password.Length < MinPasswordLength) errors.Add(field, $"must be at least {MinPasswordLength} characters");
        else if (password.Length > 200) errors.Add(field, "must be at most 200 characters");
        return password;
    }
}
