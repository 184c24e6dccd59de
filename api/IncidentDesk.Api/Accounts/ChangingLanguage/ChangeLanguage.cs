using System.Diagnostics;
using System.Text.Json;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using MediatR;

namespace IncidentDesk.Api.Accounts.ChangingLanguage;

public sealed record LanguageRequest(string? Language)
{
    /// <summary>
    /// Reads the body by hand rather than through parameter binding, so that a missing, empty or unreadable body
    /// is a 400 naming <c>language</c> (its only field) instead of the generic <c>body</c>.
    /// </summary>
    public static async Task<LanguageRequest?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType()) return null;
        try
        {
            return await JsonSerializer.DeserializeAsync<LanguageRequest>(request.Body, JsonDefaults.Options, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The signed-in account chooses the language of the messages it is sent (ja or en).</summary>
public sealed record ChangeLanguage(Guid UserId, LanguageRequest? Body, Guid Actor) : IRequest<string>;

internal sealed class ChangeLanguageHandler(CommandPath commands) : IRequestHandler<ChangeLanguage, string>
{
    public async Task<string> Handle(ChangeLanguage cmd, CancellationToken ct)
    {
        var language = Validate(cmd.Body);
        // The request names the language outright (it does not depend on what was read), so the stream is not
        // pinned: a concurrent change of the same account is decided again rather than a 412 the caller could
        // do nothing about.
        return await commands.RunAsync(cmd.Actor, async work =>
        {
            var user = await work.LoadAsync<User>(cmd.UserId, User.Evolve, ct) ?? throw new NotFoundError($"user {cmd.UserId}");
            work.Append(cmd.UserId, Decide(user.State, language, cmd.Actor, work.Now));
            return language;
        }, ct);
    }

    internal static string Validate(LanguageRequest? body)
    {
        var errors = new FieldErrors();
        switch (body?.Language)
        {
            case { } known when Languages.IsKnown(known):
                return known;
            case null when body is null:
                errors.Add("language", "is required: send a JSON body {\"language\": \"ja\"} or {\"language\": \"en\"}");
                break;
            case null:
                errors.Add("language", "is required");
                break;
            default:
                errors.Add("language", "must be ja or en");
                break;
        }
        errors.ThrowIfAny();
        throw new UnreachableException();
    }

    /// <summary>Pure; choosing the language the account already has records nothing (double clicks, both tabs).</summary>
    internal static object[] Decide(User state, string language, Guid actor, DateTimeOffset now) =>
        state.Language == language ? [] : [new UserLanguageChanged(state.Id, language, actor, now)];
}
