using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Notifications;
using Marten;
using Npgsql;

namespace IncidentDesk.Api.Drills.ContactChecks;

/// <summary>What the landing page of a check's personal link shows: the drill banner, who it is for, which drill and chain.</summary>
public sealed record DrillAckView(
    Guid CheckId, Guid RunId, string? DrillTitle, string RecipientName, string ChainName, bool Announced, int Position, int Members,
    DateTimeOffset? AcknowledgedAt, string Language, string Banner, bool CheckCompleted, string TimeZone);

public sealed record DrillAckRequest([property: System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.StringLength(DrillAck.MaxTokenLength, MinimumLength = 1)] string? Token);

public sealed record DrillAckResult(Guid CheckId, string RecipientName, DateTimeOffset AcknowledgedAt, bool AlreadyAcknowledged);

/// <summary>
/// The personal acknowledge links of a check (no sign-in: the signed token is the credential, and it names one message of
/// one check). Reading the link (GET) counts nothing, because mail scanners open links; only the landing page's button
/// (POST) acknowledges, once.
/// </summary>
public sealed class DrillAck(AckLinks links, IDocumentStore store, NpgsqlDataSource db, ContactCheckCommands commands, IOrganisationTimeZone zone)
{
    public const int MaxTokenLength = 2000;

    public async Task<DrillAckView> ReadAsync(Guid checkId, string? token, CancellationToken ct)
    {
        var notification = Verify(checkId, token);
        var check = await store.FetchAsync<ContactCheck>(checkId, ContactCheck.Evolve, ct) ?? throw new Forbidden("this link is not valid for this check");
        var m = check.State.ByNotification(notification) ?? throw new Forbidden("this link is not valid for this check");
        var language = m.Member.Language;
        return new DrillAckView(checkId, check.State.RunId, await DrillTitleAsync(check.State.RunId, language, ct), m.Member.Name,
            check.State.ChainName, check.State.Announced, m.Member.Index + 1, check.State.Members.Count, m.AcknowledgedAt, language,
            DrillMarking.FirstLine(language), check.State.Completed, await zone.GetAsync(ct));
    }

    public async Task<DrillAckResult> AcknowledgeAsync(Guid checkId, DrillAckRequest? body, CancellationToken ct)
    {
        var notification = Verify(checkId, body?.Token);
        var actor = await ActorAsync(checkId, notification, ct);
        var (check, _, changed) = await commands.RunAsync(actor, checkId, null, d =>
        {
            if (d.Check.ByNotification(notification) is null) throw new Forbidden("this link is not valid for this check");
            return ContactCheckRules.Acknowledge(d.Check, notification, actor, d.Now, d.StepDue, d.NewId);
        }, ct);
        var m = check.ByNotification(notification)!;
        return new DrillAckResult(checkId, m.Member.Name, m.AcknowledgedAt!.Value, !changed);
    }

    /// <summary>The signed token's message, or the reason it is refused (400 missing or malformed, 403 not for this check, 409 expired).</summary>
    private Guid Verify(Guid checkId, string? token)
    {
        if (string.IsNullOrWhiteSpace(token)) throw ValidationFailed.For("token", "is required");
        if (token.Length > MaxTokenLength) throw ValidationFailed.For("token", $"must be at most {MaxTokenLength} characters");
        if (token.Any(char.IsControl)) throw ValidationFailed.For("token", "must be one line without control characters");
        var (problem, notification) = links.Read(token, checkId, ContactCheckMessages.AckRoute);
        return problem switch
        {
            AckLinkProblem.None => notification,
            AckLinkProblem.Expired => throw new RuleViolated("link_expired", "this acknowledge link has expired"),
            _ => throw new Forbidden("this link is not valid for this check"),
        };
    }

    /// <summary>The person the message went to when they have an account; else the system (the event names the member).</summary>
    private async Task<Guid> ActorAsync(Guid checkId, Guid notification, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "select u.id from notification_outbox o join users u on lower(u.email) = lower(o.address) where o.notification_id = $1 and o.incident_id = $2");
        cmd.Parameters.AddWithValue(notification);
        cmd.Parameters.AddWithValue(checkId);
        return await cmd.ExecuteScalarAsync(ct) is Guid id ? id : SystemActor.Id;
    }

    private async Task<string?> DrillTitleAsync(Guid runId, string language, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select case when $2 = 'en' then title_en else title_ja end from drill_runs where id = $1");
        cmd.Parameters.AddWithValue(runId);
        cmd.Parameters.AddWithValue(language);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }
}
