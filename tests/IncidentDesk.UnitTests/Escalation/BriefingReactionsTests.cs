using IncidentDesk.Api.Common;
using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.Escalation.FiringDeadlines;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Notifications;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Escalation;

/// <summary>
/// Executive briefings on the escalation machinery (issue 10 §5, R17): a high or critical incident gets a briefing
/// deadline; when it falls due the owner is reminded, after the grace the executives are told it is late, and every
/// briefing posted is mailed to every executive in their language and re-arms the deadline.
/// </summary>
public sealed class BriefingReactionsTests
{
    private static SlaSpan Minutes(int m) => SlaSpan.OfMinutes(m);

    private static readonly SlaPolicy Policy = new(
    [
        new SlaRow(SlaPolicy.Unrated, Minutes(20), Minutes(120), Minutes(90)),
        new SlaRow("critical", Minutes(5), Minutes(30), Minutes(45)) { Briefing = Minutes(120) },
        new SlaRow("high", Minutes(10), Minutes(120), Minutes(180)) { Briefing = Minutes(240) },
        new SlaRow("medium", Minutes(60), Minutes(480), Minutes(720)),
        new SlaRow("low", SlaSpan.BusinessDay, SlaSpan.BusinessDay, Minutes(4320)),
    ], "Asia/Tokyo", 9);

    private static readonly Contact First = new("CSIRT desk", "csirt@example.test", null, "first response", null);
    private static readonly ContactChain Chain = new(Guid.Parse("01930000-0000-7000-8000-0000000000e1"), "default", [], null, true, [First]);

    private static readonly Recipient ReporterAccount = new(Reporter, "Yamada Hanako", "yamada@example.test", "ja");
    private static readonly Recipient ResponderAccount = new(Responder, "Ito Jun", "ito@example.test", "ja");
    private static readonly Recipient OwnerAccount = new(Owner, "Kato Mei", "kato@example.test", "en");

    private static readonly Recipient[] Executives =
    [
        new(Guid.Parse("01930000-0000-7000-8000-0000000000f1"), "Exec One", "ceo@example.test", "ja"),
        new(Guid.Parse("01930000-0000-7000-8000-0000000000f2"), "Exec Two", "cio@example.test", "en"),
    ];

    private static readonly Guid Fired = Guid.Parse("01930000-0000-7000-8000-0000000000dd");
    private static readonly Guid BriefingId = Guid.Parse("01930000-0000-7000-8000-0000000000f9");

    private static EscalationContext Context(SlaPolicy? policy = null) => new(policy ?? Policy, Chain,
        new[] { ReporterAccount, ResponderAccount, OwnerAccount }.ToDictionary(r => r.AccountId!.Value), Executives, "https://desk.example.test/");

    private static Func<Guid> Ids()
    {
        var n = 0;
        return () => Guid.Parse($"01930000-0000-7000-8000-1{++n:00000000000}");
    }

    private static IReadOnlyList<IDomainEvent> Plan(IIncidentEvent[] history, IDomainEvent[] decided, EscalationState? escalation = null,
        SlaPolicy? policy = null) =>
        Reactions.Plan(history.Aggregate((Incident?)null, (s, e) => Incident.Evolve(s, e)), escalation ?? EscalationState.Empty(IncidentId),
            decided, Context(policy), Ids(), Now);

    private static (int Level, DateTimeOffset DueAt)[] Briefings(IEnumerable<IDomainEvent> events) =>
        events.OfType<DeadlineSet>().Where(d => d.Kind == DeadlineKind.Briefing).Select(d => (d.Level, d.DueAt)).ToArray();

    private static string[] Sent(IEnumerable<IDomainEvent> events) => events.OfType<NotificationQueued>()
        .Select(n => $"{n.Channel} {n.Address} {n.Template} {n.Language}{(n.AckLink ? " +ack" : "")}").ToArray();

    private static EscalationState Stream(params IDomainEvent[] events) =>
        events.Aggregate(EscalationState.Empty(IncidentId), (s, e) => EscalationState.Evolve(s, e));

    private static DeadlineSet BriefingDeadline(int level, int dueMinute) =>
        new(IncidentId, Fired, DeadlineKind.Briefing, null, level, T(dueMinute), SystemActor.Id, T(0));

