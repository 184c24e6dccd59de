using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Acknowledging;
using IncidentDesk.Api.Incidents.Advancing;
using IncidentDesk.Api.Incidents.Analysing;
using IncidentDesk.Api.Incidents.Assigning;
using IncidentDesk.Api.Incidents.GettingIncident;
using IncidentDesk.Api.Incidents.Notes;
using IncidentDesk.Api.Incidents.Preventing;
using IncidentDesk.Api.Incidents.Reclassifying;
using IncidentDesk.Api.Incidents.Recovering;
using IncidentDesk.Api.Incidents.Rerating;
using IncidentDesk.Api.Incidents.Triaging;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Incidents;

/// <summary>
/// Property-style: seeded random sequences of valid commands (FsCheck is not obtainable here), checking the
/// lifecycle invariants after every step. A failure names its seed and step, so it can be replayed.
/// </summary>
public sealed class LifecyclePropertyTests
{
    private const int Walks = 200;
    private const int StepsPerWalk = 60;

    private static readonly string[] KnownRuleCodes =
    [
        "wrong_stage", "incident_closed", "stage_order", "not_triaged",
        "acknowledged", "severity_rated", "owner_assigned", "harm_and_leak_assessed",
        "five_w1h_who", "five_w1h_what", "five_w1h_when", "five_w1h_where", "five_w1h_why", "five_w1h_how",
        "damage_recorded", "scale_recorded", "cause_recorded", "countermeasures_chosen",
        "normal_operation_verified", "notifications_recorded",
        "root_cause_recorded", "measure_decided", "policy_update_flag_set",
    ];

    private enum Kind { Acknowledge, Triage, Rerate, Analysis, Recovery, Prevention, Advance, Note, Reclassify, Assign }

    private sealed record Command(Kind Kind, Guid Actor, Func<Incident, DateTimeOffset, IReadOnlyList<IIncidentEvent>> Decide, Stage? To = null)
    {
        public bool Idempotent => Kind != Kind.Note;

        public Stage? FormStage => Kind switch
        {
            Kind.Triage => Stage.Triage,
            Kind.Analysis => Stage.Analysis,
            Kind.Recovery => Stage.Recovery,
            Kind.Prevention => Stage.Prevention,
            _ => null,
        };
    }

    [Fact]
    public void Random_command_sequences_keep_the_lifecycle_invariants()
    {
        var closedWalks = 0;
        var violations = 0;
        var seenCodes = new HashSet<string>();
        for (var seed = 1; seed <= Walks; seed++)
        {
            var random = new Random(seed);
            var state = Incident.Evolve(null, Reported(Pick(random, Enum.GetValues<Category>())));
            for (var step = 0; step < StepsPerWalk; step++)
            {
                var now = ReportedAt.AddMinutes(10 * (step + 1)).AddSeconds(random.Next(600));
                var command = RandomCommand(random, state);
                var where = $"seed {seed}, step {step}, {command.Kind}{(command.To is { } to ? " to " + to : "")} in {state.Stage}";

                IReadOnlyList<IIncidentEvent> events;
                try
                {
                    events = command.Decide(state, now);
                }
                catch (RuleViolated e)
                {
                    violations++;
                    seenCodes.UnionWith(e.Rules.Select(x => x.Code));
                    CheckRefusal(state, command, e, where);
                    continue;
                }

                var next = CheckEvents(state, command, events, now, where);
                if (command.Idempotent)
                    Assert.True(command.Decide(next, now.AddSeconds(1)).Count == 0, $"{where}: repeating the command was not a no-op");
                state = next;
            }
            if (state.Stage == Stage.Closed) closedWalks++;
        }

        // The walks must actually explore the lifecycle, not just bounce off rules.
        Assert.True(closedWalks > Walks / 3, $"only {closedWalks} of {Walks} walks reached closed");
        Assert.True(violations > Walks, $"only {violations} refusals were exercised");
        Assert.Equal(KnownRuleCodes.Order(StringComparer.Ordinal), seenCodes.Order(StringComparer.Ordinal));
    }

