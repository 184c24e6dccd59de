using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Playbooks;

namespace IncidentDesk.UnitTests.Playbooks;

/// <summary>The playbooks shipped in the repository (playbooks/*.yaml), loaded as the app loads them at startup.</summary>
public sealed class PlaybookFolderTests
{
    /// <summary>THE check of the real files: any problem in any playbook fails here, listing file:line:column.</summary>
    [Fact]
    public void Every_file_in_the_playbooks_folder_loads_without_a_problem()
    {
        IReadOnlyList<Playbook> loaded;
        try
        {
            loaded = PlaybookLibrary.LoadFolder(TestPlaybooks.RepoPlaybooksFolder);
        }
        catch (InvalidPlaybooks e)
        {
            Assert.Fail($"{e.Problems.Count} problem(s) in playbooks/:\n" + string.Join("\n", e.Problems));
            return;
        }

        Assert.Equal(10, loaded.Count);
        Assert.Equal(
            Enumerable.Range(1, 10).Select(n => Enum.Parse<Category>($"C{n}")),
            loaded.Select(p => p.Category).Order());
    }

    [Fact]
    public void Every_category_C1_to_C10_has_exactly_one_playbook()
    {
        var loaded = PlaybookLibrary.LoadFolder(TestPlaybooks.RepoPlaybooksFolder);

        foreach (var n in Enumerable.Range(1, 10))
            Assert.Single(loaded, p => p.Category == Enum.Parse<Category>($"C{n}"));
        Assert.DoesNotContain(loaded, p => p.Category == Category.Unknown);
        Assert.Equal(loaded.Count, loaded.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void Every_loaded_playbook_names_its_file_and_hashes_its_content()
    {
        var folder = TestPlaybooks.RepoPlaybooksFolder;

        foreach (var p in PlaybookLibrary.LoadFolder(folder))
        {
            Assert.True(File.Exists(Path.Combine(folder, p.FileName)), p.FileName);
            Assert.Equal(PlaybookParser.Hash(File.ReadAllText(Path.Combine(folder, p.FileName))), p.ContentHash);
            Assert.Matches("^[0-9a-f]{64}$", p.ContentHash);
        }
    }

    [Fact]
    public void A_missing_folder_is_one_problem_naming_the_folder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "incidentdesk-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var e = Assert.Throws<InvalidPlaybooks>(() => PlaybookLibrary.LoadFolder(missing));

        var problem = Assert.Single(e.Problems);
        Assert.Equal(missing, problem.File);
        Assert.Contains("not found", problem.Message);
    }
}
