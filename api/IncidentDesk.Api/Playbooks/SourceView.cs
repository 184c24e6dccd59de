namespace IncidentDesk.Api.Playbooks;

/// <summary>Where a step comes from in the seeds: file and lines, and whether the step is derived rather than quoted.</summary>
public sealed record SourceView(string File, string Lines, bool Derived);
