using System.Collections.Concurrent;
using IncidentDesk.Api.Playbooks;
using Npgsql;

namespace IncidentDesk.Api.Drills.Scenarios;

/// <summary>
/// The drill scenarios of this deployment: the files under playbooks/drills (current versions, loaded and checked
/// at startup after the playbooks) plus every earlier content recorded in drill_scenario_versions, which is what a
/// run pinned and reads back (<see cref="PinnedAsync"/>), so editing a file never changes a scheduled or finished drill.
/// </summary>
public sealed class ScenarioLibrary(NpgsqlDataSource db, TimeProvider clock, PlaybookLibrary playbooks)
{
    /// <summary>The folder under the playbooks folder that holds the scenarios.</summary>
    public const string FolderName = "drills";

    private readonly ConcurrentDictionary<(string Id, string Hash), DrillScenario> pinned = new();
    private IReadOnlyList<DrillScenario> all = [];
    private IReadOnlyDictionary<string, DrillScenario> byId = new Dictionary<string, DrillScenario>();

    /// <summary>The current scenarios, in file-name order.</summary>
    public IReadOnlyList<DrillScenario> All => all;

    /// <summary>The current scenario with this id, or null.</summary>
    public DrillScenario? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>The seed documents the citations name (the playbooks' sources.yaml).</summary>
    public SourceCatalog Sources => playbooks.Sources;

    /// <summary>
    /// Reads and checks every *.yaml file of the folder against the seed catalog and the playbooks; any problem
    /// (in any file, all listed) throws <see cref="InvalidDrillScenarios"/>.
    /// </summary>
    public static IReadOnlyList<DrillScenario> LoadFolder(string folder, ScenarioReferences references)
    {
        if (!Directory.Exists(folder))
            throw new InvalidDrillScenarios([new PlaybookProblem(folder, 0, 0, "drill scenarios folder not found")]);
        var problems = new List<PlaybookProblem>();
        var scenarios = new List<DrillScenario>();
        foreach (var path in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var (scenario, found) = ScenarioParser.Parse(Path.GetFileName(path), File.ReadAllText(path), references);
            problems.AddRange(found);
            if (scenario is not null) scenarios.Add(scenario);
        }
        foreach (var dup in scenarios.GroupBy(s => s.Id).Where(g => g.Count() > 1))
            foreach (var later in dup.Skip(1))
                problems.Add(new PlaybookProblem(later.FileName, 1, 1, $"scenario id '{dup.Key}' is also used by {dup.First().FileName}"));
        if (problems.Count > 0) throw new InvalidDrillScenarios(problems);
        return scenarios;
    }

    /// <summary>Makes the folder's scenarios current and records each content not seen before, once, in drill_scenario_versions.</summary>
    public async Task LoadAsync(string folder, CancellationToken ct)
    {
        var loaded = LoadFolder(folder, new ScenarioReferences(playbooks.Sources, playbooks.Current));
        var now = clock.GetUtcNow();
        await using var batch = db.CreateBatch();
        foreach (var s in loaded)
        {
            var cmd = new NpgsqlBatchCommand(
                "insert into drill_scenario_versions (scenario_id, content_hash, version, file_name, content, first_loaded_at) " +
                "values ($1, $2, $3, $4, $5, $6) on conflict do nothing");
            foreach (var v in new object[] { s.Id, s.ContentHash, s.Version, s.FileName, File.ReadAllText(Path.Combine(folder, s.FileName)), now })
                cmd.Parameters.Add(new NpgsqlParameter { Value = v });
            batch.BatchCommands.Add(cmd);
            pinned[(s.Id, s.ContentHash)] = s;
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
        all = loaded;
        byId = loaded.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>
    /// The exact scenario content a run pinned, current or historical, read back from drill_scenario_versions; null
    /// when no such (id, hash) was ever loaded.
    /// </summary>
    public async Task<DrillScenario?> PinnedAsync(string id, string contentHash, CancellationToken ct)
    {
        if (pinned.TryGetValue((id, contentHash), out var cached)) return cached;
        await using var cmd = db.CreateCommand(
            "select file_name, content from drill_scenario_versions where scenario_id = $1 and content_hash = $2");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(contentHash);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        // Content that was valid when pinned stays readable even if the checks grow stricter or a playbook step goes.
        var (scenario, problems) = ScenarioParser.Parse(r.GetString(0), r.GetString(1));
        if (scenario is null) throw new InvalidDrillScenarios(problems);
        return pinned[(id, contentHash)] = scenario;
    }

    /// <summary>The scenarios folder: IncidentDesk:DrillScenariosPath if configured, else `drills` under the playbooks folder.</summary>
    public static string ResolveFolder(IConfiguration config, string contentRoot) =>
        config["IncidentDesk:DrillScenariosPath"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(PlaybookLibrary.ResolveFolder(config, contentRoot), FolderName);
}
