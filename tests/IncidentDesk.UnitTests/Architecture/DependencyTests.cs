using System.Reflection;
using IncidentDesk.Api.EventStore;
using NetArchTest.Rules;

namespace IncidentDesk.UnitTests.Architecture;

/// <summary>
/// The API's modules depend on each other in one direction only, and the event store and the timers know no feature. Common
/// is the shared base; Hosting composes everything (it may depend on any module, and none on it).
/// </summary>
public sealed class DependencyTests
{
    private const string Root = "IncidentDesk.Api";
    private static readonly Assembly Api = typeof(CommandPath).Assembly;

    private static readonly string[] Features = ["Accounts", "Decisions", "Escalation", "Incidents", "Notifications", "Playbooks"];

    private static readonly string[] Modules = ["Common", "EventStore", "Timers", .. Features, "Hosting"];

    public static TheoryData<string> FeaturesAndHosting => new(Features.Append("Hosting"));

    [Theory]
    [MemberData(nameof(FeaturesAndHosting))]
    public void The_event_store_depends_on_no_feature(string module) =>
        AssertNone("EventStore", module);

    [Theory]
    [MemberData(nameof(FeaturesAndHosting))]
    public void The_timers_depend_on_no_feature(string module) =>
        AssertNone("Timers", module);

    [Theory]
    [MemberData(nameof(FeaturesAndHosting))]
    public void Common_depends_on_no_feature_and_not_on_the_event_store(string module)
    {
        AssertNone("Common", module);
        AssertNone("Common", "EventStore");
    }

    [Fact]
    public void No_module_depends_on_the_composition_root() =>
        Assert.All(Modules.Where(m => m != "Hosting"), m => AssertNone(m, "Hosting"));

    [Fact]
    public void The_modules_form_no_dependency_cycle()
    {
        var edges = Modules.ToDictionary(m => m, m => Modules.Where(n => n != m && DependsOn(m, n)).ToList());
        // Sanity: the graph is not empty (a filter that matched nothing would pass every rule).
        Assert.Contains("Incidents", edges["Escalation"]);
        Assert.Contains("EventStore", edges["Incidents"]);

        var cycle = FindCycle(edges);
        Assert.True(cycle is null, $"namespace cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    private static bool DependsOn(string from, string to) =>
        !Types.InAssembly(Api).That().ResideInNamespace($"{Root}.{from}")
            .Should().NotHaveDependencyOn($"{Root}.{to}").GetResult().IsSuccessful;

    private static void AssertNone(string from, string to)
    {
        var result = Types.InAssembly(Api).That().ResideInNamespace($"{Root}.{from}")
            .Should().NotHaveDependencyOn($"{Root}.{to}").GetResult();
        Assert.True(result.IsSuccessful,
            $"{from} must not depend on {to}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    /// <summary>Depth-first search; returns the modules of one cycle, closing on its first, or null.</summary>
    private static List<string>? FindCycle(Dictionary<string, List<string>> edges)
    {
        var state = edges.Keys.ToDictionary(k => k, _ => 0); // 0 unseen, 1 on the path, 2 done
        var path = new List<string>();

        List<string>? Visit(string m)
        {
            state[m] = 1;
            path.Add(m);
            foreach (var n in edges[m])
            {
                if (state[n] == 1) return [.. path.SkipWhile(p => p != n), n];
                if (state[n] == 0 && Visit(n) is { } found) return found;
            }
            path.RemoveAt(path.Count - 1);
            state[m] = 2;
            return null;
        }

        return edges.Keys.Select(k => state[k] == 0 ? Visit(k) : null).FirstOrDefault(c => c is not null);
    }
}
