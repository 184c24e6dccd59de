using System.Collections.Concurrent;
using Npgsql;

namespace IncidentDesk.Api.Playbooks;

public sealed record PlaybookVersionInfo(int Version, string ContentHash, DateTimeOffset FirstLoadedAt);

/// <summary>
/// The playbooks of this deployment: the files under the playbooks folder (current versions) plus every
/// earlier content recorded in playbook_versions (what running incidents may still be pinned to).
/// </summary>
public sealed class PlaybookLibrary(NpgsqlDataSource db, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Playbook> byHash = new();
    private IReadOnlyDictionary<string, Playbook> current = new Dictionary<string, Playbook>();

    /// <summary>The seed documents the playbooks cite (sources.yaml), loaded with them.</summary>
    public SourceCatalog Sources { get; private set; } = SourceCatalog.Empty;

    public IReadOnlyCollection<Playbook> Current => current.Values.OrderBy(p => p.Category).ToList();

    public Playbook? CurrentFor(Category category) => current.Values.FirstOrDefault(p => p.Category == category);

    public Playbook? CurrentById(string id) => current.GetValueOrDefault(id);

    /// <summary>Reads and validates every *.yaml file of the folder; any problem stops the app (all listed).</summary>
    public static IReadOnlyList<Playbook> LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new InvalidPlaybooks([new PlaybookProblem(folder, 0, 0, "playbooks folder not found")]);
        var problems = new List<PlaybookProblem>();
        var playbooks = new List<Playbook>();
        foreach (var path in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(path) == SourceCatalog.FileName) continue;
            var (playbook, found) = PlaybookParser.Parse(Path.GetFileName(path), File.ReadAllText(path));
            problems.AddRange(found);
            if (playbook is not null) playbooks.Add(playbook);
        }
        foreach (var dup in playbooks.GroupBy(p => p.Id).Where(g => g.Count() > 1))
            problems.Add(new PlaybookProblem(dup.Last().FileName, 1, 1, $"playbook id '{dup.Key}' is also used by {dup.First().FileName}"));
        foreach (var dup in playbooks.GroupBy(p => p.Category).Where(g => g.Count() > 1))
            problems.Add(new PlaybookProblem(dup.Last().FileName, 1, 1,
                $"category {Common.EnumNames.Name(dup.Key)} already has playbook {dup.First().FileName} (one playbook per category)"));
        if (problems.Count > 0) throw new InvalidPlaybooks(problems);
        return playbooks;
    }

    /// <summary>
    /// The folder's playbooks and its sources.yaml, checked together: every citation names a listed seed document.
    /// Any problem in either stops the app (all listed).
    /// </summary>
    public static (IReadOnlyList<Playbook> Playbooks, SourceCatalog Sources) LoadFolderWithSources(string folder)
    {
        var problems = new List<PlaybookProblem>();
        IReadOnlyList<Playbook> playbooks = [];
        var sources = SourceCatalog.Empty;
        try { playbooks = LoadFolder(folder); }
        catch (InvalidPlaybooks e) { problems.AddRange(e.Problems); }
        try { sources = SourceCatalog.LoadFile(folder); }
        catch (InvalidPlaybooks e) { problems.AddRange(e.Problems); }
        if (problems.Count == 0) problems.AddRange(sources.Unresolved(playbooks));
        if (problems.Count > 0) throw new InvalidPlaybooks(problems);
        return (playbooks, sources);
    }

    /// <summary>Makes the folder's playbooks current and records any new content in the version history.</summary>
    public async Task LoadAsync(string folder, CancellationToken ct)
    {
        var (loaded, sources) = LoadFolderWithSources(folder);
        Sources = sources;
        var now = clock.GetUtcNow();
        await using var batch = db.CreateBatch();
        foreach (var p in loaded)
        {
            var cmd = new NpgsqlBatchCommand(
                "insert into playbook_versions (playbook_id, content_hash, version, file_name, content, first_loaded_at) " +
                "values ($1, $2, $3, $4, $5, $6) on conflict do nothing");
            foreach (var v in new object[] { p.Id, p.ContentHash, p.Version, p.FileName, File.ReadAllText(Path.Combine(folder, p.FileName)), now })
                cmd.Parameters.Add(new NpgsqlParameter { Value = v });
            batch.BatchCommands.Add(cmd);
            byHash[p.ContentHash] = p;
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
        current = loaded.ToDictionary(p => p.Id);
    }

    /// <summary>The exact playbook content an incident pinned, current or historical.</summary>
    public async Task<Playbook> PinnedAsync(string id, string contentHash, CancellationToken ct)
    {
        if (byHash.TryGetValue(contentHash, out var cached)) return cached;
        await using var cmd = db.CreateCommand(
            "select file_name, content from playbook_versions where playbook_id = $1 and content_hash = $2");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(contentHash);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
            throw new InvalidOperationException($"pinned playbook {id} {contentHash} is missing from playbook_versions");
        var (playbook, problems) = PlaybookParser.Parse(r.GetString(0), r.GetString(1));
        // Content that was valid when pinned stays readable even if the validator grows stricter.
        if (playbook is null) throw new InvalidPlaybooks(problems);
        return byHash[contentHash] = playbook;
    }

    public async Task<IReadOnlyList<PlaybookVersionInfo>> HistoryAsync(string id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "select version, content_hash, first_loaded_at from playbook_versions where playbook_id = $1 order by first_loaded_at desc, version desc");
        cmd.Parameters.AddWithValue(id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<PlaybookVersionInfo>();
        while (await r.ReadAsync(ct)) list.Add(new PlaybookVersionInfo(r.GetInt32(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2)));
        return list;
    }

    /// <summary>The playbooks folder: configured, or the nearest `playbooks` folder above the app.</summary>
    public static string ResolveFolder(IConfiguration config, string contentRoot)
    {
        if (config["IncidentDesk:PlaybooksPath"] is { Length: > 0 } configured) return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "playbooks");
            if (Directory.Exists(candidate) && Directory.GetFiles(candidate, "*.yaml").Length > 0) return candidate;
        }
        return Path.Combine(contentRoot, "playbooks");
    }
}
