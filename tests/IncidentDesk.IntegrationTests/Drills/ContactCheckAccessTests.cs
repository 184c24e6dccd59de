using IncidentDesk.Api.Common;
using IncidentDesk.Api.Drills.ContactChecks;
using IncidentDesk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentDesk.IntegrationTests.Drills;

/// <summary>
/// Who reads and marks contact-chain checks, bad input to every check endpoint and to the starter, and the R35 cadence
/// (timers and delivery off: the reminder's mails are outbox rows).
/// </summary>
public sealed class ContactCheckAccessTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private async Task<ContactCheckView> StartAsync(int contacts = 2, string? language = null)
    {
        var chain = await app.SharedAsync($"chain-{contacts}", async () => (await app.Admin.PostAsync("/api/admin/contact-chains", new
        {
            name = $"Access chain {contacts}", categories = new[] { "C5" },
            contacts = Enumerable.Range(1, contacts).Select(i => new { name = $"Person {i}", email = $"person{i}-{Guid.NewGuid():N}@access.test" }).ToArray(),
        })).Expect(201).Json.Str("id"));
        return await Starter.StartAsync(Guid.NewGuid(), Guid.NewGuid(), Category.C5, chain, false, language, app.Admin.Id, CancellationToken.None);
    }

    private ContactCheckStarter Starter => app.Factory.Services.GetRequiredService<ContactCheckStarter>();

    [Theory]
    [InlineData("Admin", 200, 200)]
    [InlineData("Responder", 200, 200)]
    [InlineData("Executive", 200, 403)]
    [InlineData("Reporter", 403, 403)]
    public async Task Admins_and_responders_read_and_mark_executives_read_reporters_neither(string role, int read, int mark)
    {
        var check = await StartAsync();
        var caller = await app.SignInAsNewAsync(role);

        (await caller.GetAsync($"/api/drills/contact-checks/{check.Id}")).Expect(read);
        (await caller.GetAsync($"/api/drills/contact-checks?runId={check.RunId}")).Expect(read);
        (await caller.GetAsync("/api/drills/contact-checks/cadence")).Expect(read);
        var before = await app.CountEventsAsync();
        (await caller.PostAsync($"/api/drills/contact-checks/{check.Id}/marks", new { marks = new[] { new { member = 1, reached = true } } })).Expect(mark);
        Assert.Equal(mark == 200 ? 1 : 0, await app.CountEventsAsync() - before);
        (await app.Anonymous().GetAsync($"/api/drills/contact-checks/{check.Id}")).Expect(401);
    }

    [Fact]
    public async Task A_phone_mark_of_the_contact_awaited_moves_the_check_on_and_a_stale_if_match_is_412()
    {
        var check = await StartAsync();
        var path = $"/api/drills/contact-checks/{check.Id}/marks";

        var marked = (await app.Admin.PostAsync(path, new { marks = new[] { new { member = 0, reached = true, note = "Called his mobile" } } }, check.Version))
            .Expect(200);
        var members = marked.Json.Items("members");
        Assert.Equal(("acknowledged", "phone", "Called his mobile"), (members[0].Str("outcome"), members[0].Str("channel"), members[0]["phoneMark"]!.Str("note")));
        Assert.Equal(1, (int)marked.Json.Long("currentMember"));
        Assert.False(members[1].IsNull("sentAt"));

        (await app.Admin.PostAsync(path, new { marks = new[] { new { member = 1, reached = false } } }, check.Version)).Expect(412);
        var done = (await app.Admin.PostAsync(path, new { marks = new[] { new { member = 1, reached = false } } }, marked.ETagVersion)).Expect(200).Json;
        Assert.Equal(("completed", "no_response"), (done.Str("status"), done.Items("members")[1].Str("outcome")));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field()
    {
        var check = await StartAsync();
        var path = $"/api/drills/contact-checks/{check.Id}/marks";
        var before = await app.CountEventsAsync();

        (await app.Admin.GetAsync("/api/drills/contact-checks/not-a-uuid")).ExpectFieldError("id");
        (await app.Admin.GetAsync("/api/drills/contact-checks?runId=nope")).ExpectFieldError("runId");
        (await app.Admin.GetAsync($"/api/drills/contact-checks/{Guid.NewGuid()}")).Expect(404);
        (await app.Admin.PostAsync("/api/drills/contact-checks/not-a-uuid/marks", new { marks = new[] { new { member = 0, reached = true } } })).ExpectFieldError("id");
        (await app.Admin.PostAsync(path, new { })).ExpectFieldError("marks");
        (await app.Admin.PostRawAsync(path, "{\"marks\":[]}")).ExpectFieldError("marks");
        (await app.Admin.PostRawAsync(path, "{\"marks\":[null]}")).ExpectFieldError("marks[0]");
        (await app.Admin.PostRawAsync(path, "{\"marks\":[{\"reached\":true}]}")).ExpectFieldError("marks[0].member");
        (await app.Admin.PostRawAsync(path, "{\"marks\":[{\"member\":0}]}")).ExpectFieldError("marks[0].reached");
        (await app.Admin.PostRawAsync(path, "{\"marks\":[{\"member\":-1,\"reached\":true}]}")).ExpectFieldError("marks[0].member");
        (await app.Admin.PostRawAsync(path, "{\"marks\":[{\"member\":0,\"reached\":true},{\"member\":7,\"reached\":true}]}")).ExpectFieldError("marks[1].member");
        (await app.Admin.PostRawAsync(path, "{\"marks\":[{\"member\":0,\"reached\":true,\"note\":\"line\\u0000break\"}]}")).ExpectFieldError("marks[0].note");
        (await app.Admin.PostAsync(path, new { marks = new[] { new { member = 0, reached = true, note = new string('x', 501) } } })).ExpectFieldError("marks[0].note");
        (await app.Admin.PostAsync(path, new { marks = new[] { new { member = 0, reached = true }, new { member = 0, reached = false } } })).ExpectFieldError("marks");
        (await app.Admin.PostRawAsync(path, "{\"marks\":[{\"member\":\"zero\",\"reached\":true}]}")).Expect(400);
        Assert.Equal(before, await app.CountEventsAsync());

        var starter = Starter;
        async Task<ValidationFailed> Refused(Func<Task> start) => await Assert.ThrowsAsync<ValidationFailed>(start);
        Assert.Contains("runId", (await Refused(() => starter.StartAsync(Guid.Empty, Guid.NewGuid(), Category.C5, null, true, null, app.Admin.Id, default))).Errors.Keys);
        Assert.Contains("checkId", (await Refused(() => starter.StartAsync(Guid.NewGuid(), Guid.Empty, Category.C5, null, true, null, app.Admin.Id, default))).Errors.Keys);
        Assert.Contains("category", (await Refused(() => starter.StartAsync(Guid.NewGuid(), Guid.NewGuid(), (Category)99, null, true, null, app.Admin.Id, default))).Errors.Keys);
        Assert.Contains("chainId", (await Refused(() => starter.StartAsync(Guid.NewGuid(), Guid.NewGuid(), Category.C5, "nope", true, null, app.Admin.Id, default))).Errors.Keys);
        Assert.Contains("chainId", (await Refused(() => starter.StartAsync(Guid.NewGuid(), Guid.NewGuid(), Category.C5, Guid.NewGuid().ToString(), true, null, app.Admin.Id, default))).Errors.Keys);
        Assert.Contains("language", (await Refused(() => starter.StartAsync(Guid.NewGuid(), Guid.NewGuid(), Category.C5, null, true, "fr", app.Admin.Id, default))).Errors.Keys);
        Assert.Equal(before, await app.CountEventsAsync());
    }

    [Fact]
    public async Task A_mail_that_bounces_moves_the_check_on_to_the_next_contact_at_once()
    {
        var check = await StartAsync();
        var notification = Guid.Parse((await app.Database.TextRowsAsync(
            $"select notification_id::text from notification_outbox where incident_id = '{check.Id}'")).Single());

        // What the dispatcher records when the mail server refuses the message for good, on its path (Dispatcher.RecordAsync).
        var notices = ContactCheckEventTypes.NoticeStreamIdFor(check.Id);
        await app.Factory.Services.GetRequiredService<Api.EventStore.CommandPath>().RunAsync(SystemActor.Id, async work =>
        {
            await work.ReadVersionAsync(notices, CancellationToken.None);
            work.Append(notices, [new Api.Notifications.NotificationFailed(check.Id, notification, Api.Notifications.NotificationChannel.Email,
                check.Members[0].Email, 1, "550 5.1.1 mailbox unknown", true, SystemActor.Id, DateTimeOffset.UtcNow)]);
        }, CancellationToken.None);

        var after = await app.Admin.GetJsonAsync($"/api/drills/contact-checks/{check.Id}");
        var (m0, m1) = (after.Items("members")[0], after.Items("members")[1]);
        Assert.Equal(("bounced", true, "550 5.1.1 mailbox unknown"), (m0.Str("outcome"), m0.Bool("escalated"), m0.Str("bounceError")));
        Assert.False(m1.IsNull("sentAt"));
        Assert.Equal(1, (int)after.Long("currentMember"));
        Assert.Equal(2L, await app.Database.ScalarAsync($"select count(*) from notification_outbox where incident_id = '{check.Id}'"));
        Assert.Equal(["bounced"], await app.Database.TextRowsAsync(
            $"select data->>'reason' from mt_events where stream_id = '{check.Id}' and type = 'contact_escalated'"));
    }

    [Fact]
    public async Task The_check_mail_is_queued_marked_for_the_drill_run_with_a_drill_acknowledge_link()
    {
        var check = await StartAsync(language: "ja");

        var rows = await app.Database.TextRowsAsync(
            $"select subject || '|' || drill_run_id || '|' || ack_route || '|' || ack_link from notification_outbox where incident_id = '{check.Id}'");

        var row = Assert.Single(rows).Split('|');
        Assert.StartsWith("【訓練/DRILL】", row[0]);
        Assert.Equal((check.RunId.ToString(), "drill-ack", "true"), (row[1], row[2], row[3]));
    }
}

