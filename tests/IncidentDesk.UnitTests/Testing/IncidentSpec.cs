using IncidentDesk.Api.Escalation;
using IncidentDesk.Api.Common;
using IncidentDesk.Api.EventStore;
using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Accounts;

namespace IncidentDesk.UnitTests.Testing;

/// <summary>
/// Given events → when command → then events. <c>Given</c> folds the history with <see cref="Incident.Evolve"/>,
/// <c>When</c> runs a pure Decide against that state, and the outcome is either new events or a 409.
/// </summary>
public abstract class IncidentSpec
{
    protected static Scenario Given(params IIncidentEvent[] history) => new(history);
}

public sealed class Scenario
{
    public Scenario(IReadOnlyList<IIncidentEvent> history)
    {
        if (history.Count == 0) throw new ArgumentException("a scenario needs at least incident_reported", nameof(history));
        History = history;
        State = Fold(null, history);
    }

    public IReadOnlyList<IIncidentEvent> History { get; }

    public Incident State { get; }

    public Outcome When(Func<Incident, IReadOnlyList<IIncidentEvent>> decide)
    {
        try
        {
            return new Outcome(State, decide(State), null);
        }
        catch (RuleViolated e)
        {
            return new Outcome(State, null, e);
        }
    }

    internal static Incident Fold(Incident? state, IEnumerable<IIncidentEvent> events) =>
        events.Aggregate(state, (s, e) => Incident.Evolve(s, e))!;
}

public sealed class Outcome(Incident before, IReadOnlyList<IIncidentEvent>? events, RuleViolated? violation)
{
    /// <summary>Asserts exactly these events, in order. Events are compared as stored (type + JSON), since
    /// records holding arrays do not compare by value.</summary>
    public Outcome Then(params IIncidentEvent[] expected)
    {
        Assert.True(violation is null, $"expected events, but a rule was violated: {violation?.Message}");
        Assert.Equal(EventJson.Describe(expected), EventJson.Describe(events!));
        return this;
    }

    /// <summary>The command is already satisfied: it succeeds and records nothing (style 6).</summary>
    public Outcome ThenNothingHappens() => Then();

    /// <summary>Asserts a 409 naming exactly these rule codes, in this order.</summary>
    public RuleViolated ThenRuleViolated(params string[] codes)
    {
        if (violation is null)
            Assert.Fail($"expected rule(s) {string.Join(", ", codes)}, but got events: {string.Join("; ", EventJson.Describe(events!))}");
        Assert.Equal(codes, violation.Rules.Select(r => r.Code));
        Assert.All(violation.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
        return violation;
    }

    /// <summary>The state after folding the new events onto the given history.</summary>
    public Incident State
    {
        get
        {
            Assert.True(violation is null, $"a rule was violated: {violation?.Message}");
            return Scenario.Fold(before, events!);
        }
    }

    public IReadOnlyList<IIncidentEvent> Events
    {
        get
        {
            Assert.True(violation is null, $"a rule was violated: {violation?.Message}");
            return events!;
        }
    }
}

/// <summary>The event type map of the running app, and a readable stored form of events for comparisons.</summary>
public static class EventJson
{
    public static readonly EventTypeMap Map = IncidentDesk.Api.Hosting.Composition.EventTypes();

    public static string[] Describe(IEnumerable<object> events) =>
        events.Select(e => $"{Map.NameOf(e)} {Map.Serialize(e)}").ToArray();
}

public static class Validation
{
    /// <summary>Asserts that <paramref name="validate"/> throws a 400 naming exactly these fields.</summary>
    public static ValidationFailed Fails(Action validate, params string[] fields)
    {
        var e = Assert.Throws<ValidationFailed>(validate);
        Assert.Equal(fields.Order(StringComparer.Ordinal), e.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(e.Errors.Values, messages => Assert.NotEmpty(messages));
        return e;
    }

    public static void Passes(Action validate)
    {
        var e = Record.Exception(validate);
        Assert.True(e is null, e is ValidationFailed v
            ? "unexpected field errors: " + string.Join("; ", v.Errors.Select(kv => $"{kv.Key}: {string.Join(", ", kv.Value)}"))
            : e?.ToString());
    }
}
