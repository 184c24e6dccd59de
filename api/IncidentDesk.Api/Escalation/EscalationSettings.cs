using IncidentDesk.Api.Incidents;

namespace IncidentDesk.Api.Escalation;

/// <summary>A person (or desk) in a contact chain (R15): who to tell, in which order, how to reach them.</summary>
public sealed record Contact(
    string Name, string Email, string? Phone, string? Role, string? WebhookUrl, string Language = "ja");

/// <summary>
/// The ordered people to alert for incidents of some categories (and optionally one department). The default
/// chain applies when no other matches (seeds 000:519-523, 1359-1361: decided in advance, in priority order).
/// </summary>
public sealed record ContactChain(
    Guid Id, string Name, IReadOnlyList<Category> Categories, string? Department, bool IsDefault,
    IReadOnlyList<Contact> Contacts)
{
    /// <summary>
    /// The built-in default chain's id. Until an admin saves a default chain, a report that no chain matches goes to
    /// the first admin and then every Responder (enabled accounts, in the order they were created), so that a
    /// fresh install still reaches someone. It is resolved from the accounts, never stored as settings.
    /// </summary>
    public static readonly Guid BuiltInId = new("c4a10000-0000-4000-8000-0000000000b1");

    public const string BuiltInName = "built-in";

    public bool IsBuiltIn => Id == BuiltInId;

    /// <summary>The built-in chain from the enabled accounts, oldest first; null when there is nobody to alert.</summary>
    public static ContactChain? BuiltIn(IEnumerable<(string Name, string Email, string Language, string[] Roles)> accounts)
    {
        var all = accounts.ToList();
        var contacts = new List<Contact>();
        if (all.FirstOrDefault(a => a.Roles.Contains(Common.Roles.Admin)) is { Email: not null } admin)
            contacts.Add(new Contact(admin.Name, admin.Email, null, Common.Roles.Admin, null, admin.Language));
        foreach (var r in all.Where(a => a.Roles.Contains(Common.Roles.Responder)))
            if (contacts.All(c => !string.Equals(c.Email, r.Email, StringComparison.OrdinalIgnoreCase)))
                contacts.Add(new Contact(r.Name, r.Email, null, Common.Roles.Responder, null, r.Language));
        return contacts.Count == 0 ? null : new ContactChain(BuiltInId, BuiltInName, [], null, true, contacts);
    }
}

/// <summary>A time allowance: some minutes, or "by the start of the next business day".</summary>
public sealed record SlaSpan(int? Minutes, bool NextBusinessDay)
{
    /// <summary>Seconds instead of minutes, for drills and tests that cannot wait minutes.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? Seconds { get; init; }

    public static SlaSpan OfMinutes(int minutes) => new(minutes, false);
    public static readonly SlaSpan BusinessDay = new(null, true);

    /// <summary>No time at all: only the briefing interval may be off (no minutes, no seconds, not next business day).</summary>
    public static readonly SlaSpan Off = new(null, false);

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsOff => Minutes is null && Seconds is null && !NextBusinessDay;
}

/// <summary>Per severity ("unrated" before triage): time to acknowledge, to finish triage, reminder interval.</summary>
public sealed record SlaRow(string Severity, SlaSpan Acknowledge, SlaSpan Triage, SlaSpan Reminder)
{
    /// <summary>
    /// How often responders brief the executives on an open incident of this severity (R17, seeds 000:1398-1404), or
    /// <see cref="SlaSpan.Off"/>. Absent (null) in policies saved before briefings existed: those read as
    /// <see cref="SlaPolicy.DefaultBriefing"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public SlaSpan? Briefing { get; init; }
}

public sealed record SlaPolicy(IReadOnlyList<SlaRow> Rows, string TimeZone, int BusinessDayStartHour)
{
    public const string Unrated = "unrated";

    /// <summary>Defaults from the issue: critical 15 min, high 30 min, medium 4 h, low next business day.</summary>
    public static readonly SlaPolicy Default = new(
    [
        new SlaRow(Unrated, SlaSpan.OfMinutes(30), SlaSpan.OfMinutes(240), SlaSpan.OfMinutes(240)),
        new SlaRow("critical", SlaSpan.OfMinutes(15), SlaSpan.OfMinutes(60), SlaSpan.OfMinutes(60)),
        new SlaRow("high", SlaSpan.OfMinutes(30), SlaSpan.OfMinutes(240), SlaSpan.OfMinutes(240)),
        new SlaRow("medium", SlaSpan.OfMinutes(240), SlaSpan.OfMinutes(1440), SlaSpan.OfMinutes(1440)),
        new SlaRow("low", SlaSpan.BusinessDay, SlaSpan.BusinessDay, SlaSpan.OfMinutes(4320)),
    ], "Asia/Tokyo", 9);

    /// <summary>The briefing interval a severity has unless an admin set another: every 2 h for critical, 4 h for high, else off.</summary>
    public static SlaSpan DefaultBriefing(string severity) => severity switch
    {
        "critical" => SlaSpan.OfMinutes(120),
        "high" => SlaSpan.OfMinutes(240),
        _ => SlaSpan.Off,
    };

    /// <summary>The policy with every row's briefing interval spelled out (rows saved without one get the default).</summary>
    public SlaPolicy WithBriefingDefaults() =>
        this with { Rows = Rows.Select(r => r.Briefing is null ? r with { Briefing = DefaultBriefing(r.Severity) } : r).ToList() };

    /// <summary>
    /// The briefing interval for an incident of this severity, or null when none is asked for: briefings are for high and
    /// critical incidents only (the rule), and an admin may turn either off.
    /// </summary>
    public SlaSpan? BriefingFor(Severity? severity)
    {
        if (severity is not (Severity.High or Severity.Critical)) return null;
        var row = For(severity);
        var span = row.Briefing ?? DefaultBriefing(row.Severity);
        return span.IsOff ? null : span;
    }

    public SlaRow For(Severity? severity)
    {
        var key = severity is { } s ? Common.EnumNames.Name(s) : Unrated;
        return Rows.FirstOrDefault(r => r.Severity == key) ?? Rows.First(r => r.Severity == Unrated);
    }
}

public static class DeadlineCalculator
{
    /// <summary>
    /// How long after a briefing fell due the executives are told it is late: a quarter of the interval, at most 15
    /// minutes (so 15 min for the default 2 h and 4 h; 1 s for a 4 s test interval). The owner is reminded at the due
    /// time itself, so the grace is the owner's time to post.
    /// </summary>
    public static TimeSpan BriefingGrace(DateTimeOffset from, SlaSpan interval, SlaPolicy policy)
    {
        var span = Due(from, interval, policy) - from;
        return span / 4 < TimeSpan.FromMinutes(15) ? span / 4 : TimeSpan.FromMinutes(15);
    }

    /// <summary>
    /// When a span that starts at <paramref name="from"/> ends. "Next business day" is the start hour of the
    /// next Monday–Friday after the day of <paramref name="from"/> in the policy's time zone (public holidays
    /// are not modelled).
    /// </summary>
    public static DateTimeOffset Due(DateTimeOffset from, SlaSpan span, SlaPolicy policy)
    {
        if (span.Seconds is { } seconds) return from.AddSeconds(seconds);
        if (span.Minutes is { } minutes) return from.AddMinutes(minutes);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(policy.TimeZone);
        var local = TimeZoneInfo.ConvertTime(from, zone);
        var day = local.Date.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        var start = day.AddHours(policy.BusinessDayStartHour);
        return new DateTimeOffset(start, zone.GetUtcOffset(start)).ToUniversalTime();
    }
}