/// <summary>R35 on a database of its own: no check has ever completed there when the test begins.</summary>
public sealed class ContactCheckCadenceTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    [Fact]
    public async Task The_cadence_reminds_admins_and_executives_once_when_no_check_has_completed_and_not_after_one()
    {
        var cadence = app.Factory.Services.GetRequiredService<ContactCheckCadence>();
        var executive = await app.CreateAccountAsync("Executive");
        var reporter = await app.CreateAccountAsync("Reporter");

        var view = await app.Admin.GetJsonAsync("/api/drills/contact-checks/cadence");
        Assert.True(view.IsNull("lastCheckAt"));
        Assert.True(view.Bool("due"));
        Assert.True(view.IsNull("lastReminderAt"));

        Assert.True(await cadence.RunAsync(CancellationToken.None));
        Assert.False(await cadence.RunAsync(CancellationToken.None));

        var to = await app.Database.TextRowsAsync(
            $"select lower(address) from notification_outbox where incident_id = '{ContactCheckEventTypes.CadenceStreamId}'");
        Assert.Contains(executive.Email.ToLowerInvariant(), to);
        Assert.Contains(IncidentDeskFactory.AdminEmail, to);
        Assert.DoesNotContain(reporter.Email.ToLowerInvariant(), to);
        Assert.Equal(1L, await app.Database.ScalarAsync("select count(*) from mt_events where type = 'contact_check_reminder_sent'"));
        Assert.False((await app.Admin.GetJsonAsync("/api/drills/contact-checks/cadence")).IsNull("lastReminderAt"));

        // A check completes (a one-person chain, reached by phone): the last check is now, nothing is due.
        var chain = (await app.Admin.PostAsync("/api/admin/contact-chains", new
        {
            name = "Cadence chain", categories = new[] { "C5" }, contacts = new[] { new { name = "Solo", email = "solo@cadence.test" } },
        })).Expect(201).Json.Str("id");
        var check = await app.Factory.Services.GetRequiredService<ContactCheckStarter>()
            .StartAsync(Guid.NewGuid(), Guid.NewGuid(), Category.C5, chain, true, null, app.Admin.Id, CancellationToken.None);
        (await app.Admin.PostAsync($"/api/drills/contact-checks/{check.Id}/marks", new { marks = new[] { new { member = 0, reached = true } } })).Expect(200);
        var after = await app.Admin.GetJsonAsync("/api/drills/contact-checks/cadence");
        Assert.False(after.Bool("due"));
        Assert.Equal(after.Time("lastCheckAt").AddMonths(12), after.Time("nextDueAt"));
        Assert.False(await cadence.RunAsync(CancellationToken.None));
    }
}
