// The deadline benchmark (issue #4 §6), driven by tests/bench/deadlines.sh:
//
//   deadlines        --urls U1,U2 --admin-email E --admin-password P --email E --password P --maildev URL --maildir DIR
//                    --count 1000 --spread 600 --burst 100 --burst-workers 20 --burst-at 0.5 --ack 330 --grace 30
//                    --first ADDR --second ADDR --api-pids P1,P2 --pg-pid P --out-dir DIR
//   deadlines-report --dir DIR --db db.csv --grace 30 --goal-ms 3000 --first ADDR --second ADDR   (markdown on stdout)
//
// `deadlines` configures a default contact chain (first, second) and an SLA policy whose acknowledge time is --ack
// seconds, then files --count reports at an even rate over --spread seconds and, at --burst-at of the way through,
// --burst reports as fast as --burst-workers closed-loop workers can, started just after a wall-clock second turns
// so that their deadlines fall in one second. Nobody acknowledges, so every acknowledge deadline escalates to the
// second contact. It waits until the last deadline is --grace seconds past, then writes incidents.jsonl (what was
// filed), mails.jsonl (what the SMTP sink received, with the time it accepted each mail) and resources.json.
// `deadlines-report` joins those with db.csv (per incident: the first acknowledge deadline, when the relay handed it
// to Hangfire, the incident_escalated events, the escalation's outbox row; written by deadlines.sh with psql).
//
// The accept time is the modification time of the sink's .eml file: maildev writes the file as the DATA stream
// arrives, and its last write and the 250 reply both follow the end of the stream (within milliseconds of each
// other). maildev's own `time` field is the message's Date header when there is one (second resolution, the
// sender's clock when it built the message; checked by sending one with an old Date), so it is not used.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

