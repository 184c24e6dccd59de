using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;
using MediatR;

namespace IncidentDesk.Api.Escalation.Configuring;

public sealed record ContactRequest(string? Name, string? Email, string? Phone, string? Role, string? WebhookUrl, string? Language);

public sealed record ContactChainRequest(string? Name, Category[]? Categories, string? Department, bool? IsDefault, ContactRequest[]? Contacts);

public sealed record ContactChainView(
    Guid Id, string Name, IReadOnlyList<Category> Categories, string? Department, bool IsDefault, IReadOnlyList<Contact> Contacts, long Version);

public sealed record ContactChainList(IReadOnlyList<ContactChainView> Items);

public sealed record SlaPolicyView(SlaPolicy Policy, long Version, bool IsDefault);

public sealed record SaveContactChain(Guid? ChainId, long ExpectedVersion, ContactChainRequest Body, Caller Caller) : IRequest<ContactChainView>;

public sealed record RemoveContactChain(Guid ChainId, long ExpectedVersion, Caller Caller) : IRequest<Unit>;

public sealed record SaveSlaPolicy(long ExpectedVersion, SlaPolicy Body, Caller Caller) : IRequest<SlaPolicyView>;

/// <summary>Admin settings of escalation (R15): contact chains and the SLA policy, each change an event.</summary>
internal sealed class ConfigureEscalationHandler(CommandPath commands, EscalationSettingsStore settings, TimeProvider clock)
    : IRequestHandler<SaveContactChain, ContactChainView>, IRequestHandler<RemoveContactChain, Unit>,
      IRequestHandler<SaveSlaPolicy, SlaPolicyView>
{
    public async Task<ContactChainView> Handle(SaveContactChain cmd, CancellationToken ct)
    {
        var chain = Validate(cmd.Body);
        var id = cmd.ChainId ?? Guid.CreateVersion7();
        var others = (await settings.ChainsAsync(ct)).Where(c => c.Chain.Id != id).Select(c => c.Chain).ToList();
        if (chain.IsDefault && others.FirstOrDefault(c => c.IsDefault) is { } existing)
            throw new RuleViolated("default_chain_exists", $"'{existing.Name}' is already the default chain; unmark it first");
        if (cmd.ChainId is not null && cmd.ExpectedVersion == 0) throw ValidationFailed.For("If-Match", "is required");
        var e = new ContactChainSaved(id, chain.Name, chain.Categories, chain.Department, chain.IsDefault, chain.Contacts,
            cmd.Caller.Id, clock.GetUtcNow());
        var version = await AppendAsync(id, cmd.ExpectedVersion, e, cmd.Caller.Id, ct);
        settings.Invalidate();
        return new ContactChainView(id, e.Name, e.Categories, e.Department, e.IsDefault, e.Contacts, version);
    }

    public async Task<Unit> Handle(RemoveContactChain cmd, CancellationToken ct)
    {
        if ((await settings.ChainsAsync(ct)).All(c => c.Chain.Id != cmd.ChainId)) throw new NotFoundError($"contact chain {cmd.ChainId}");
        await AppendAsync(cmd.ChainId, cmd.ExpectedVersion, new ContactChainRemoved(cmd.ChainId, cmd.Caller.Id, clock.GetUtcNow()),
            cmd.Caller.Id, ct);
        settings.Invalidate();
        return Unit.Value;
    }

    public async Task<SlaPolicyView> Handle(SaveSlaPolicy cmd, CancellationToken ct)
    {
        var p = cmd.Body;
        var errors = new FieldErrors().Text("timeZone", p.TimeZone, 60);
        if (p.TimeZone is { Length: > 0 } tz && !TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _)) errors.Add("timeZone", $"'{tz}' is not a known time zone");
        if (p.BusinessDayStartHour is < 0 or > 23) errors.Add("businessDayStartHour", "must be 0..23");
        var keys = new[] { SlaPolicy.Unrated, "low", "medium", "high", "critical" };
        if (p.Rows is null || p.Rows.Count == 0) errors.Add("rows", "must have a row for unrated, low, medium, high and critical");
        else
        {
            for (var i = 0; i < p.Rows.Count; i++)
            {
                var r = p.Rows[i];
                if (!keys.Contains(r.Severity)) errors.Add($"rows.{i}.severity", $"must be one of {string.Join(", ", keys)}");
                foreach (var (name, span) in new[] { ("acknowledge", r.Acknowledge), ("triage", r.Triage), ("reminder", r.Reminder) })
                    if (span is null || (span.NextBusinessDay ? 1 : 0) + (span.Minutes is null ? 0 : 1) + (span.Seconds is null ? 0 : 1) != 1 ||
                        span.Minutes is < 1 or > 43200 || span.Seconds is < 1 or > 86400)
                        errors.Add($"rows.{i}.{name}", "must be exactly one of 1..43200 minutes, 1..86400 seconds, or next business day");
                // Briefings are for high and critical incidents: there an interval (or off), elsewhere only off.
                if (r.Briefing is { } b && (b.NextBusinessDay || (b.Minutes is null ? 0 : 1) + (b.Seconds is null ? 0 : 1) > 1 ||
                                            b.Minutes is < 1 or > 43200 || b.Seconds is < 1 or > 86400))
                    errors.Add($"rows.{i}.briefing", "must be off, or exactly one of 1..43200 minutes or 1..86400 seconds");
                else if (r.Briefing is { IsOff: false } && r.Severity is not ("high" or "critical"))
                    errors.Add($"rows.{i}.briefing", "must be off: briefings are for high and critical incidents");
            }
            foreach (var missing in keys.Where(k => p.Rows.All(r => r.Severity != k))) errors.Add("rows", $"has no row for '{missing}'");
            if (p.Rows.GroupBy(r => r.Severity).Any(g => g.Count() > 1)) errors.Add("rows", "has a severity twice");
        }
        errors.ThrowIfAny();
        // A row without a briefing interval (a client from before briefings) keeps the default, written out.
        var e = new SlaPolicySaved([.. new SlaPolicy(p.Rows!, p.TimeZone, p.BusinessDayStartHour).WithBriefingDefaults().Rows],
            p.TimeZone, p.BusinessDayStartHour, cmd.Caller.Id, clock.GetUtcNow());
        var version = await AppendAsync(SettingsEventTypes.SlaPolicyStreamId, cmd.ExpectedVersion, e, cmd.Caller.Id, ct);
        settings.Invalidate();
        return new SlaPolicyView(new SlaPolicy(e.Rows, e.TimeZone, e.BusinessDayStartHour), version, false);
    }

    /// <summary>A settings change at the version the admin read (If-Match; 0 = a new stream): 412 if it moved.</summary>
    private Task<long> AppendAsync(Guid streamId, long expectedVersion, object e, Guid actor, CancellationToken ct) =>
        commands.RunAsync(actor, async work =>
        {
            if (expectedVersion == 0) work.Start(streamId, [e]);
            else
            {
                await work.LoadAsync<object>(streamId, (_, x) => x, ct, expectedVersion);
                work.Append(streamId, [e]);
            }
            return work.VersionAfter(streamId);
        }, ct);

    /// <summary>A contact chain that passed validation: trimmed, blanks as null, defaults applied.</summary>
    internal sealed record ChainInput(string Name, Category[] Categories, string? Department, bool IsDefault, Contact[] Contacts);

    internal static ChainInput Validate(ContactChainRequest b)
    {
        var errors = new FieldErrors().Max("categories", b.Categories, 11).Max("contacts", b.Contacts, 20);
        var name = errors.TextValue("name", b.Name, 100);
        var department = errors.OptionalValue("department", b.Department, 100);
        var requested = b.Contacts ?? [];
        if (requested.Length == 0) errors.Add("contacts", "must list at least one person");
        var contacts = new Contact[requested.Length];
        for (var i = 0; i < requested.Length; i++)
        {
            var c = requested[i];
            var email = errors.TextValue($"contacts.{i}.email", c.Email, 254);
            if (email.Length > 0 && !EmailAddresses.IsBare(email))
                errors.Add($"contacts.{i}.email", "is not an e-mail address");
            var webhook = errors.OptionalValue($"contacts.{i}.webhookUrl", c.WebhookUrl, 500);
            if (webhook is not null && !(Uri.TryCreate(webhook, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                errors.Add($"contacts.{i}.webhookUrl", "must be an absolute http(s) URL");
            if (c.Language is not (null or "ja" or "en")) errors.Add($"contacts.{i}.language", "must be ja or en");
            contacts[i] = new Contact(errors.TextValue($"contacts.{i}.name", c.Name, 100), email,
                errors.OptionalValue($"contacts.{i}.phone", c.Phone, 40), errors.OptionalValue($"contacts.{i}.role", c.Role, 100),
                webhook, c.Language ?? "ja");
        }
        var isDefault = b.IsDefault ?? false;
        if (!isDefault && (b.Categories is null || b.Categories.Length == 0))
            errors.Add("categories", "name at least one category, or make this the default chain");
        errors.ThrowIfAny();
        return new ChainInput(name, b.Categories ?? [], department, isDefault, contacts);
    }
}
