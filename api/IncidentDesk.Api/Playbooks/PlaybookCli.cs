namespace IncidentDesk.Api.Playbooks;

public static class PlaybookCli
{
    public static int Validate(string folder)
    {
        try
        {
            var (playbooks, sources) = PlaybookLibrary.LoadFolderWithSources(folder);
            foreach (var p in playbooks)
                Console.WriteLine($"ok  {p.FileName}: {p.Id} v{p.Version} ({Common.EnumNames.Name(p.Category)}), {p.Steps.Count} steps");
            Console.WriteLine($"ok  {SourceCatalog.FileName}: {sources.Documents.Count} seed documents");
            var drills = Path.Combine(folder, Drills.Scenarios.ScenarioLibrary.FolderName);
            if (!Directory.Exists(drills)) return 0;
            foreach (var s in Drills.Scenarios.ScenarioLibrary.LoadFolder(drills, new Drills.Scenarios.ScenarioReferences(sources, playbooks)))
                Console.WriteLine($"ok  {Drills.Scenarios.ScenarioLibrary.FolderName}/{s.FileName}: {s.Id} v{s.Version} ({Common.EnumNames.Name(s.Format)}), {s.Injects.Count()} injects");
            return 0;
        }
        catch (Drills.Scenarios.InvalidDrillScenarios e)
        {
            foreach (var problem in e.Problems) Console.Error.WriteLine($"{Drills.Scenarios.ScenarioLibrary.FolderName}/{problem}");
            Console.Error.WriteLine($"{e.Problems.Count} problem(s) in {Path.Combine(folder, Drills.Scenarios.ScenarioLibrary.FolderName)}");
            return 1;
        }
        catch (InvalidPlaybooks e)
        {
            foreach (var problem in e.Problems) Console.Error.WriteLine(problem);
            Console.Error.WriteLine($"{e.Problems.Count} problem(s) in {folder}");
            return 1;
        }
    }
}
