using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.Accounts.Registering;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.Decisions;
using IncidentDesk.Api.Decisions.Deciding;
using IncidentDesk.Api.Decisions.Requesting;
using IncidentDesk.Api.Escalation.Configuring;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Acknowledging;
using IncidentDesk.Api.Incidents.Advancing;
using IncidentDesk.Api.Incidents.Analysing;
using IncidentDesk.Api.Incidents.Briefings;
using IncidentDesk.Api.Incidents.Filing;
using IncidentDesk.Api.Incidents.GettingIncident;
using IncidentDesk.Api.Incidents.Notes;
using IncidentDesk.Api.Incidents.Preventing;
using IncidentDesk.Api.Incidents.Recovering;
using IncidentDesk.Api.Incidents.Rerating;
using IncidentDesk.Api.Incidents.Triaging;
using IncidentDesk.Api.Incidents.WorkingSteps;
using IncidentDesk.Api.Playbooks;
using MediatR;

namespace IncidentDesk.Api.Hosting;

/// <summary>
/// `--demo`: one reporter, responder and executive, and incidents drawn from the seeds' case studies at
/// different stages, all created through the normal command path so the timelines are real.
/// </summary>
public sealed class DemoSeeder(IMediator mediator, UserDirectory users, TimeProvider clock, Drills.DrillRunService drills, Drills.DrillCommandRunner drillRuns)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await users.FindByEmailAsync("responder@incidentdesk.local", ct) is not null)
        {
            Console.WriteLine("Demo data already present; sign in with the demo accounts printed on the first --demo run.");
            return;
        }
        var password = AdminBootstrap.GeneratePassword();
        var admin = (await users.AllAsync(ct)).First(u => u.Roles.Contains(Roles.Admin));
        async Task<Caller> Account(string email, string name, string role)
        {
            var u = await mediator.Send(new RegisterUser(new CreateUserRequest(email, name, [role], password), admin.Id), ct);
            return new Caller(u.Id, new HashSet<string> { role });
        }
        var reporter = await Account("reporter@incidentdesk.local", "山田 花子 (営業部)", Roles.Reporter);
        var responder = await Account("responder@incidentdesk.local", "佐藤 健 (情報システム部)", Roles.Responder);
        var executive = await Account("executive@incidentdesk.local", "鈴木 一郎 (取締役)", Roles.Executive);
        this.responder = responder;
        this.executive = executive;
        // Printed before the incidents are made, so the password is never lost to a later failure.
        Console.WriteLine($"""

            ==============================================================
             Demo accounts (password for all three: {password})
               reporter@incidentdesk.local   (Reporter)
               responder@incidentdesk.local  (Responder)
               executive@incidentdesk.local  (Executive)
            ==============================================================

            """);
        // Contact chains before any report, so that every demo report reaches the demo people (issue 9 §1): a
        // default chain, and one for ransomware (seeds 000:519-523: who to call, decided in advance, in order).
        var adminCaller = new Caller(admin.Id, new HashSet<string> { Roles.Admin });
        ContactRequest Person(string email, string name, string role) => new(name, email, null, role, null, Languages.Default);
        var responderContact = Person("responder@incidentdesk.local", "佐藤 健 (情報システム部)", "情報システム部 担当");
        var adminContact = Person(admin.Email, admin.DisplayName, "情報システム部 管理者");
        var executiveContact = Person("executive@incidentdesk.local", "鈴木 一郎 (取締役)", "情報セキュリティ責任者");
        await mediator.Send(new SaveContactChain(null, 0, new ContactChainRequest("標準の連絡網", [], null, true,
            [responderContact, adminContact, executiveContact]), adminCaller), ct);
        await mediator.Send(new SaveContactChain(null, 0, new ContactChainRequest("ランサムウェア緊急連絡網", [Category.C2], null, false,
            [responderContact, executiveContact, adminContact]), adminCaller), ct);

        var now = clock.GetUtcNow();

        // 003 trouble case #8: laptop lost on a train, customer list on the local disk.
        await File(reporter, Category.C4, "通勤電車の網棚にノートPCを置き忘れました。顧客リストがローカルに保存されています。駅に問い合わせ中です。",
            now.AddHours(-2), deviceId: "PC-0142", personalData: true);

        // 003 trouble case #2: ransomware from a website locks a take-home PC.
        var ransom = await File(reporter, Category.C2, "持ち帰りPCで海外のまとめサイトを見ていたら画面がロックされ、身代金を要求する表示が出ました。",
            now.AddHours(-5), disconnected: true);
        ransom = await Ack(ransom, responder);
        ransom = await Send(new Triage(ransom.Id, ransom.Version, new TriageRequest(InfoClass.Business, Impact.Serious, false, false, false,
            ["端末をネットワークから切断", "同じサイトへのアクセスを遮断"], responder.Id), responder));
        // The PC held the customer list: critical, so the executives are briefed every 2 h (issue 10 §5, seeds 000:1398-1404).
        ransom = await Send(new RerateSeverity(ransom.Id, ransom.Version, new RerateSeverityRequest(InfoClass.Confidential, Impact.Serious, true,
            "端末内に顧客リスト（約300件）が保存されていたことが判明"), responder));
        await Send(new PostBriefing(ransom.Id, ransom.Version, new PostBriefingRequest(
            "営業部の持ち帰りPC 1台がランサムウェアに感染し、画面がロックされて身代金を要求されています。",
            "感染したPCは1台のみで、ネットワークからは切断済みです。PC内の顧客リスト（約300件）が読めなくなっています。外部への流出は現時点で確認されていません。",
            "情報システム部が端末を回収し、感染経路と他の端末への広がりを調査しています。バックアップからの復旧を準備中です。",
            "顧客リストが外部に送信されたかどうか。同じサイトを閲覧した社員がほかにいるか。",
            "身代金には応じない方針の確認と、顧客への連絡が必要になった場合の判断を本日中にお願いします。"), responder));
        await SeedDecisionsAsync(ransom.Id, responder, executive, now, ct);

        // 003 trouble case #7: card details entered on a phishing page.
        var phish = await File(reporter, Category.C3, "「クレジットカード請求額のご連絡」というメールのリンクからカード情報を入力してしまいました。",
            now.AddDays(-1));
        phish = await Ack(phish, responder);
        phish = await Send(new Triage(phish.Id, phish.Version, new TriageRequest(InfoClass.Confidential, Impact.Serious, true, true, false,
            ["カード会社へ利用停止を依頼"], responder.Id), responder));
        phish = await Settle(phish);
        phish = await Send(new AdvanceStage(phish.Id, phish.Version, new AdvanceStageRequest(Stage.Analysis), responder));
        await Send(new AddNote(phish.Id, phish.Version, new AddNoteRequest("カード会社は業務用アドレスを把握していないことを確認。フィッシングと判断。"), responder));

        // 002 scenario 7: earthquake tips a partition onto the inventory server; closed with lessons learned.
        var quake = await File(reporter, Category.C10, "地震で間仕切りが倒れ、在庫管理サーバが起動しなくなりました。出荷業務が止まっています。",
            now.AddDays(-20));
        quake = await Ack(quake, responder);
        quake = await Send(new Triage(quake.Id, quake.Version, new TriageRequest(InfoClass.Business, Impact.ExtremelySerious, false, false, false,
            ["手作業での出荷に切替"], responder.Id), responder));
        quake = await Settle(quake);
        quake = await Send(new AdvanceStage(quake.Id, quake.Version, new AdvanceStageRequest(Stage.Analysis), responder));
        FiveWValue W(string v) => new(v, false);
        quake = await Send(new RecordAnalysis(quake.Id, quake.Version, new AnalysisRequest(
            W("総務部"), W("在庫管理サーバのHDD故障"), W("地震発生直後"), W("本社サーバ室"), W("転倒防止策なし"), W("間仕切りの転倒"),
            "在庫データ6か月分が失われた", "出荷業務全体", "在庫管理サーバ", "機器の転倒防止とバックアップの不備", "保守契約と日次バックアップ"), responder));
        quake = await Settle(quake);
        quake = await Send(new AdvanceStage(quake.Id, quake.Version, new AdvanceStageRequest(Stage.Recovery), responder));
        quake = await Send(new RecordRecovery(quake.Id, quake.Version, new RecoveryRequest("代替機へ移行しデータを再入力",
            true, [new NotifiedPartyRequest("取引先（出荷遅延の連絡）", now.AddDays(-10), "電話")]), responder));
        quake = await Settle(quake);
        quake = await Send(new AdvanceStage(quake.Id, quake.Version, new AdvanceStageRequest(Stage.Prevention), responder));
        quake = await Send(new RecordPrevention(quake.Id, quake.Version, new PreventionRequest("機器の設置と保守・バックアップ体制の不備",
            [new MeasureRequest("サーバラックの転倒防止", MeasureDecision.Done, null),
             new MeasureRequest("緊急保守契約の締結", MeasureDecision.WillDo, DateOnly.FromDateTime(now.AddDays(30).UtcDateTime))], true), responder));
        quake = await Settle(quake);
        await Send(new AdvanceStage(quake.Id, quake.Version, new AdvanceStageRequest(Stage.Closed), responder));

        await SeedDrillsAsync(reporter, responder, executive, now, ct);

    }

    /// <summary>
    /// The ransomware report's executive decisions (issue 10): business stoppage already decided by the demo
    /// executive, the ransom pending on their desk, both asked with the kinds' pre-written Japanese texts.
    /// </summary>
    private async Task SeedDecisionsAsync(Guid incidentId, Caller responder, Caller executive, DateTimeOffset now, CancellationToken ct)
    {
        RequestDecisionRequest Ask(DecisionKind kind, string stepId, string recommended, string context, TimeSpan within) =>
            new(kind, stepId, DecisionKinds.Of(kind).Question.Ja,
                DecisionKinds.Of(kind).Options.Select(o => new DecisionOptionInput(o.Id, o.Label.Ja, o.Consequence.Ja)).ToArray(),
                recommended, null, context, ["感染が社内の他の端末に広がっていないか"], now + within,
                [new ApproverInput(executive.Id, null)], Quorum.Any, OnExpiry.Escalate, null);
        var stoppage = await mediator.Send(new RequestDecision(incidentId, Ask(DecisionKind.BusinessStoppage, "decide-business-stoppage", "stop_affected",
            "感染したのは営業部の持ち帰りPC1台です。営業部の共有フォルダへのアクセスを止めれば、他部署の業務は続けられます。", TimeSpan.FromHours(2)), responder), ct);
        await mediator.Send(new DecideDecision(stoppage.Id, stoppage.Version, new DecideRequest("stop_affected", "営業部の共有フォルダと受発注システムは金曜18時まで停止",
            "感染は1台にとどまっており、他部署の業務まで止める必要はないため。", null, true), executive), ct);
        await mediator.Send(new RequestDecision(incidentId, Ask(DecisionKind.RansomPayment, "decide-ransom", "do_not_pay",
            "画面に身代金（暗号資産）の支払いを求める表示が出ています。バックアップは前日分がオフラインで保管されています。", TimeSpan.FromHours(4)), responder), ct);
    }

    /// <summary>
    /// Drills (issue 11): a finished KYT drill (kyt-01: predictions, the reveal, matches, 2R-4R, judged actions, an
    /// observation) and the ransomware tabletop scheduled for next week, all through the drill run's command path.
    /// </summary>
    private async Task SeedDrillsAsync(Caller reporter, Caller responder, Caller executive, DateTimeOffset now, CancellationToken ct)
    {
        Drills.DrillParticipantInput Player(Caller c, Drills.Scenarios.DrillTeam team) => new(c.Id, Drills.ParticipantRole.Player, team);
        var kyt = await drills.ScheduleAsync(new Drills.ScheduleDrillRequest("kyt-01", responder.Id,
            [Player(reporter, Drills.Scenarios.DrillTeam.Staff), Player(executive, Drills.Scenarios.DrillTeam.Executives)], now.AddMinutes(-5), 10, true, null, false),
            responder, ct);
        var run = await drills.StartAsync(kyt.Id, kyt.Version, responder, ct);
        await drillRuns.RunAsync(run.Id, null, reporter, c => Drills.DrillRules.Predict(c.Run, c.Actor, c.NewId(), "共有フォルダの権限が広すぎて、誰でも機密ファイルを見られる", c.Now), ct);
        await drillRuns.RunAsync(run.Id, null, reporter, c => Drills.DrillRules.Predict(c.Run, c.Actor, c.NewId(), "ファイルに機密の表示がなく、重要だと気づかない", c.Now), ct);
        run = await drillRuns.RunAsync(run.Id, null, executive, c => Drills.DrillRules.Predict(c.Run, c.Actor, c.NewId(), "退職予定者がデータを持ち出す", c.Now), ct);
        while (run.NextInject is not null)
            run = await drillRuns.RunAsync(run.Id, run.Version, responder, async c =>
                await drillRuns.DeliverAsync(c.Work, c.Run, Drills.DrillRules.NextInject(c.Run, c.Scenario, c.Actor), null, c.Actor.Id, ct), ct);
        run = await drillRuns.RunAsync(run.Id, run.Version, responder, c => Drills.DrillRules.Reveal(c.Run, c.Actor, c.Now), ct);
        foreach (var p in run.Predictions)
            run = await drillRuns.RunAsync(run.Id, null, responder, c => Drills.DrillRules.Match(c.Run, c.Actor, p.PredictionId, p.Text.Contains("機密"), c.Now), ct);
        run = await drillRuns.RunAsync(run.Id, run.Version, responder, c => Drills.DrillRules.RecordKyt(c.Run, c.Actor,
            ["重要なファイルに機密の表示がない", "アクセス権が部署全員に開いている"], ["ファイルに機密区分を表示する", "共有フォルダの権限を担当者だけに絞る"],
            "機密ファイルは表示と権限を確かめてから共有しよう", c.Now), ct);
        foreach (var (action, i) in run.ExpectedActions.Select((a, i) => (a, i)))
            run = await drillRuns.RunAsync(run.Id, null, responder, c => Drills.DrillRules.Judge(c.Run, c.Scenario, c.Actor, action.ActionId,
                i % 3 == 2 ? Drills.ActionResult.Missed : Drills.ActionResult.Met, i % 3 == 2 ? "時間内に合意できなかった" : null, c.Now), ct);
        run = await drillRuns.RunAsync(run.Id, null, responder, c => Drills.DrillRules.Observe(c.Run, c.Scenario, c.Actor, c.NewId(),
            Drills.ObservationKind.AreaForImprovement, "共有フォルダの権限を誰が管理しているか、参加者の誰も知らなかった", null, null, c.Now), ct);
        await drillRuns.RunAsync(run.Id, run.Version, responder, c => Drills.DrillRules.End(c.Run, c.Actor, c.Now), ct);

        await drills.ScheduleAsync(new Drills.ScheduleDrillRequest("s1-ransomware-telework", responder.Id,
            [Player(reporter, Drills.Scenarios.DrillTeam.Staff), Player(executive, Drills.Scenarios.DrillTeam.Executives)],
            now.AddDays(7), 12, true, null, false), responder, ct);
    }

    private Task<IncidentDetail> File(Caller reporter, Category category, string summary, DateTimeOffset noticed,
        string? deviceId = null, bool personalData = false, bool? disconnected = null) =>
        Send(new FileReport(new FileReportRequest(category, summary, noticed, null, deviceId, personalData, disconnected), reporter));

    private Caller? responder;
    private Caller? executive;

    /// <summary>Acknowledges; if the playbook's detection steps hold the report in detection, works them and moves on.</summary>
    private async Task<IncidentDetail> Ack(IncidentDetail i, Caller who)
    {
        i = await Send(new Acknowledge(i.Id, i.Version, who));
        return i.Stage == Stage.Detection ? await Send(new AdvanceStage(i.Id, (await Settle(i)).Version, new AdvanceStageRequest(Stage.Triage), who)) : i;
    }

    /// <summary>
    /// Works the current stage's open required playbook steps the way the demo people would: decisions by the
    /// executive, the rest by the responder, and a step whose evidence is not recorded skipped with a reason.
    /// </summary>
    private async Task<IncidentDetail> Settle(IncidentDetail i)
    {
        foreach (var step in i.Checklist.Steps.Where(x => x.Stage == i.Stage && x.Applies && x.Required &&
                                                          x.Status == StepStatus.Open && !x.FromEarlierPlaybook).ToList())
        {
            var worker = step.Kind == StepKind.Decision ? executive! : responder!;
            try
            {
                i = await Send(new CompleteStep(i.Id, step.StepId, i.Version, new CompleteStepRequest("デモ: 対応済み"), worker));
            }
            catch (RuleViolated)
            {
                i = await Send(new SkipStep(i.Id, step.StepId, i.Version, new SkipStepRequest("デモ: この件では該当しない"),
                    step.Obligation ? executive! : worker));
            }
        }
        return i;
    }

    private Task<IncidentDetail> Send(IRequest<IncidentDetail> command) => mediator.Send(command);
}