static partial class DeadlineBench
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>One filed report: which set it belongs to, where and when it was filed, and what the API answered.</summary>
    private sealed record Filed(string Set, int Index, int Node, DateTimeOffset SentAt, double Ms, int Status, Guid? Id, string? Reference, string? Error);

    /// <summary>One mail in the sink, with the time the sink accepted it.</summary>
    private sealed record Mail(string Id, string To, string Subject, DateTimeOffset AcceptedAt, DateTimeOffset? DateHeader, string? NotificationId);

    public static async Task<int> Run(Opts o)
    {
        var urls = o.Get("urls").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var count = o.Int("count", 1000);
        var spread = o.Double("spread", 600);
        var burst = o.Int("burst", 100);
        var burstAt = o.Double("burst-at", 0.5);
        var ack = o.Int("ack", 330);
        var grace = o.Int("grace", 30);
        var outDir = o.Get("out-dir");
        var first = o.Get("first");
        var second = o.Get("second");
        Directory.CreateDirectory(outDir);

        // --- settings: a default chain of two contacts, and the acknowledge time for unrated (new) reports ---------
        var admin = await Session.LoginAsync(urls[0], o.Get("admin-email"), o.Get("admin-password"), 2);
        await Expect(admin.Http.PostAsJsonAsync("/api/admin/contact-chains", new
        {
            name = "Deadline benchmark chain",
            categories = Array.Empty<string>(),
            isDefault = true,
            contacts = new[] { new { name = "First contact", email = first, language = "en" }, new { name = "Second contact", email = second, language = "en" } },
        }), HttpStatusCode.Created, "create the contact chain");
        object Minutes(int m) => new { minutes = m, nextBusinessDay = false };
        var policy = new
        {
            rows = new[] { "unrated", "critical", "high", "medium", "low" }.Select(s => new
            {
                severity = s,
                acknowledge = s == "unrated" ? new { minutes = (int?)null, nextBusinessDay = false, seconds = ack } : Minutes(30),
                triage = Minutes(600),
                reminder = Minutes(600),
            }),
            timeZone = "Asia/Tokyo",
            businessDayStartHour = 9,
        };
        var put = new HttpRequestMessage(HttpMethod.Put, "/api/admin/sla-policy") { Content = JsonContent.Create(policy) };
        put.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        await Expect(admin.Http.SendAsync(put), HttpStatusCode.OK, "save the SLA policy");
        admin.Http.Dispose();
        // Every node caches the settings for a few seconds (EscalationSettingsStore.CacheFor): let them expire.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Log($"chain {first} -> {second}; unrated reports must be acknowledged within {ack} s; {urls.Length} API node(s)");

        // --- sessions: one for the even stream per node, one for the burst per node (enough connections for it) ----
        var steady = new List<Session>();
        var bursty = new List<Session>();
        foreach (var url in urls)
        {
            steady.Add(await Session.LoginAsync(url, o.Get("email"), o.Get("password"), 16));
            bursty.Add(await Session.LoginAsync(url, o.Get("email"), o.Get("password"), Math.Max(1, o.Int("burst-workers", 20))));
        }

        var pids = o.Get("api-pids", "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        var samplers = pids.Select((pid, i) => new ResourceSampler(pid, i == 0 ? o.Int("pg-pid", 0) : 0)).ToList();

        // --- filing: the even stream, and the burst started just after a wall-clock second begins ---------------------
        var filed = new System.Collections.Concurrent.ConcurrentBag<Filed>();
        var rnd = new Random(20261);
        var t0 = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        var startWall = DateTimeOffset.UtcNow;
        var burstWall = NextSecond(startWall.AddSeconds(spread * burstAt)).AddMilliseconds(20);
        var burstTask = BurstAsync();
        var interval = spread / count;
        var stream = new List<Task>(count);
        var nextLog = 60.0;
        for (var i = 0; i < count; i++)
        {
            var due = t0 + (long)(i * interval * Stopwatch.Frequency);
            var wait = Stats.Ms(Stopwatch.GetTimestamp(), due);
            if (wait >= 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
            stream.Add(FileAsync("spread", i, i % urls.Length, steady[i % urls.Length], Reports.Next(rnd)));
            if (i * interval >= nextLog)
            {
                Log($"filed {i} of {count} spread reports ({filed.Count(f => f.Status != 201)} errors so far)");
                nextLog += 60;
            }
        }
        await Task.WhenAll(stream);
        await burstTask;
        var lastFiled = filed.Max(f => f.SentAt.AddMilliseconds(f.Ms));
        var errors = filed.Where(f => f.Status != 201).ToList();
        Log($"filed {filed.Count(f => f.Status == 201)} reports ({errors.Count} errors) by {lastFiled:HH:mm:ss.fff}");
        foreach (var e in errors.Take(3)) Log($"  error: {e.Status} {e.Error}");

        // --- wait until the last deadline is --grace seconds past, then read the sink ---------------------------------
        var until = lastFiled.AddSeconds(ack + grace + 1);
        while (DateTimeOffset.UtcNow < until)
        {
            var left = until - DateTimeOffset.UtcNow;
            Log($"waiting for the deadlines: {left.TotalSeconds:0} s to go");
            await Task.Delay(left < TimeSpan.FromSeconds(60) ? left : TimeSpan.FromSeconds(60));
        }
        var resources = new JsonArray();
        foreach (var s in samplers) resources.Add(await s.StopAsync());

        var mails = await ReadSinkAsync(o.Get("maildev"), o.Get("maildir"));
        Write(Path.Combine(outDir, "incidents.jsonl"), filed.OrderBy(f => f.SentAt));
        Write(Path.Combine(outDir, "mails.jsonl"), mails);
        File.WriteAllText(Path.Combine(outDir, "resources.json"), new JsonObject
        {
            ["nodes"] = resources, ["startedAt"] = startWall, ["burstPlannedAt"] = burstWall,
        }.ToJsonString());
        Log($"the sink holds {mails.Count} mails; written {outDir}/incidents.jsonl, mails.jsonl, resources.json");
        return 0;

        async Task BurstAsync()
        {
            if (burst <= 0) return;
            // --burst-workers closed-loop workers share the burst: the API files faster that way than with every
            // request in flight at once, so the filing times (and the deadlines) stay within one second.
            var workers = Math.Min(burst, o.Int("burst-workers", 20));
            // Open the burst's connections beforehand (concurrent requests), so the burst is not a connect storm.
            await DelayUntil(burstWall.AddSeconds(-3));
            await Task.WhenAll(Enumerable.Range(0, workers).Select(async i =>
            {
                using var r = await bursty[i % urls.Length].Http.GetAsync("/api/auth/me");
            }));
            var burstRnd = new Random(20262); // not rnd: the even stream uses that one meanwhile, and Random is not thread-safe
            var bodies = Enumerable.Range(0, burst).Select(_ => Reports.Next(burstRnd)).ToArray();
            var next = -1;
            await DelayUntil(burstWall);
            await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < burst; i = Interlocked.Increment(ref next))
                    await FileAsync("burst", i, w % urls.Length, bursty[w % urls.Length], bodies[i]);
            })));
            var sent = filed.Where(f => f.Set == "burst").ToList();
            Log($"burst of {burst} ({workers} workers) started {burstWall:HH:mm:ss.fff}, done after {(sent.Max(f => f.SentAt.AddMilliseconds(f.Ms)) - burstWall).TotalMilliseconds:0} ms");
        }

        async Task FileAsync(string set, int index, int node, Session session, object body)
        {
            var sentAt = DateTimeOffset.UtcNow;
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var resp = await session.Http.PostAsJsonAsync("/api/incidents", body);
                var text = await resp.Content.ReadAsStringAsync();
                var ms = Stats.Ms(started, Stopwatch.GetTimestamp());
                if (resp.StatusCode == HttpStatusCode.Created)
                {
                    var json = JsonNode.Parse(text)!;
                    filed.Add(new Filed(set, index, node, sentAt, ms, 201, Guid.Parse(json["id"]!.GetValue<string>()), json["reference"]!.GetValue<string>(), null));
                }
                else filed.Add(new Filed(set, index, node, sentAt, ms, (int)resp.StatusCode, null, null, text.Length > 300 ? text[..300] : text));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                filed.Add(new Filed(set, index, node, sentAt, Stats.Ms(started, Stopwatch.GetTimestamp()), 0, null, null, e.Message));
            }
        }
    }

    private static async Task Expect(Task<HttpResponseMessage> call, HttpStatusCode expected, string what)
    {
        using var resp = await call;
        if (resp.StatusCode != expected)
            throw new InvalidOperationException($"{what}: {(int)resp.StatusCode} {await resp.Content.ReadAsStringAsync()}");
    }

    private static DateTimeOffset NextSecond(DateTimeOffset t) =>
        new DateTimeOffset(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddSeconds(1);

    /// <summary>Sleeps until shortly before <paramref name="at"/>, then spins, so the start is on time to about a millisecond.</summary>
    private static async Task DelayUntil(DateTimeOffset at)
    {
        var left = at - DateTimeOffset.UtcNow;
        if (left > TimeSpan.FromMilliseconds(50)) await Task.Delay(left - TimeSpan.FromMilliseconds(30));
        while (DateTimeOffset.UtcNow < at) Thread.SpinWait(100);
    }

    private static void Log(string message) => Console.Error.WriteLine($"[deadlines {DateTimeOffset.UtcNow:HH:mm:ss}] {message}");

    private static void Write<T>(string path, IEnumerable<T> rows) =>
        File.WriteAllLines(path, rows.Select(r => JsonSerializer.Serialize(r, Json)));

    /// <summary>Every mail in the sink (maildev's REST API), with the accept time from its .eml file.</summary>
    private static async Task<List<Mail>> ReadSinkAsync(string maildev, string maildir)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var all = await http.GetFromJsonAsync<JsonArray>(maildev.TrimEnd('/') + "/email") ?? [];
        var mails = new List<Mail>();
        foreach (var m in all)
        {
            var id = m!["id"]!.GetValue<string>();
            var eml = new FileInfo(Path.Combine(maildir, id + ".eml"));
            var to = m["to"] is JsonArray list && list.Count > 0 ? list[0]?["address"]?.GetValue<string>() ?? "" : "";
            DateTimeOffset? date = m["date"] is JsonValue d && d.TryGetValue<string>(out var ds) ? DateTimeOffset.Parse(ds, CultureInfo.InvariantCulture) : null;
            mails.Add(new Mail(id, to, m["subject"]?.GetValue<string>() ?? "", new DateTimeOffset(eml.LastWriteTimeUtc, TimeSpan.Zero), date,
                m["headers"]?["x-incidentdesk-notification"]?.GetValue<string>()));
        }
        return mails;
    }

    /// <summary>What the database knows about one incident's first acknowledge deadline and its escalation.</summary>
    private sealed record DbRow(Guid Incident, DateTimeOffset Due, DateTimeOffset? Relayed, int Escalations, DateTimeOffset? Fired,
        int SecondRows, DateTimeOffset? Queued, DateTimeOffset? Sent, int Attempts);

    [GeneratedRegex(@"\bINC-\d{4}-\d+\b")]
    private static partial Regex ReferencePattern();

    /// <summary>Markdown figures from what `deadlines` wrote and the database export (db.csv, see deadlines.sh).</summary>
    public static int Report(Opts o)
    {
        var dir = o.Get("dir");
        var grace = o.Int("grace", 30);
        var goalMs = o.Double("goal-ms", 3000);
        var second = o.Get("second");
        var first = o.Get("first");
        var filed = File.ReadAllLines(Path.Combine(dir, "incidents.jsonl")).Select(l => JsonSerializer.Deserialize<Filed>(l, Json)!).ToList();
        var mails = File.ReadAllLines(Path.Combine(dir, "mails.jsonl")).Select(l => JsonSerializer.Deserialize<Mail>(l, Json)!).ToList();
        var db = File.ReadAllLines(o.Get("db")).Where(l => l.Length > 0).Select(ParseDbRow).ToDictionary(r => r.Incident);

        string? RefOf(Mail m) => ReferencePattern().Match(m.Subject) is { Success: true } x ? x.Value : null;
        var escalationMails = mails.Where(m => m.To.Equals(second, StringComparison.OrdinalIgnoreCase) && m.Subject.StartsWith("[Escalation]"))
            .GroupBy(RefOf).Where(g => g.Key is not null).ToDictionary(g => g.Key!, g => g.OrderBy(m => m.AcceptedAt).ToList());
        var newReportMails = mails.Where(m => m.To.Equals(first, StringComparison.OrdinalIgnoreCase) && m.Subject.StartsWith("[New report]"))
            .GroupBy(RefOf).Where(g => g.Key is not null).ToDictionary(g => g.Key!, g => g.Count());

        var sb = new StringBuilder();
        sb.AppendLine($"Latency = time the SMTP sink accepted the escalation mail to the second contact minus the deadline's `due_at`; " +
                      $"missed = no such mail within {grace} s of the deadline; goal: p99 <= {goalMs / 1000:0.#} s, none missed, none duplicated.").AppendLine();
        sb.AppendLine("| set | filed | filing errors | deadlines | due between (UTC) | escalation mails | missed | duplicate mails | duplicate `incident_escalated` | min ms | p50 ms | p90 ms | p99 ms | max ms | goal |");
        sb.AppendLine("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var breakdown = new StringBuilder();
        var notes = new StringBuilder();
        var allMet = true;
        foreach (var set in new[] { "spread", "burst", "all" })
        {
            var rows = filed.Where(f => set == "all" || f.Set == set).ToList();
            if (rows.Count == 0) continue;
            var ok = rows.Where(f => f.Status == 201 && f.Id is not null).ToList();
            var deadlines = ok.Where(f => db.ContainsKey(f.Id!.Value)).Select(f => (Filed: f, Db: db[f.Id!.Value])).ToList();
            var latencies = new List<double>();
            int missed = 0, dupMails = 0, dupEvents = 0, dupRows = 0, early = 0;
            var fire = new List<double>(); var deliver = new List<double>(); var relayAhead = new List<double>();
            foreach (var (f, d) in deadlines)
            {
                var got = escalationMails.GetValueOrDefault(f.Reference!) ?? [];
                if (got.Count > 1) dupMails++;
                if (d.Escalations > 1) dupEvents++;
                if (d.SecondRows > 1) dupRows++;
                if (d.Relayed is { } r) relayAhead.Add((d.Due - r).TotalMilliseconds);
                if (d.Fired is { } fired) fire.Add((fired - d.Due).TotalMilliseconds);
                if (got.Count == 0) { missed++; continue; }
                var ms = (got[0].AcceptedAt - d.Due).TotalMilliseconds;
                if (ms > grace * 1000) missed++;
                if (ms < 0) early++;
                latencies.Add(ms);
                if (d.Fired is { } fired2) deliver.Add((got[0].AcceptedAt - fired2).TotalMilliseconds);
            }
            var lat = Percentiles(latencies);
            var noDeadline = ok.Count - deadlines.Count;
            var met = latencies.Count > 0 && lat.P99 <= goalMs && missed == 0 && dupMails == 0 && dupEvents == 0 && noDeadline == 0;
            allMet &= met || set == "all";
            var dues = deadlines.Select(x => x.Db.Due).Order().ToList();
            var window = dues.Count == 0 ? "" : $"{dues[0]:HH:mm:ss.fff} – {dues[^1]:HH:mm:ss.fff}";
            sb.AppendLine($"| {set} | {ok.Count} | {rows.Count - ok.Count} | {deadlines.Count} | {window} | {deadlines.Count(x => escalationMails.ContainsKey(x.Filed.Reference!))} | " +
                          $"{(missed > 0 ? $"**{missed}**" : "0")} | {(dupMails > 0 ? $"**{dupMails}**" : "0")} | {(dupEvents > 0 ? $"**{dupEvents}**" : "0")} | " +
                          $"{lat.Min:0} | {lat.P50:0} | {lat.P90:0} | **{lat.P99:0}** | {lat.Max:0} | {(met ? "met" : "**MISSED**")} |");

            var f50 = Percentiles(fire); var d50 = Percentiles(deliver); var r50 = Percentiles(relayAhead);
            breakdown.AppendLine($"| {set} | {r50.Min / 1000:0.0} / {r50.P50 / 1000:0.0} | {f50.P50:0} | {f50.P90:0} | {f50.P99:0} | {f50.Max:0} | {d50.P50:0} | {d50.P90:0} | {d50.P99:0} | {d50.Max:0} |");
            if (early > 0) notes.AppendLine($"- {set}: {early} escalation mail(s) accepted **before** their deadline.");
            if (dupRows > 0) notes.AppendLine($"- {set}: {dupRows} incident(s) with more than one escalation row for the second contact in notification_outbox.");
            if (noDeadline > 0) notes.AppendLine($"- {set}: {noDeadline} filed report(s) without an acknowledge deadline in incident_deadlines.");
            if (set == "burst" && dues.Count > 0)
            {
                var seconds = dues.Select(t => t.ToUnixTimeSeconds()).Distinct().Count();
                var sent = rows.Min(f => f.SentAt);
                var done = rows.Max(f => f.SentAt.AddMilliseconds(f.Ms));
                notes.AppendLine($"- burst: {rows.Count} reports filed from {sent:HH:mm:ss.fff} UTC over {rows.Select(f => f.Node).Distinct().Count()} node(s), " +
                                 $"all answered {(done - sent).TotalMilliseconds:0} ms later (slowest request {rows.Max(f => f.Ms):0} ms); their deadlines span **{(dues[^1] - dues[0]).TotalMilliseconds:0} ms** " +
                                 $"({dues[0]:HH:mm:ss.fff} – {dues[^1]:HH:mm:ss.fff}) and fall in **{seconds}** wall-clock second{(seconds == 1 ? "" : "s")}.");
            }
            if (set == "spread" && dues.Count > 1)
                notes.AppendLine($"- spread: {deadlines.Count} deadlines over {(dues[^1] - dues[0]).TotalSeconds:0} s (one every {(dues[^1] - dues[0]).TotalSeconds / (dues.Count - 1):0.00} s).");
        }
        sb.AppendLine();
        sb.AppendLine($"Goal (p99 <= {goalMs / 1000:0.#} s, none missed, none duplicated, for the spread and the burst): **{(allMet ? "MET" : "MISSED")}**.").AppendLine();
        sb.AppendLine("Where the time goes (ms unless noted): relay = how long before the deadline the timer relay handed it to Hangfire " +
                      "(min / median, s); fire = the `incident_escalated` decision (`at` of the event) minus `due_at` (Hangfire schedule poll + queue + " +
                      "misfire handling + the FireDeadline command); deliver = sink accept minus that decision (outbox commit, dispatcher poll, SMTP).").AppendLine();
        sb.AppendLine("| set | relay ahead min / p50 s | fire p50 | fire p90 | fire p99 | fire max | deliver p50 | deliver p90 | deliver p99 | deliver max |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        sb.Append(breakdown).AppendLine();

        var reports = filed.Where(f => f.Reference is not null).Select(f => f.Reference!).ToList();
        var dupNew = reports.Count(r => newReportMails.GetValueOrDefault(r) > 1);
        notes.AppendLine($"- new-report mails to the first contact: {reports.Count(newReportMails.ContainsKey)} of {reports.Count} reports, {dupNew} duplicated; " +
                         $"the sink received {mails.Count} mails in all, {mails.Count(m => m.DateHeader is not null)} with a Date header.");
        var mailsAfter = escalationMails.Values.Sum(v => v.Count);
        notes.AppendLine($"- escalation mails to the second contact: {mailsAfter} for {escalationMails.Count} incidents.");
        sb.Append(notes);
        Console.Write(sb.ToString());
        return 0;
    }

    private static DbRow ParseDbRow(string line)
    {
        var f = line.Split(',');
        DateTimeOffset? T(string s) => s.Length == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(double.Parse(s, CultureInfo.InvariantCulture) * 1000));
        int I(string s) => s.Length == 0 ? 0 : int.Parse(s);
        return new DbRow(Guid.Parse(f[0]), T(f[1])!.Value, T(f[2]), I(f[3]), T(f[4]), I(f[5]), T(f[6]), T(f[7]), I(f[8]));
    }

    private sealed record Pct(double Min, double P50, double P90, double P99, double Max);

    /// <summary>Nearest-rank percentiles (as Stats.Latency in Program.cs).</summary>
    private static Pct Percentiles(List<double> values)
    {
        var s = values.Order().ToArray();
        if (s.Length == 0) return new Pct(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double P(double p) => s[Math.Min(s.Length - 1, (int)Math.Ceiling(p * s.Length) - 1)];
        return new Pct(s[0], P(0.50), P(0.90), P(0.99), s[^1]);
    }
}