    private static SeverityRerated ToCritical(int at, Severity from = Severity.Medium) =>
        Rerated(at, InfoClass.Confidential, Impact.Serious, true, from, Severity.Critical);

    private static SeverityRerated ToHigh(int at, Severity from = Severity.Medium) =>
        Rerated(at, InfoClass.Confidential, Impact.Serious, false, from, Severity.High);

    private static IIncidentEvent[] CriticalInAnalysis() => [.. InAnalysis(), ToCritical(6)];

    private static BriefingPosted Posted(int at, int number = 1) => new(IncidentId, BriefingId, number, Severity.Critical,
        "One sales PC encrypted", "One PC; customer list unreadable", "Restoring from backup", "Whether the list left", "Confirm: no ransom",
        Responder, T(at));

    // Starting the clock

    [Fact]
    public void Triage_at_critical_sets_the_first_briefing_due_one_interval_later()
    {
        var triaged = Triaged(3, InfoClass.Confidential, Impact.Serious, personalData: true, severity: Severity.Critical);

        Assert.Equal([(0, T(3).AddMinutes(120))], Briefings(Plan(InTriage(), [triaged])));
    }

    [Fact]
    public void Rerating_to_high_starts_the_clock_at_the_high_interval()
    {
        Assert.Equal([(0, T(6).AddMinutes(240))], Briefings(Plan(InAnalysis(), [ToHigh(6)])));
    }

    [Fact]
    public void Triage_at_medium_or_low_sets_no_briefing_deadline()
    {
        Assert.Empty(Briefings(Plan(InTriage(), [Triaged(3)])));
        Assert.Empty(Briefings(Plan(InTriage(), [Triaged(3, InfoClass.Public, Impact.Minor, severity: Severity.Low)])));
    }

    [Fact]
    public void A_severity_whose_interval_is_off_sets_no_briefing_deadline()
    {
        var off = Policy with { Rows = [.. Policy.Rows.Select(r => r.Severity == "critical" ? r with { Briefing = SlaSpan.Off } : r)] };

        Assert.Empty(Briefings(Plan(InAnalysis(), [ToCritical(6)], policy: off)));
    }

    [Fact]
    public void A_policy_saved_before_briefings_existed_briefs_critical_every_2_h_and_high_every_4_h()
    {
        var old = Policy with { Rows = [.. Policy.Rows.Select(r => r with { Briefing = null })] };

        Assert.Equal([(0, T(6).AddMinutes(120))], Briefings(Plan(InAnalysis(), [ToCritical(6)], policy: old)));
        Assert.Equal([(0, T(6).AddMinutes(240))], Briefings(Plan(InAnalysis(), [ToHigh(6)], policy: old)));
        Assert.Null(old.BriefingFor(Severity.Medium));
    }

    [Fact]
    public void High_to_critical_brings_the_due_time_forward_and_critical_to_high_keeps_it()
    {
        var pending = Stream(BriefingDeadline(0, 6 + 240));
        var high = (IIncidentEvent[])[.. InAnalysis(), ToHigh(6)];

        Assert.Equal([(0, T(10).AddMinutes(120))], Briefings(Plan(high, [ToCritical(10, Severity.High)], pending)));

        var critical = (IIncidentEvent[])[.. CriticalInAnalysis()];
        var soon = Stream(BriefingDeadline(0, 6 + 120));
        Assert.Empty(Briefings(Plan(critical, [ToHigh(10, Severity.Critical)], soon)));
    }

    [Fact]
    public void Rerating_within_a_grace_already_running_leaves_it_alone()
    {
        var graceRunning = Stream(BriefingDeadline(0, 126), new BriefingReminderSent(IncidentId, Fired, T(126), SystemActor.Id, T(126)),
            BriefingDeadline(1, 141) with { DeadlineId = Guid.NewGuid() });

        Assert.Empty(Briefings(Plan([.. InAnalysis(), ToHigh(6)], [ToCritical(130, Severity.High)], graceRunning)));
    }

    [Fact]
    public void Rerating_back_up_after_dropping_below_high_starts_a_new_clock()
    {
        var stale = Stream(BriefingDeadline(0, 126));
        var history = (IIncidentEvent[])[.. CriticalInAnalysis(), Rerated(20, InfoClass.Business, Impact.Serious, false, Severity.Critical, Severity.Medium)];

        Assert.Equal([(0, T(30).AddMinutes(120))], Briefings(Plan(history, [ToCritical(30)], stale)));
    }

