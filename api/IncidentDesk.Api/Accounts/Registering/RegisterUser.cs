using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace IncidentDesk.Api.Accounts.Registering;

/// <param name="Language">The language of the messages the account is sent: ja (the default) or en.</param>
public sealed record CreateUserRequest(string? Email, string? DisplayName, string[]? Roles, string? Password, string? Language = null);

public sealed record UserDto(Guid Id, string Email, string DisplayName, string[] Roles, DateTimeOffset CreatedAt, string Language);

public sealed record RegisterUser(CreateUserRequest Body, Guid Actor) : IRequest<UserDto>;

internal sealed class RegisterUserHandler(
    CommandPath commands, UserDirectory users, IPasswordHasher<UserAccount> hasher, TimeProvider clock)
    : IRequestHandler<RegisterUser, UserDto>
{
    public const int MinPasswordLength = 12;

    public async Task<UserDto> Handle(RegisterUser cmd, CancellationToken ct)
    {
        var body = Validate(cmd.Body);
        if (await users.FindByEmailAsync(body.Email!, ct) is not null)
            throw new RuleViolated("email_taken", $"an account with e-mail {body.Email} already exists");

        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var roles = body.Roles!.Distinct().OrderBy(r => Array.IndexOf(Roles.All, r)).ToArray();
        var hash = hasher.HashPassword(new UserAccount(id, body.Email!, body.DisplayName!, roles, "", now), body.Password!);
        var e = new UserRegistered(id, body.Email!.Trim(), body.DisplayName!.Trim(), roles,
            cmd.Actor == Guid.Empty ? id : cmd.Actor, now, body.Language ?? Languages.Default);
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
            throw new RuleViolated("email_taken", $"an account with e-mail {body.Email} already exists");
        }
        return new UserDto(id, e.Email, e.DisplayName, roles, now, e.Language);
    }

    internal static CreateUserRequest Validate(CreateUserRequest body)
    {
        var errors = new FieldErrors()
            .Text("email", body.Email, 254)
            .Text("displayName", body.DisplayName, 100);
        if (!errors.Has("email") && !EmailAddresses.IsBare(body.Email!.Trim()))
            errors.Add("email", "is not an e-mail address");
        if (body.Roles is null || body.Roles.Length == 0) errors.Add("roles", "must name at least one role");
        else if (Array.FindIndex(body.Roles, r => !Roles.All.Contains(r)) is var bad and >= 0)
            errors.Add("roles", $"'{body.Roles[bad]}' is not a role (Reporter, Responder, Executive, Admin)");
        if (string.IsNullOrEmpty(body.Password)) errors.Add("password", "is required");
        else if (body.Password.Length < MinPasswordLength) errors.Add("password", $"must be at least {MinPasswordLength} characters");
        else if (body.Password.Length > 200) errors.Add("password", "must be at most 200 characters");
        if (body.Language is not null && !Languages.IsKnown(body.Language)) errors.Add("language", "must be ja or en");
        errors.ThrowIfAny();
        return body;
    }
}