    private static Incident CheckEvents(Incident before, Command command, IReadOnlyList<IIncidentEvent> events, DateTimeOffset now, string where)
    {
        var state = before;
        foreach (var e in events)
        {
            Assert.True(e.IncidentId == before.Id, $"{where}: event for another incident");
            Assert.True(e.Actor == command.Actor, $"{where}: event not attributed to the caller");
            Assert.True(e.At == now, $"{where}: event not stamped with the decision time");
            if (before.Stage == Stage.Closed) Assert.True(e is NoteAdded, $"{where}: a closed incident got {e.GetType().Name}");

            if (e is StageAdvanced advanced)
            {
                Assert.True(advanced.From == state.Stage && advanced.To == state.Stage + 1, $"{where}: advanced {advanced.From}->{advanced.To}");
                var unmet = state.ExitCriteria().Where(c => !c.Met).Select(c => c.Code).ToArray();
                Assert.True(unmet.Length == 0, $"{where}: left {state.Stage} with unmet {string.Join(", ", unmet)}");
            }

            var json = EventJson.Map.Serialize(e);
            Assert.Equal(json, EventJson.Map.Serialize(EventJson.Map.Deserialize(EventJson.Map.NameOf(e), json)));

            var previous = state;
            state = Incident.Evolve(state, e);
            Assert.True(state.Stage >= previous.Stage, $"{where}: stage went back");
            Assert.True(previous.AcknowledgedAt is null || previous.AcknowledgedAt == state.AcknowledgedAt, $"{where}: acknowledgement changed");
            Assert.True(state.Notes.Count >= previous.Notes.Count, $"{where}: notes lost");
            Assert.Equal(e.At, state.UpdatedAt);
        }

        if (state.Triage is { } t)
        {
            Assert.True(state.Severity == t.Severity, $"{where}: severity and triage disagree");
            Assert.True(t.Severity == ExpectedSeverity(t.InfoClass, t.Impact, t.PersonalDataInvolved, t.UsersMayBeHarmed),
                $"{where}: severity {t.Severity} does not follow the rule");
        }
        else
        {
            Assert.Null(state.Severity);
        }

        if (command.Kind == Kind.Advance)
        {
            var expected = before.Stage == command.To ? 0 : 1;
            Assert.True(events.Count == expected, $"{where}: advance produced {events.Count} events");
        }
        return state;
    }

    private static void CheckRefusal(Incident s, Command command, RuleViolated e, string where)
    {
        var codes = e.Rules.Select(r => r.Code).ToArray();
        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.Contains(c, KnownRuleCodes));

