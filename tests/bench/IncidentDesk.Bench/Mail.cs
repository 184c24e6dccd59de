// The mail-dispatch benchmark of tests/bench/mail.sh:
//
//   mail-queue --url U --admin-email E --admin-password P --email E --password P --count N --workers W --to ADDRESS
//
// Creates a default contact chain whose one contact is --to (display name 「山田 花子 (営業部)」, Japanese), then files
// --count reports with --workers closed-loop workers against a node whose dispatcher is off, so every report's
// new-report mail waits in notification_outbox. The script then starts a node with the dispatcher on and times the
// queue's drain from the database and the sink; this command only fills the queue.
using System.Net;
using System.Net.Http.Json;

static class MailBench
{
    public static async Task<int> Queue(Opts o)
    {
        var url = o.Get("url");
        var count = o.Int("count", 2000);
        var workers = o.Int("workers", 16);
        var admin = await Session.LoginAsync(url, o.Get("admin-email"), o.Get("admin-password"), 2);
        using (var chain = await admin.Http.PostAsJsonAsync("/api/admin/contact-chains", new
               {
                   name = "Mail benchmark chain", categories = Array.Empty<string>(), isDefault = true,
                   contacts = new[] { new { name = "山田 花子 (営業部)", email = o.Get("to"), language = "ja" } },
               }))
            if (chain.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"create the contact chain: {(int)chain.StatusCode} {await chain.Content.ReadAsStringAsync()}");

        var session = await Session.LoginAsync(url, o.Get("email"), o.Get("password"), workers);
        var next = -1;
        var failed = 0;
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var rnd = new Random(w * 7919 + 17);
            while (Interlocked.Increment(ref next) < count)
            {
                using var resp = await session.Http.SendAsync(Reports.FileRequest(rnd));
                if (resp.StatusCode != HttpStatusCode.Created && Interlocked.Increment(ref failed) <= 3)
                    Console.Error.WriteLine($"file: {(int)resp.StatusCode} {await resp.Content.ReadAsStringAsync()}");
            }
        })));
        Console.WriteLine($"filed {count - failed} of {count} reports in {started.Elapsed.TotalSeconds:F1} s ({failed} failed)");
        return failed == 0 ? 0 : 1;
    }
}