    // Posting

    [Fact]
    public void A_posted_briefing_goes_to_every_executive_in_their_language_without_ack_link_and_re_arms_the_clock()
    {
        var events = Plan(CriticalInAnalysis(), [Posted(50)]);

        Assert.Equal(["Email ceo@example.test briefing ja", "Email cio@example.test briefing en"], Sent(events));
        Assert.Equal([(0, T(50).AddMinutes(120))], Briefings(events));
    }

    [Fact]
    public void The_briefing_mail_carries_its_five_parts_the_poster_and_the_local_time()
    {
        var mails = Plan(CriticalInAnalysis(), [Posted(50)]).OfType<NotificationQueued>().ToList();

        var ja = mails.Single(m => m.Language == "ja");
        Assert.Equal($"【状況報告 第1報】{Reference} ウイルス・不審な動作", ja.Subject);
        Assert.Contains("Ito Junが2026/11/20 18:50 JSTに報告しました。", ja.Body);
        Assert.Contains("■ 何が起きたか\nOne sales PC encrypted\n\n■ これまでの影響\nOne PC; customer list unreadable\n\n■ 現在の対応\nRestoring from backup\n\n" +
                        "■ まだ分かっていないこと\nWhether the list left\n\n■ 必要な経営判断\nConfirm: no ransom\n", ja.Body);
        Assert.Contains("対応責任者: Kato Mei\n", ja.Body);
        var en = mails.Single(m => m.Language == "en");
        Assert.Equal($"[Status briefing no. 1] {Reference} Malware", en.Subject);
        Assert.Contains("posted by Ito Jun at 20 Nov 2026, 18:50 JST.", en.Body);
        Assert.Contains("Next decision needed\nConfirm: no ransom\n", en.Body);
    }

    [Fact]
    public void The_poster_and_owner_are_loaded_for_a_briefing_and_the_executives_are_needed()
    {
        var posted = Posted(50) with { Actor = OtherResponder };

        Assert.Superset(new HashSet<Guid> { OtherResponder, Owner, Reporter }, Reactions.AccountsNeeded(Fold(CriticalInAnalysis()), [posted]).ToHashSet());
        Assert.True(Reactions.NeedsExecutives([posted]));
        Assert.True(Reactions.NeedsExecutives([new BriefingMissed(IncidentId, Fired, T(126), SystemActor.Id, T(141))]));
        Assert.False(Reactions.NeedsExecutives([new BriefingReminderSent(IncidentId, Fired, T(126), SystemActor.Id, T(126))]));
    }

    // Due, reminder, late

    [Fact]
    public void A_due_briefing_reminds_the_owner_and_sets_the_late_notice_15_minutes_later()
    {
        var events = Plan(CriticalInAnalysis(), [new BriefingReminderSent(IncidentId, Fired, T(126), SystemActor.Id, T(126))]);

        Assert.Equal(["Email kato@example.test briefing_due en"], Sent(events));
        Assert.Equal([(1, T(141))], Briefings(events));
        Assert.Contains("was due at 20 Nov 2026, 20:06 JST. Please post where things stand. If none is posted by 20 Nov 2026, 20:21 JST",
            events.OfType<NotificationQueued>().Single().Body);
    }

    [Fact]
    public void The_grace_is_a_quarter_of_a_short_interval()
    {
        var seconds = Policy with
        {
            Rows = [.. Policy.Rows.Select(r => r.Severity == "critical" ? r with { Briefing = new SlaSpan(null, false) { Seconds = 8 } } : r)],
        };

        var events = Plan(CriticalInAnalysis(), [new BriefingReminderSent(IncidentId, Fired, T(126), SystemActor.Id, T(126))], policy: seconds);

        Assert.Equal([(1, T(126).AddSeconds(2))], Briefings(events));
    }

    [Fact]
    public void A_missed_briefing_tells_every_executive_and_the_owner_and_sets_the_next_due_time()
    {
        var events = Plan(CriticalInAnalysis(), [new BriefingMissed(IncidentId, Fired, T(126), SystemActor.Id, T(141))]);

        Assert.Equal(["Email ceo@example.test briefing_missed ja", "Email cio@example.test briefing_missed en", "Email kato@example.test briefing_missed en"],
            Sent(events));
        Assert.Equal([(0, T(141).AddMinutes(120))], Briefings(events));
        var ja = events.OfType<NotificationQueued>().First();
        Assert.Equal($"【状況報告の遅れ】{Reference} ウイルス・不審な動作 の状況報告が期限を過ぎても届いていません", ja.Subject);
        Assert.Contains("2026/11/20 20:06 JSTが期限だった経営層への状況報告が、まだ投稿されていません。", ja.Body);
        Assert.Contains("前回の報告: まだ一度も報告されていません\n", ja.Body);
    }

