namespace IncidentDesk.Api.Playbooks;

/// <summary>
/// Where a step comes from in the seeds. Readers see the document's <see cref="Title"/> (and publisher) and the
/// <see cref="Section"/> the cited lines fall in; <see cref="File"/> and <see cref="Lines"/> locate it exactly, for
/// admins checking a playbook against its seed. <see cref="Derived"/>: the step is derived rather than quoted.
/// </summary>
public sealed record SourceView(string File, string Lines, bool Derived)
{
    public LocalizedText? Title { get; init; }

    public LocalizedText? Publisher { get; init; }

    /// <summary>The heading of the narrowest known section holding the first cited line, when there is one.</summary>
    public LocalizedText? Section { get; init; }
}