        // An independent oracle for which rule must answer.
        string[] expected = command switch
        {
            _ when s.Stage == Stage.Closed => ["incident_closed"],
            { FormStage: { } form } when form != s.Stage => ["wrong_stage"],
            { Kind: Kind.Rerate } when s.Triage is null => ["not_triaged"],
            { Kind: Kind.Advance, To: var to } when to != s.Stage + 1 => ["stage_order"],
            { Kind: Kind.Advance } => [.. s.ExitCriteria().Where(c => !c.Met).Select(c => c.Code)],
            _ => [],
        };
        Assert.True(expected.SequenceEqual(codes), $"{where}: refused with [{string.Join(", ", codes)}], expected [{string.Join(", ", expected)}]");
    }

    private static Severity ExpectedSeverity(InfoClass info, Impact impact, bool personalData, bool harmed)
    {
        var level = Math.Max(Array.IndexOf([InfoClass.Public, InfoClass.Business, InfoClass.Confidential], info),
            Array.IndexOf([Impact.Minor, Impact.Serious, Impact.ExtremelySerious], impact));
        if (personalData || harmed) level++;
        return new[] { Severity.Low, Severity.Medium, Severity.High, Severity.Critical }[Math.Min(level, 3)];
    }

    // Generators: small pools, so that repeats (the idempotent paths) happen often, and mostly complete forms,
    // so that walks get through the stages.

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    private static bool Chance(Random r, double p) => r.NextDouble() < p;

    private static string? Text(Random r, params string[] pool) => Chance(r, 0.9) ? Pick(r, pool) : Pick(r, [null, "", "   "]);

    private static Command RandomCommand(Random r, Incident s)
    {
        var actor = Pick(r, [Responder, OtherResponder]);
        // Half the time, do what moves this stage along; otherwise anything at all.
        var kind = Chance(r, 0.5)
            ? s.Stage switch
            {
                Stage.Detection => Kind.Acknowledge,
                Stage.Triage => Pick(r, [Kind.Triage, Kind.Assign, Kind.Advance]),
                Stage.Analysis => Pick(r, [Kind.Analysis, Kind.Advance]),
                Stage.Recovery => Pick(r, [Kind.Recovery, Kind.Advance]),
                Stage.Prevention => Pick(r, [Kind.Prevention, Kind.Advance]),
                _ => Pick(r, Enum.GetValues<Kind>()),
            }
            : Pick(r, Enum.GetValues<Kind>());
        switch (kind)
        {
            case Kind.Acknowledge:
                return new(kind, actor, (st, now) => AcknowledgeHandler.Decide(st, actor, now));
            case Kind.Triage:
            {
                var body = new TriageRequest(Pick(r, Enum.GetValues<InfoClass>()), Pick(r, Enum.GetValues<Impact>()), Chance(r, 0.3),
                    Chance(r, 0.3), Chance(r, 0.3), Chance(r, 0.2) ? null : [.. Enumerable.Range(0, r.Next(3)).Select(i => $" action {i} ")],
                    Chance(r, 0.8) ? Pick(r, [Owner, OtherOwner]) : null);
                TriageHandler.Validate(body);
                return new(kind, actor, (st, now) => TriageHandler.Decide(st, TriageHandler.Validate(body), actor, now));
            }
            case Kind.Rerate:
            {
                var body = new RerateSeverityRequest(Pick(r, Enum.GetValues<InfoClass>()), Pick(r, Enum.GetValues<Impact>()), Chance(r, 0.3), "re-rated");
                return new(kind, actor, (st, now) => RerateSeverityHandler.Decide(st, RerateSeverityHandler.Validate(body), actor, now));
            }
            case Kind.Analysis:
            {
                FiveWValue W() => Chance(r, 0.15) ? new FiveWValue(null, true) : new FiveWValue(Text(r, "x", " y "), false);
                var body = new AnalysisRequest(W(), W(), W(), W(), W(), W(), Text(r, "damage"), Text(r, "scale"), Text(r, "FS-01"),
                    Text(r, "cause", "other cause"), Text(r, "countermeasures"));
                RecordAnalysisHandler.Validate(body);
                return new(kind, actor, (st, now) => RecordAnalysisHandler.Decide(st, RecordAnalysisHandler.Validate(body), actor, now));
            }
            case Kind.Recovery:
            {
                var offset = TimeSpan.FromHours(Pick(r, [0, 9, -5]));
                var body = new RecoveryRequest(Text(r, "restored", " restored "), Chance(r, 0.8),
                    [.. Enumerable.Range(0, r.Next(3)).Select(i => new NotifiedPartyRequest($"party {i}", T(i).ToOffset(offset), Text(r, "phone")))]);
                RecordRecoveryHandler.Validate(body, Now);
                return new(kind, actor, (st, now) => RecordRecoveryHandler.Decide(st, RecordRecoveryHandler.Validate(body, now), actor, now));
            }
            case Kind.Prevention:
            {
                var body = new PreventionRequest(Text(r, "root cause"),
                    [.. Enumerable.Range(0, r.Next(3)).Select(i => Pick(r, Enum.GetValues<MeasureDecision>()) is var d
                        ? new MeasureRequest($"measure {i}", d, d == MeasureDecision.WillDo || Chance(r, 0.3) ? new DateOnly(2027, 1, 1 + i) : null)
                        : null!)],
                    Chance(r, 0.8) ? Chance(r, 0.5) : null);
                RecordPreventionHandler.Validate(body);
                return new(kind, actor, (st, now) => RecordPreventionHandler.Decide(st, RecordPreventionHandler.Validate(body), actor, now));
            }
            case Kind.Advance:
            {
                var to = Chance(r, 0.7) && s.NextStage is { } n ? n : Pick(r, Enum.GetValues<Stage>());
                return new(kind, actor, (st, now) => AdvanceStageHandler.Decide(st, to, actor, now), to);
            }
            case Kind.Note:
            {
                var id = new Guid(r.Next(), (short)r.Next(short.MaxValue), 0x7000, 0x80, 0, 0, 0, 0, 0, 0, 1);
                return new(kind, actor, (st, now) => AddNoteHandler.Decide(st, id, " note ", actor, now));
            }
            case Kind.Reclassify:
            {
                var to = Pick(r, Enum.GetValues<Category>());
                return new(kind, actor, (st, now) => ReclassifyHandler.Decide(st, to, "reason", actor, now));
            }
            case Kind.Assign:
            {
                var owner = Pick(r, [Owner, OtherOwner]);
                return new(kind, actor, (st, now) => AssignHandler.Decide(st, owner, actor, now));
            }
            default:
                throw new InvalidOperationException($"no command for {kind}");
        }
    }
}
