using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Notes;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;
using static IncidentDesk.UnitTests.Testing.History;

namespace IncidentDesk.UnitTests.Incidents.Notes;

public sealed class AddNoteTests : IncidentSpec
{
    [Fact]
    public void Adding_a_note_records_its_trimmed_text_author_and_time()
    {
        Given(InDetection())
            .When(s => AddNoteHandler.Decide(s, NoteId, "  Called the reporter back \n", Reporter, Now))
            .Then(new NoteAdded(IncidentId, NoteId, "Called the reporter back", Reporter, Now));
    }

    [Theory]
    [InlineData(Stage.Detection)]
    [InlineData(Stage.Triage)]
    [InlineData(Stage.Analysis)]
    [InlineData(Stage.Recovery)]
    [InlineData(Stage.Prevention)]
    [InlineData(Stage.Closed)]
    public void Notes_can_be_added_in_every_stage_even_after_closing(Stage stage)
    {
        Given(In(stage))
            .When(s => AddNoteHandler.Decide(s, NoteId, "late finding", Responder, Now))
            .Then(new NoteAdded(IncidentId, NoteId, "late finding", Responder, Now));
    }

    [Fact]
    public void Notes_keep_the_order_they_were_added_in()
    {
        var s = Given(Reported(), Noted(1, "first"), Noted(2, "second"))
            .When(s => AddNoteHandler.Decide(s, NoteId, "third", OtherResponder, Now))
            .State;

        Assert.Equal(["first", "second", "third"], s.Notes.Select(n => n.Text));
        Assert.Equal(new NoteFacts(NoteId, "third", OtherResponder, Now), s.Notes[^1]);
        Assert.Equal(Now, s.UpdatedAt);
    }

    [Fact]
    public void The_same_text_twice_is_two_notes()
    {
        // Notes are not deduplicated by text: two people may well write "called the ISP".
        var s = Given(Reported(), Noted(1, "called the ISP")).When(s => AddNoteHandler.Decide(s, NoteId, "called the ISP", Responder, Now)).State;

        Assert.Equal(2, s.Notes.Count);
    }
}
