using IncidentDesk.Api.Common;
using IncidentDesk.Api.Incidents.GettingIncident;
using MediatR;

namespace IncidentDesk.Api.Incidents.Notes;

public sealed record AddNoteRequest(string? Text);

public sealed record AddNote(Guid IncidentId, long ExpectedVersion, AddNoteRequest Body, Caller Caller) : IRequest<IncidentDetail>;

internal sealed class AddNoteHandler(IncidentCommandRunner runner) : IRequestHandler<AddNote, IncidentDetail>
{
    public Task<IncidentDetail> Handle(AddNote cmd, CancellationToken ct)
    {
        new FieldErrors().Text("text", cmd.Body.Text, 4000).ThrowIfAny();
        var noteId = Guid.CreateVersion7();
        return runner.RunAsync(cmd.IncidentId, cmd.ExpectedVersion, cmd.Caller,
            (s, now) => Decide(s, noteId, cmd.Body.Text!, cmd.Caller.Id, now), ct);
    }

    /// <summary>Notes may be added at any stage, even after closing (late findings belong on the record).</summary>
    internal static IReadOnlyList<IIncidentEvent> Decide(Incident s, Guid noteId, string text, Guid actor, DateTimeOffset now) =>
        [new NoteAdded(s.Id, noteId, text.Trim(), actor, now)];
}