    [Fact]
    public void A_late_notice_names_the_last_briefing()
    {
        var events = Plan([.. CriticalInAnalysis(), Posted(20)], [new BriefingMissed(IncidentId, Fired, T(140), SystemActor.Id, T(155))]);

        Assert.Contains("Last briefing: no. 1 (20 Nov 2026, 18:20 JST)\n", events.OfType<NotificationQueued>().Single(n => n.Address == "cio@example.test").Body);
    }

    // Firing

    private static Incident Fold(IIncidentEvent[] history) => history.Aggregate((Incident?)null, (s, e) => Incident.Evolve(s, e))!;

    [Fact]
    public void A_due_briefing_deadline_fires_a_reminder_and_its_grace_fires_a_late_notice_naming_the_due_time()
    {
        var state = Stream(BriefingDeadline(0, 126));

        var reminder = Assert.IsType<BriefingReminderSent>(Assert.Single(FireDeadlineHandler.Decide(Fold(CriticalInAnalysis()), state, Fired, Chain, T(126))));
        Assert.Equal(T(126), reminder.DueAt);

        var grace = Guid.Parse("01930000-0000-7000-8000-0000000000de");
        state = Stream(BriefingDeadline(0, 126), reminder, BriefingDeadline(1, 141) with { DeadlineId = grace });
        var late = Assert.IsType<BriefingMissed>(Assert.Single(FireDeadlineHandler.Decide(Fold(CriticalInAnalysis()), state, grace, Chain, T(141))));
        Assert.Equal(T(126), late.DueAt);
    }

    [Fact]
    public void A_briefing_posted_in_the_grace_replaces_its_deadline_so_no_late_notice_goes_out()
    {
        var grace = Guid.Parse("01930000-0000-7000-8000-0000000000de");
        var state = Stream(BriefingDeadline(1, 141) with { DeadlineId = grace }, BriefingDeadline(0, 260));

        Assert.Empty(FireDeadlineHandler.Decide(Fold([.. CriticalInAnalysis(), Posted(140)]), state, grace, Chain, T(141)));
    }

    [Fact]
    public void A_briefing_deadline_of_an_incident_re_rated_below_high_or_closed_fires_nothing()
    {
        var state = Stream(BriefingDeadline(0, 126));
        var medium = (IIncidentEvent[])[.. CriticalInAnalysis(), Rerated(20, InfoClass.Business, Impact.Serious, false, Severity.Critical, Severity.Medium)];

        Assert.Empty(FireDeadlineHandler.Decide(Fold(medium), state, Fired, Chain, T(126)));
        Assert.Empty(FireDeadlineHandler.Decide(Fold([.. Closed(), ToCritical(12)]), state, Fired, Chain, T(126)));
    }

    [Fact]
    public void A_briefing_deadline_fires_nothing_once_an_admin_turned_the_severitys_interval_off()
    {
        var off = Policy with { Rows = [.. Policy.Rows.Select(r => r.Severity == "critical" ? r with { Briefing = SlaSpan.Off } : r)] };

        Assert.Empty(FireDeadlineHandler.Decide(Fold(CriticalInAnalysis()), Stream(BriefingDeadline(0, 126)), Fired, Chain, T(126), off));
        Assert.Single(FireDeadlineHandler.Decide(Fold(CriticalInAnalysis()), Stream(BriefingDeadline(0, 126)), Fired, Chain, T(126), Policy));
    }

    [Fact]
    public void Closing_sets_no_further_briefing_deadline()
    {
        Assert.Empty(Briefings(Plan([.. InPrevention(), Prevented(10), ToCritical(10)], [MovedOn(Stage.Prevention, Stage.Closed, 11)])));
        Assert.Empty(Briefings(Plan([.. Closed(), ToCritical(12)], [new BriefingMissed(IncidentId, Fired, T(126), SystemActor.Id, T(141))])));
    }
}
