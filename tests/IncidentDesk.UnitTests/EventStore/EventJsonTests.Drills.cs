using IncidentDesk.Api.Drills;
using IncidentDesk.Api.Drills.Scenarios;
using IncidentDesk.Api.Incidents;
using static IncidentDesk.UnitTests.Testing.Fixed;

namespace IncidentDesk.UnitTests.EventStore;

/// <summary>The drill run's events (issue 11 §4), pinned like every other stored event.</summary>
public sealed partial class EventJsonTests
{
    private static readonly Guid DrillRunGuid = Guid.Parse("01930000-0000-7000-8000-00000000dd01");
    private static readonly Guid RunTimer = Guid.Parse("01930000-0000-7000-8000-00000000dd02");
    private static readonly Guid Prediction = Guid.Parse("01930000-0000-7000-8000-00000000dd03");
    private const string RunJson = "\"runId\":\"01930000-0000-7000-8000-00000000dd01\"";

    private static readonly Dictionary<string, (object Sample, string Json)> DrillPins = new()
    {
        ["drill_scheduled"] = (
            new DrillScheduled(DrillRunGuid, "s1-ransomware-telework", 2, "ab12", DrillFormat.Tabletop, Category.C2, "テレワーク端末のランサムウェア",
                "Ransomware on a telework laptop", Responder, [new DrillParticipant(UserId, ParticipantRole.Player, DrillTeam.Executives),
                    new DrillParticipant(Deputy, ParticipantRole.Evaluator, DrillTeam.Staff)], T(60 * 24 * 7), 12, false, Chain, true, Responder, T(0)),
            
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"scenarioId\":\"s1-ransomware-telework\",\"scenarioVersion\":2,\"contentHash\":\"ab12\",\"format\":\"tabletop\",\"category\":\"C2\",\"titleJa\":\"テレワーク端末のランサムウェア\",\"titleEn\":\"Ransomware on a telework laptop\",\"facilitatorId\":\"01930000-0000-7000-8000-0000000000b1\",\"participants\":[{\"userId\":\"01930000-0000-7000-8000-0000000000e1\",\"role\":\"player\",\"team\":\"executives\"},{\"userId\":\"01930000-0000-7000-8000-0000000000e2\",\"role\":\"evaluator\",\"team\":\"staff\"}],\"plannedStart\":\"2026-11-27T09:00:00+00:00\",\"timeScale\":12,\"announced\":false,\"chainId\":\"01930000-0000-7000-8000-0000000000c2\",\"webhooksEnabled\":true,\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:00:00+00:00\"}"),
        ["drill_started"] = (new DrillStarted(DrillRunGuid, IncidentId, Decision, Responder, T(1)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"incidentId\":\"01930000-0000-7000-8000-000000000001\",\"contactCheckId\":\"01930000-0000-7000-8000-0000000000f1\",\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:01:00+00:00\"}"),
        ["drill_started (contact-chain only: no incident)"] = (new DrillStarted(DrillRunGuid, null, Decision, Responder, T(1)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"incidentId\":null,\"contactCheckId\":\"01930000-0000-7000-8000-0000000000f1\",\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:01:00+00:00\"}"),
        ["drill_inject_scheduled"] = (new DrillInjectScheduled(DrillRunGuid, "ransom-note", RunTimer, T(2), SystemActor.Id, T(1)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"injectId\":\"ransom-note\",\"timerId\":\"01930000-0000-7000-8000-00000000dd02\",\"dueAt\":\"2026-11-20T09:02:00+00:00\",\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:01:00+00:00\"}"),
        ["drill_paused"] = (new DrillPaused(DrillRunGuid, Responder, T(3)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:03:00+00:00\"}"),
        ["drill_resumed"] = (new DrillResumed(DrillRunGuid, Responder, T(4)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:04:00+00:00\"}"),
        ["drill_stopped"] = (new DrillStopped(DrillRunGuid, "本物の障害が発生", Responder, T(5)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"reason\":\"本物の障害が発生\",\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:05:00+00:00\"}"),
        ["drill_ended"] = (new DrillEnded(DrillRunGuid, Responder, T(6)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:06:00+00:00\"}"),
        ["drill_cancelled"] = (new DrillCancelled(DrillRunGuid, null, Responder, T(7)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"reason\":null,\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:07:00+00:00\"}"),
        ["drill_inject_delivered"] = (new DrillInjectDelivered(DrillRunGuid, "ransom-note", RunTimer, false, 120, [Notification], SystemActor.Id, T(8)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"injectId\":\"ransom-note\",\"timerId\":\"01930000-0000-7000-8000-00000000dd02\",\"manual\":false,\"scenarioMinute\":120,\"notificationIds\":[\"01930000-0000-7000-8000-0000000000c1\"],\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:08:00+00:00\"}"),
        ["drill_inject_delivered (released by hand)"] = (new DrillInjectDelivered(DrillRunGuid, "vendor-call", null, true, 130, [], Responder, T(9)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"injectId\":\"vendor-call\",\"timerId\":null,\"manual\":true,\"scenarioMinute\":130,\"notificationIds\":[],\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:09:00+00:00\"}"),
        ["drill_inject_failed"] = (new DrillInjectFailed(DrillRunGuid, "ga-mail", "550 mailbox unavailable", Notification, SystemActor.Id, T(10)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"injectId\":\"ga-mail\",\"reason\":\"550 mailbox unavailable\",\"notificationId\":\"01930000-0000-7000-8000-0000000000c1\",\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:10:00+00:00\"}"),
        ["drill_prediction_recorded"] = (new DrillPredictionRecorded(DrillRunGuid, Prediction, "VPNのパスワード使い回し", UserId, T(11)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"predictionId\":\"01930000-0000-7000-8000-00000000dd03\",\"text\":\"VPNのパスワード使い回し\",\"actor\":\"01930000-0000-7000-8000-0000000000e1\",\"at\":\"2026-11-20T09:11:00+00:00\"}"),
        ["drill_revealed"] = (new DrillRevealed(DrillRunGuid, Responder, T(12)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:12:00+00:00\"}"),
        ["drill_prediction_matched"] = (new DrillPredictionMatched(DrillRunGuid, Prediction, true, Responder, T(13)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"predictionId\":\"01930000-0000-7000-8000-00000000dd03\",\"matched\":true,\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:13:00+00:00\"}"),
        ["drill_kyt_recorded"] = (new DrillKytRecorded(DrillRunGuid, ["VPN機器の更新漏れ"], ["多要素認証"], "月曜9時に誰でもVPNを止められる", Responder, T(14)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"keyPoints\":[\"VPN機器の更新漏れ\"],\"countermeasures\":[\"多要素認証\"],\"teamGoal\":\"月曜9時に誰でもVPNを止められる\",\"actor\":\"01930000-0000-7000-8000-0000000000b1\",\"at\":\"2026-11-20T09:14:00+00:00\"}"),
        ["drill_action_judged"] = (new DrillActionJudged(DrillRunGuid, "disable-vpn", "ransom-note", ActionResult.Met, false, "早かった", 12, Deputy, T(15)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"actionId\":\"disable-vpn\",\"injectId\":\"ransom-note\",\"result\":\"met\",\"automatic\":false,\"note\":\"早かった\",\"minutesAfterInject\":12,\"actor\":\"01930000-0000-7000-8000-0000000000e2\",\"at\":\"2026-11-20T09:15:00+00:00\"}"),
        ["drill_action_judged (automatic)"] = (new DrillActionJudged(DrillRunGuid, "request-ransom", "customer-call", ActionResult.Missed, true, null, 40, SystemActor.Id, T(16)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"actionId\":\"request-ransom\",\"injectId\":\"customer-call\",\"result\":\"missed\",\"automatic\":true,\"note\":null,\"minutesAfterInject\":40,\"actor\":\"00000000-0000-4000-8000-00000000d35c\",\"at\":\"2026-11-20T09:16:00+00:00\"}"),
        ["drill_observation_recorded"] = (new DrillObservationRecorded(DrillRunGuid, Question, ObservationKind.AreaForImprovement, "バックアップがオフラインにない",
            "ga-mail", null, Deputy, T(17)), 
            "{\"runId\":\"01930000-0000-7000-8000-00000000dd01\",\"observationId\":\"01930000-0000-7000-8000-0000000000f2\",\"kind\":\"area_for_improvement\",\"text\":\"バックアップがオフラインにない\",\"injectId\":\"ga-mail\",\"actionId\":null,\"actor\":\"01930000-0000-7000-8000-0000000000e2\",\"at\":\"2026-11-20T09:17:00+00:00\"}"),
    };
}
