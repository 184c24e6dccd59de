using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IncidentDesk.Api.Drills.Improvements;
using IncidentDesk.IntegrationTests.Decisions;
using IncidentDesk.IntegrationTests.Escalation;
using IncidentDesk.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static IncidentDesk.IntegrationTests.Drills.ImprovementCalls;

namespace IncidentDesk.IntegrationTests.Drills;

/// <summary>
/// Improvement reminders on a real database, Hangfire and maildev. The reminder time of day is set a few seconds ahead
/// (IncidentDesk:Drills:ImprovementReminderTimeOfDay in the organisation's zone), so an item due today is reminded on its day
/// and one due tomorrow (one day before) is reminded before it, each exactly once; a done item hears nothing.
/// </summary>
[Collection(EscalationCollection.Name)]
public sealed class ImprovementReminderTests(ITestOutputHelper output)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

    private void Step(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    /// <summary>Remind at a time of day <paramref name="seconds"/> from now, one day before the due date and on it.</summary>
    private static Dictionary<string, string?> RemindIn(double seconds) => new()
    {
        ["IncidentDesk:Drills:ImprovementReminderTimeOfDay"] =
            TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddSeconds(seconds), Zone).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        ["IncidentDesk:Drills:ImprovementReminderDaysBefore"] = "1",
        ["Logging:LogLevel:IncidentDesk.Api.Timers.TimerJob"] = "Debug",
    };

    private static bool About(JsonNode mail, Guid itemId) => Mailbox.Text(mail).Contains($"/drills/improvements/{itemId}", StringComparison.Ordinal);

    private static Task<long> CountAsync(TestDatabase db, Guid itemId, string type) =>
        db.ScalarAsync("select count(*) from mt_events where stream_id = $1 and type = $2", ImprovementNotices.StreamIdFor(itemId), type);

    [Fact]
    public async Task The_owner_is_reminded_once_before_the_due_date_and_once_on_it_and_a_done_item_is_not_reminded()
    {
        await using var db = await TestDatabase.CreateAsync("improvementreminders");
        await using var node = await EscalationNode.StartAsync(db, RemindIn(8));
        using var mail = Mailbox.Shared();
        var owner = await DecisionPeople.CreateAsync(node.Admin, "Reporter", "improver", "ja");
        var exercise = await node.Admin.LogExerciseAsync();
        var today = await node.Admin.CreateItemAsync(Item(owner.Id, exercise.Guid("id"), Day(Today), "Fix the phone list"));
        var tomorrow = await node.Admin.CreateItemAsync(Item(owner.Id, exercise.Guid("id"), Day(Today.AddDays(1)), "Test restores monthly"));
        var done = await node.Admin.CreateItemAsync(Item(owner.Id, exercise.Guid("id"), Day(Today), "Already fixed"));
        (await node.Admin.StatusAsync(done, "done")).Expect(200);
        Assert.Equal(["on-due"], today["reminders"]!.AsArray().Select(r => r!.Str("kind")));
        Assert.Equal(["before-due", "on-due"], tomorrow["reminders"]!.AsArray().Select(r => r!.Str("kind")));
        Step("three items; reminders due in about 8 s");

        var onDue = (await mail.WaitForAsync(owner.Email, MailWait, m => About(m, today.Guid("id")))).Single();
        Assert.Equal("【改善項目】本日が期日です: Fix the phone list", Mailbox.Subject(onDue));
        Assert.Contains("改善項目: Fix the phone list", Mailbox.Text(onDue), StringComparison.Ordinal);
        Assert.DoesNotContain("訓練", Mailbox.Subject(onDue), StringComparison.Ordinal);
        var soon = (await mail.WaitForAsync(owner.Email, MailWait, m => About(m, tomorrow.Guid("id")))).Single();
        Assert.StartsWith("【改善項目】期日が近づいています", Mailbox.Subject(soon), StringComparison.Ordinal);
        Step("both reminders arrived");

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(await mail.ToAsync(owner.Email), m => About(m, today.Guid("id")));
        Assert.Single(await mail.ToAsync(owner.Email), m => About(m, tomorrow.Guid("id")));
        Assert.DoesNotContain(await mail.ToAsync(owner.Email), m => About(m, done.Guid("id")));
        Assert.Equal(1, await CountAsync(db, today.Guid("id"), "improvement_reminder_sent"));
        Assert.Equal(1, await CountAsync(db, tomorrow.Guid("id"), "improvement_reminder_sent"));
        Assert.Equal(0, await CountAsync(db, done.Guid("id"), "improvement_reminder_sent"));
        Assert.Equal(0, await CountAsync(db, done.Guid("id"), "notification_queued"));
        // The item shows its reminder sent; the delivery landed beside it without moving the item's version.
        var read = await node.Admin.GetJsonAsync($"{Items}/{today.Str("id")}");
        Assert.NotNull(read["reminders"]![0]!["sentAt"]);
        Assert.Equal(1, read.Long("version"));
        await EscalationNode.EventuallyAsync(() => CountAsync(db, today.Guid("id"), "notification_sent"), n => n == 1, TimeSpan.FromSeconds(10), "the delivery recorded");
    }

    [Fact]
    public async Task Two_API_processes_send_each_improvement_reminder_exactly_once()
    {
        const int items = 8;
        await using var db = await TestDatabase.CreateAsync("improvementtwo");
        ApiProcess? a = null, b = null;
        try
        {
            (a, b) = await ApiProcess.StartTwoAsync(db, RemindIn(14));
            var owner = await DecisionPeople.CreateAsync(a.Admin, "Responder", "twoimprover");
            var exercise = await a.Admin.LogExerciseAsync();
            var created = await Task.WhenAll(Enumerable.Range(0, items).Select(i => (i % 2 == 0 ? a : b).Admin.CreateItemAsync(
                Item(owner.Id, exercise.Guid("id"), Day(Today), $"Item {i}"))));
            var ids = created.Select(c => c.Guid("id")).ToArray();
            Step($"{items} items due today, half through each process");

            using var mail = Mailbox.Shared();
            await mail.WaitForAsync(owner.Email, TimeSpan.FromSeconds(40), m => ids.Any(id => About(m, id)), count: items);
            Step("every reminder arrived");
            await Task.Delay(TimeSpan.FromSeconds(3));
            var mails = (await mail.ToAsync(owner.Email)).Where(m => ids.Any(id => About(m, id))).ToList();
            Assert.Equal(items, mails.Count);
            foreach (var id in ids)
            {
                Assert.Single(mails, m => About(m, id));
                Assert.Equal(1, await CountAsync(db, id, "improvement_reminder_sent"));
            }
            var runs = JobsRun(a.Log).Concat(JobsRun(b.Log)).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
            Step($"improvement timer jobs run by A: {JobsRun(a.Log).Count}, by B: {JobsRun(b.Log).Count}");
            Assert.Equal(items, runs.Count);
            Assert.All(runs, r => Assert.Equal(1, r.Value));
        }
        catch (Exception e)
        {
            throw ApiProcess.FailWithLogs(e, a, b);
        }
        finally
        {
            if (b is not null) await b.DisposeAsync();
            if (a is not null) await a.DisposeAsync();
        }
    }

    private static List<string> JobsRun(string log) =>
        Regex.Matches(log, @"Firing timer improvement-due ([0-9a-f-]{36})").Select(m => m.Groups[1].Value).ToList();
}
