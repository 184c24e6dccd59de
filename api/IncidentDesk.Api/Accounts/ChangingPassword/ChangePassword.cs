using IncidentDesk.Api.Accounts.Registering;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using System.ComponentModel.DataAnnotations;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace IncidentDesk.Api.Accounts.ChangingPassword;

/// <param name="CurrentPassword">The password the account signs in with now.</param>
/// <param name="NewPassword">The new password: 12..200 characters.</param>
public sealed record ChangePasswordRequest(
    [property: Required, StringLength(200, MinimumLength = 1)] string? CurrentPassword,
    [property: Required, StringLength(200, MinimumLength = RegisterUserHandler.MinPasswordLength)] string? NewPassword);

/// <summary>The signed-in account changes its own password. Its other sessions end (the caller's is renewed).</summary>
public sealed record ChangePassword(Guid UserId, ChangePasswordRequest? Body) : IRequest<Unit>;

internal sealed class ChangePasswordHandler(CommandPath commands, UserDirectory users, IPasswordHasher<UserAccount> hasher)
    : IRequestHandler<ChangePassword, Unit>
{
    public async Task<Unit> Handle(ChangePassword cmd, CancellationToken ct)
    {
        var (current, next) = Validate(cmd.Body);
        var account = await users.FindAsync(cmd.UserId, ct) ?? throw new NotFoundError($"user {cmd.UserId}");
        if (hasher.VerifyHashedPassword(account, account.PasswordHash, current) == PasswordVerificationResult.Failed)
            throw ValidationFailed.For("currentPassword", "is not the account's password");
        var hash = hasher.HashPassword(account, next);
        await commands.RunAsync(cmd.UserId, async work =>
        {
            var user = await work.LoadAsync<User>(cmd.UserId, User.Evolve, ct) ?? throw new NotFoundError($"user {cmd.UserId}");
            work.Append(cmd.UserId, Decide(user.State, cmd.UserId, work.Now));
            // The hash never enters the event (events are kept forever); it overwrites the old one in the same transaction.
            work.Sql.Add("update user_credentials set password_hash = $2, changed_at = $3 where user_id = $1", cmd.UserId, hash, work.Now);
        }, ct);
        return Unit.Value;
    }

    internal static (string Current, string Next) Validate(ChangePasswordRequest? body)
    {
        if (body is null) throw ValidationFailed.For("body", "is required: send currentPassword and newPassword");
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(body.CurrentPassword)) errors.Add("currentPassword", "is required");
        else if (body.CurrentPassword.Length > 200) errors.Add("currentPassword", "must be at most 200 characters");
        RegisterUserHandler.CheckPassword(errors, "newPassword", body.NewPassword);
        if (!errors.Has("newPassword") && body.NewPassword == body.CurrentPassword)
            errors.Add("newPassword", "must differ from the current password");
        errors.ThrowIfAny();
        return (body.CurrentPassword!, body.NewPassword!);
    }

    /// <summary>Pure: a disabled account has no session to change it from, so that is a rule, not a 404.</summary>
    internal static IReadOnlyList<object> Decide(User s, Guid actor, DateTimeOffset now) =>
        s.Disabled
            ? throw new RuleViolated("account_disabled", "a disabled account cannot change its password")
            : [new UserPasswordChanged(s.Id, actor, now)];
}
