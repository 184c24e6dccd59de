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
            return 0;
        }
        catch (InvalidPlaybooks e)
        {
            foreach (var problem in e.Problems) Console.Error.WriteLine(problem);
            Console.Error.WriteLine($"{e.Problems.Count} problem(s) in {folder}");
            return 1;
        }
    }
}
