// IncidentDesk load generator, driven by tests/bench/run.sh. Prints figures; never passes or fails anything.
//
//   setup    --url U --admin-email E --admin-password P --email E --password P
//   saturate --url U --email E --password P --workers 16,32,64 --seconds 20 --warmup 3 --out results.jsonl
//   workflow --url U --email E --password P --workers 16 --seconds 15 --share 0.4 --out results.jsonl
//   fixed    --url U --email E --password P --rate 100 --seconds 15 --warmup 2 --label L --shape name=file|GET-path ...
//   report   --in results.jsonl            (markdown tables on stdout)
//   deadlines, deadlines-report             (the deadline benchmark of tests/bench/deadlines.sh; see Deadlines.cs)
//   mail-queue                              (fills the notification queue for tests/bench/mail.sh; see Mail.cs)
//
// Every load command takes --api-pid and --pg-pid: the API's resident memory and the CPU used by the API, the
// PostgreSQL cluster and this generator are sampled from /proc during each measured window.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length == 0) { Console.Error.WriteLine("usage: see the head of Program.cs"); return 2; }
var opts = Opts.Parse(args.Skip(1).ToArray());
try
{
    return args[0] switch
    {
        "setup" => await Commands.Setup(opts),
        "saturate" => await Commands.Saturate(opts),
        "workflow" => await Commands.Workflow(opts),
        "fixed" => await Commands.Fixed(opts),
        "report" => Report.Run(opts),
        "deadlines" => await DeadlineBench.Run(opts),
        "deadlines-report" => DeadlineBench.Report(opts),
        "mail-queue" => await MailBench.Queue(opts),
        _ => throw new ArgumentException($"unknown command {args[0]}"),
    };
}
catch (Exception e)
{
    Console.Error.WriteLine($"bench {args[0]} failed: {e}");
    return 1;
}

sealed class Opts
{
    private readonly Dictionary<string, List<string>> values = new();

    public static Opts Parse(string[] a)
    {
        var o = new Opts();
        for (var i = 0; i < a.Length; i++)
        {
            if (!a[i].StartsWith("--")) throw new ArgumentException($"unexpected argument {a[i]}");
            var key = a[i][2..];
            var value = i + 1 < a.Length && !a[i + 1].StartsWith("--") ? a[++i] : "true";
            if (!o.values.TryGetValue(key, out var list)) o.values[key] = list = [];
            list.Add(value);
        }
        return o;
    }

    public string Get(string key, string? fallback = null) =>
        values.TryGetValue(key, out var v) ? v[^1] : fallback ?? throw new ArgumentException($"--{key} is required");

    public IReadOnlyList<string> All(string key) => values.TryGetValue(key, out var v) ? v : [];
    public int Int(string key, int fallback) => int.Parse(Get(key, fallback.ToString()));
    public double Double(string key, double fallback) => double.Parse(Get(key, fallback.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>A signed-in session: cookies copied into a fixed Cookie header, XSRF token in X-XSRF-TOKEN.</summary>
sealed class Session
{
    public required HttpClient Http { get; init; }
    public required Guid UserId { get; init; }

    public static HttpClient NewClient(string url, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        UseCookies = false,
        UseProxy = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<Session> LoginAsync(string url, string email, string password, int connections)
    {
        var http = NewClient(url, connections);
        using var resp = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
        if (resp.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"login {email}: {(int)resp.StatusCode} {await resp.Content.ReadAsStringAsync()}");
        var me = await resp.Content.ReadFromJsonAsync<JsonObject>() ?? throw new InvalidOperationException("empty login body");
        var cookies = new List<string>();
        string? xsrf = null;
        foreach (var setCookie in resp.Headers.TryGetValues("Set-Cookie", out var v) ? v : [])
        {
            var pair = setCookie.Split(';', 2)[0];
            var eq = pair.IndexOf('=');
            var (name, value) = (pair[..eq], pair[(eq + 1)..]);
            if (name == "XSRF-TOKEN") xsrf = Uri.UnescapeDataString(value);
            cookies.Add(pair);
        }
        if (xsrf is null) throw new InvalidOperationException("login did not set XSRF-TOKEN");
        http.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));
        http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", xsrf);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return new Session { Http = http, UserId = Guid.Parse(me["id"]!.GetValue<string>()) };
    }
}

/// <summary>Incident reports with varied text, so that q= searches and trigram indexes meet realistic data.</summary>
static class Reports
{
    private static readonly string[] Categories = ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "unknown"];

    private static readonly string[] Openers =
    [
        "Suspicious e-mail received", "Laptop left on the train", "USB stick missing from the office",
        "Ransom note shown on the file server", "Customer list sent to the wrong address", "Fax sent to the wrong number",
        "Strange login alert from the cloud portal", "Antivirus quarantined a file", "Shared drive files renamed",
        "Phone lost during a business trip", "Contractor copied files to a private account", "Website defaced",
        "Password entered on a fake login page", "Invoice with changed bank details", "Server room power outage",
        "Someone looked over my shoulder at the station", "SNS post with internal photos", "VPN account used at night",
    ];

    private static readonly string[] Details =
    [
        "the attachment was opened", "nobody clicked the link", "it happened after the update", "the screen froze",
        "the sender looked like our CEO", "the bag also had printed documents", "the device was encrypted",
        "about 120 records may be affected", "the backup job failed yesterday", "a colleague noticed it first",
        "the PC was unplugged from the network", "the printer in building B", "the branch office in Osaka",
        "payroll spreadsheet", "the marketing mailing list", "the test server", "the HR shared folder",
    ];

    // A rare marker (about 1 report in 500) so that the bench can also time a selective text search.
    public const string RareWord = "zebrafish";

    public static object Next(Random rnd)
    {
        var summary = new StringBuilder(Openers[rnd.Next(Openers.Length)]);
        for (var i = rnd.Next(1, 4); i > 0; i--) summary.Append("; ").Append(Details[rnd.Next(Details.Length)]);
        if (rnd.Next(500) == 0) summary.Append("; ").Append(RareWord).Append(" sticker on the case");
        summary.Append(". Ref ").Append(rnd.Next(1_000_000).ToString("x5"));
        var category = Categories[rnd.Next(Categories.Length)];
        return new
        {
            category,
            summary = summary.ToString(),
            noticedAt = DateTimeOffset.UtcNow.AddMinutes(-rnd.Next(1, 60 * 24 * 30)).ToString("yyyy-MM-ddTHH:mm:ssZ"),
            contact = rnd.Next(3) == 0 ? $"ext. {rnd.Next(1000, 9999)}" : null,
            deviceId = rnd.Next(2) == 0 ? $"PC-{rnd.Next(10000):D5}" : null,
            personalDataMayBeInvolved = rnd.Next(4) == 0,
            disconnectedFromNetwork = category is "C1" or "C2" ? rnd.Next(2) == 0 : (bool?)null,
        };
    }

    public static HttpRequestMessage FileRequest(Random rnd) =>
        new(HttpMethod.Post, "/api/incidents") { Content = JsonContent.Create(Next(rnd)) };
}

/// <summary>Samples the API's memory and the CPU of the API, the PostgreSQL cluster, this process and the machine.</summary>
sealed class ResourceSampler : IAsyncDisposable
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly int apiPid, pgPid;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly long startWall = Stopwatch.GetTimestamp();
    private readonly (long Api, long Pg, TimeSpan Self, long[] Machine) start;
    public long MaxRssKb { get; private set; }
    public long HwmKb { get; private set; }
    public List<long> RssSamplesKb { get; } = [];

    public ResourceSampler(int apiPid, int pgPid)
    {
        this.apiPid = apiPid;
        this.pgPid = pgPid;
        start = Snapshot();
        loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                SampleMemory();
                try { await Task.Delay(250, stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    private void SampleMemory()
    {
        if (apiPid <= 0) return;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{apiPid}/status"))
            {
                if (line.StartsWith("VmRSS:")) { var kb = Kb(line); MaxRssKb = Math.Max(MaxRssKb, kb); lock (RssSamplesKb) RssSamplesKb.Add(kb); }
                else if (line.StartsWith("VmHWM:")) HwmKb = Math.Max(HwmKb, Kb(line));
            }
        }
        catch (IOException) { }
        static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    private (long Api, long Pg, TimeSpan Self, long[] Machine) Snapshot()
    {
        long api = apiPid > 0 ? ProcTicks(apiPid) : 0, pg = 0;
        if (pgPid > 0)
        {
            // The postmaster's own time, plus the time of backends that already exited (cutime/cstime), plus
            // the living backends: so closed or cancelled connections do not make the figure drop.
            pg = ProcTicks(pgPid, withExitedChildren: true);
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == pgPid) continue;
                try
                {
                    var stat = File.ReadAllText($"{dir}/stat");
                    var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    if (int.Parse(f[1]) == pgPid) pg += long.Parse(f[11]) + long.Parse(f[12]);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        }
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        return (api, pg, Process.GetCurrentProcess().TotalProcessorTime, cpu);
    }

    private static long ProcTicks(int pid, bool withExitedChildren = false)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(f[11]) + long.Parse(f[12]) // utime, stime
                + (withExitedChildren ? long.Parse(f[13]) + long.Parse(f[14]) : 0); // cutime, cstime
        }
        catch (IOException) { return 0; }
    }

    /// <summary>CPU in percent of one core (200 = both cores of this machine), machine idle and iowait in percent.</summary>
    public async Task<JsonObject> StopAsync()
    {
        var end = Snapshot();
        stop.Cancel();
        await loop;
        SampleMemory();
        var seconds = Stopwatch.GetElapsedTime(startWall).TotalSeconds;
        var machine = end.Machine.Zip(start.Machine, (a, b) => a - b).ToArray();
        double total = machine.Take(8).Sum();
        return new JsonObject
        {
            ["apiCpu"] = Math.Round((end.Api - start.Api) / TicksPerSecond / seconds * 100),
            ["pgCpu"] = Math.Round((end.Pg - start.Pg) / TicksPerSecond / seconds * 100),
            ["benchCpu"] = Math.Round((end.Self - start.Self).TotalSeconds / seconds * 100),
            ["otherCpu"] = Math.Round(Math.Max(0, (total - machine[3] - machine[4]) / TicksPerSecond / seconds * 100
                - (end.Api - start.Api + end.Pg - start.Pg) / TicksPerSecond / seconds * 100 - (end.Self - start.Self).TotalSeconds / seconds * 100)),
            ["idle"] = Math.Round(machine[3] / total * 100),
            ["iowait"] = Math.Round(machine[4] / total * 100),
            ["rssMaxMb"] = Math.Round(MaxRssKb / 1024.0, 1),
            ["rssMedianMb"] = RssSamplesKb.Count == 0 ? 0 : Math.Round(RssSamplesKb.Order().ElementAt(RssSamplesKb.Count / 2) / 1024.0, 1),
            ["hwmMb"] = Math.Round(HwmKb / 1024.0, 1),
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested) { stop.Cancel(); await loop; }
    }
}

static class Stats
{
    public static JsonObject Latency(List<double> ms)
    {
        var s = ms.Order().ToArray();
        if (s.Length == 0) return new JsonObject { ["n"] = 0, ["p50"] = -1, ["p95"] = -1, ["p99"] = -1, ["max"] = -1 };
        double P(double p) => s[Math.Min(s.Length - 1, (int)Math.Ceiling(p * s.Length) - 1)];
        return new JsonObject
        {
            ["n"] = s.Length,
            ["p50"] = Math.Round(P(0.50), 2), ["p95"] = Math.Round(P(0.95), 2), ["p99"] = Math.Round(P(0.99), 2),
            ["max"] = Math.Round(s[^1], 2),
        };
    }

    public static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}

static class Commands
{
    private static void Append(Opts o, JsonObject result)
    {
        var line = result.ToJsonString();
        Console.WriteLine(line);
        if (o.Get("out", "") is { Length: > 0 } path) File.AppendAllText(path, line + "\n");
    }

    private static ResourceSampler Sampler(Opts o) => new(o.Int("api-pid", 0), o.Int("pg-pid", 0));

    public static async Task<int> Setup(Opts o)
    {
        var url = o.Get("url");
        var admin = await Session.LoginAsync(url, o.Get("admin-email"), o.Get("admin-password"), 2);
        using var resp = await admin.Http.PostAsJsonAsync("/api/users", new
        {
            email = o.Get("email"), displayName = "Bench Responder", roles = new[] { "Responder" }, password = o.Get("password"),
        });
        if (resp.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
            throw new InvalidOperationException($"create load account: {(int)resp.StatusCode} {await resp.Content.ReadAsStringAsync()}");
        Console.WriteLine($"load account {o.Get("email")}: {(int)resp.StatusCode}");
        return 0;
    }

    /// <summary>N closed-loop workers filing reports back to back; the best rate over the worker counts is the figure.</summary>
    public static async Task<int> Saturate(Opts o)
    {
        var seconds = o.Int("seconds", 20);
        var warmup = o.Int("warmup", 3);
        foreach (var workers in o.Get("workers", "16,32,64").Split(',').Select(int.Parse))
        {
            var session = await Session.LoginAsync(o.Get("url"), o.Get("email"), o.Get("password"), workers);
            var measuring = false;
            var stopAt = long.MaxValue;
            var latencies = new List<double>[workers];
            var ok = new long[workers];
            var errors = new long[workers];
            var errorSamples = new System.Collections.Concurrent.ConcurrentBag<string>();
            var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
            {
                var rnd = new Random(w * 7919 + workers);
                latencies[w] = new List<double>(seconds * 1000);
                while (Stopwatch.GetTimestamp() < Volatile.Read(ref stopAt))
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var counted = Volatile.Read(ref measuring);
                    try
                    {
                        using var resp = await session.Http.SendAsync(Reports.FileRequest(rnd));
                        await resp.Content.LoadIntoBufferAsync();
                        var t1 = Stopwatch.GetTimestamp();
                        if (!counted || t1 > Volatile.Read(ref stopAt)) continue;
                        if (resp.StatusCode == HttpStatusCode.Created) { ok[w]++; latencies[w].Add(Stats.Ms(t0, t1)); }
                        else { errors[w]++; if (errorSamples.Count < 3) errorSamples.Add($"{(int)resp.StatusCode} {await resp.Content.ReadAsStringAsync()}"); }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        if (counted) { errors[w]++; if (errorSamples.Count < 3) errorSamples.Add(e.Message); }
                    }
                }
            })).ToArray();

            await Task.Delay(TimeSpan.FromSeconds(warmup));
            await using var sampler = Sampler(o);
            var begin = Stopwatch.GetTimestamp();
            Volatile.Write(ref measuring, true);
            Volatile.Write(ref stopAt, begin + seconds * Stopwatch.Frequency);
            await Task.WhenAll(tasks);
            var elapsed = Stats.Ms(begin, Stopwatch.GetTimestamp()) / 1000;
            var res = await sampler.StopAsync();
            var all = latencies.SelectMany(l => l).ToList();
            var result = new JsonObject
            {
                ["phase"] = "saturate", ["label"] = $"POST /api/incidents, {workers} closed-loop workers",
                ["workers"] = workers, ["seconds"] = Math.Round(elapsed, 1),
                ["ok"] = ok.Sum(), ["errors"] = errors.Sum(), ["perSecond"] = Math.Round(ok.Sum() / elapsed, 1),
                ["latency"] = Stats.Latency(all), ["resources"] = res,
            };
            if (!errorSamples.IsEmpty) result["errorSamples"] = new JsonArray(errorSamples.Select(e => (JsonNode)e).ToArray());
            Append(o, result);
            session.Http.Dispose();
        }
        return 0;
    }

    /// <summary>
    /// Moves a share of the reports through the real commands (acknowledge = triage stage; triage with an owner =
    /// severity and owner set), so that stage/severity/owner filters of the board have something to select.
    /// </summary>
    public static async Task<int> Workflow(Opts o)
    {
        var workers = o.Int("workers", 16);
        var seconds = o.Int("seconds", 15);
        var share = o.Double("share", 0.4);
        var session = await Session.LoginAsync(o.Get("url"), o.Get("email"), o.Get("password"), workers);

        // Reports still in detection, at version 1 (just filed), every 1/share-th of them.
        var ids = new List<Guid>();
        var step = (int)Math.Round(1 / share);
        for (var page = 1; ; page++)
        {
            var list = await session.Http.GetFromJsonAsync<JsonObject>($"/api/incidents?stage=detection&sort=reference&pageSize=200&page={page}");
            var items = list!["items"]!.AsArray();
            if (items.Count == 0) break;
            var i = 0;
            foreach (var item in items)
                if (i++ % step == 0 && item!["version"]!.GetValue<long>() == 1) ids.Add(Guid.Parse(item["id"]!.GetValue<string>()));
        }
        var rndAll = new Random(42);
        ids = ids.OrderBy(_ => rndAll.Next()).ToList();

        var next = -1;
        var stopAt = Stopwatch.GetTimestamp() + seconds * Stopwatch.Frequency;
        var latAck = new List<double>[workers];
        var latTriage = new List<double>[workers];
        var errors = new long[workers];
        var errorSamples = new System.Collections.Concurrent.ConcurrentBag<string>();
        string[] infoClasses = ["public", "business", "confidential"], impacts = ["minor", "serious", "extremely_serious"];
        await using var sampler = Sampler(o);
        var begin = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var rnd = new Random(w);
            latAck[w] = [];
            latTriage[w] = [];
            int k;
            while (Stopwatch.GetTimestamp() < stopAt && (k = Interlocked.Increment(ref next)) < ids.Count)
            {
                var id = ids[k];
                var t0 = Stopwatch.GetTimestamp();
                using var ack = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{id}/acknowledge") { Content = JsonContent.Create(new { }) };
                ack.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
                using var ackResp = await session.Http.SendAsync(ack);
                await ackResp.Content.LoadIntoBufferAsync();
                var t1 = Stopwatch.GetTimestamp();
                if (!ackResp.IsSuccessStatusCode) { errors[w]++; if (errorSamples.Count < 3) errorSamples.Add($"ack {(int)ackResp.StatusCode} {await ackResp.Content.ReadAsStringAsync()}"); continue; }
                latAck[w].Add(Stats.Ms(t0, t1));
                if (rnd.Next(2) == 0) continue; // half of them stay untriaged in the triage stage
                using var triage = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{id}/triage")
                {
                    Content = JsonContent.Create(new
                    {
                        infoClass = infoClasses[rnd.Next(3)], impact = impacts[rnd.Next(3)], personalDataInvolved = rnd.Next(3) == 0,
                        usersMayBeHarmed = rnd.Next(4) == 0, dataMayBeLeaking = rnd.Next(4) == 0,
                        containmentActions = new[] { "Disconnected the PC from the network", "Changed the password" }, ownerId = session.UserId,
                    }),
                };
                triage.Headers.TryAddWithoutValidation("If-Match", ackResp.Headers.ETag?.Tag ?? "\"3\"");
                using var triResp = await session.Http.SendAsync(triage);
                await triResp.Content.LoadIntoBufferAsync();
                if (!triResp.IsSuccessStatusCode) { errors[w]++; if (errorSamples.Count < 3) errorSamples.Add($"triage {(int)triResp.StatusCode} {await triResp.Content.ReadAsStringAsync()}"); continue; }
                latTriage[w].Add(Stats.Ms(t1, Stopwatch.GetTimestamp()));
            }
        })));
        var elapsed = Stats.Ms(begin, Stopwatch.GetTimestamp()) / 1000;
        var res = await sampler.StopAsync();
        var acks = latAck.Sum(l => l.Count);
        var triages = latTriage.Sum(l => l.Count);
        var result = new JsonObject
        {
            ["phase"] = "workflow", ["label"] = $"acknowledge + triage commands, {workers} closed-loop workers",
            ["workers"] = workers, ["seconds"] = Math.Round(elapsed, 1), ["acknowledged"] = acks, ["triaged"] = triages,
            ["errors"] = errors.Sum(), ["perSecond"] = Math.Round((acks + triages) / elapsed, 1),
            ["latencyAcknowledge"] = Stats.Latency(latAck.SelectMany(l => l).ToList()),
            ["latencyTriage"] = Stats.Latency(latTriage.SelectMany(l => l).ToList()), ["resources"] = res,
        };
        if (!errorSamples.IsEmpty) result["errorSamples"] = new JsonArray(errorSamples.Select(e => (JsonNode)e).ToArray());
        Append(o, result);
        return 0;
    }

    /// <summary>
    /// Open loop: request i is due at start + i/rate whatever happened to the others; its latency runs from that due
    /// time, so a stalled server is charged for the requests that queued behind the stall (no coordinated omission).
    /// </summary>
    public static async Task<int> Fixed(Opts o)
    {
        var rate = o.Int("rate", 100);
        var seconds = o.Int("seconds", 15);
        var warmup = o.Int("warmup", 2);
        var session = await Session.LoginAsync(o.Get("url"), o.Get("email"), o.Get("password"), o.Int("connections", 64));
        foreach (var shape in o.All("shape"))
        {
            var eq = shape.IndexOf('=');
            var (name, target) = (shape[..eq], shape[(eq + 1)..]);
            var rnd = new Random(name.GetHashCode());
            Func<HttpRequestMessage> make = target == "file"
                ? () => Reports.FileRequest(rnd)
                : () => new HttpRequestMessage(HttpMethod.Get, target);
            var expected = target == "file" ? HttpStatusCode.Created : HttpStatusCode.OK;

            var total = (warmup + seconds) * rate;
            var warm = warmup * rate;
            var latency = new double[total];
            var good = new bool[total];
            var statuses = new string?[total];
            var sendLag = 0.0;
            long totalRows = -1;
            var tasks = new Task[total];
            var timeout = TimeSpan.FromSeconds(o.Int("timeout", 5));
            var timeouts = 0;
            ResourceSampler? sampler = null;
            var t0 = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 20;
            for (var i = 0; i < total; i++)
            {
                var due = t0 + (long)((double)i * Stopwatch.Frequency / rate);
                var wait = Stats.Ms(Stopwatch.GetTimestamp(), due);
                if (wait >= 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
                if (i == warm) sampler = Sampler(o);
                if (i >= warm) sendLag = Math.Max(sendLag, Stats.Ms(due, Stopwatch.GetTimestamp()));
                var index = i;
                tasks[i] = Fire(index, due);
            }
            await Task.WhenAll(tasks);
            var res = await sampler!.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(o.Int("pause", 2))); // let cancelled queries end before the next shape

            async Task Fire(int index, long due)
            {
                // A request still unanswered after the timeout is cancelled (the API passes the abort on to
                // PostgreSQL) and counted as an error with its latency so far, which keeps a stalled shape from
                // running for minutes and from spilling its queue into the next shape.
                using var cts = new CancellationTokenSource(timeout);
                try
                {
                    using var resp = await session.Http.SendAsync(make(), cts.Token);
                    var body = await resp.Content.ReadAsByteArrayAsync(cts.Token);
                    latency[index] = Stats.Ms(due, Stopwatch.GetTimestamp());
                    good[index] = resp.StatusCode == expected;
                    if (!good[index]) statuses[index] = $"{(int)resp.StatusCode} {Encoding.UTF8.GetString(body)}";
                    else if (totalRows < 0 && target != "file")
                        totalRows = JsonNode.Parse(body)!["total"]!.GetValue<long>();
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    latency[index] = Stats.Ms(due, Stopwatch.GetTimestamp());
                    statuses[index] = cts.IsCancellationRequested ? $"no answer within {timeout.TotalSeconds:0} s (cancelled)" : e.Message;
                    if (cts.IsCancellationRequested && index >= warm) Interlocked.Increment(ref timeouts);
                }
            }

            var measured = Enumerable.Range(warm, total - warm).ToList();
            var result = new JsonObject
            {
                ["phase"] = "fixed", ["label"] = o.Get("label", ""), ["shape"] = name, ["target"] = target == "file" ? "POST /api/incidents" : "GET " + target,
                ["rate"] = rate, ["seconds"] = seconds, ["ok"] = measured.Count(i => good[i]), ["errors"] = measured.Count(i => !good[i]), ["timeouts"] = timeouts,
                ["matching"] = totalRows, ["maxSendLagMs"] = Math.Round(sendLag, 2),
                ["latency"] = Stats.Latency(measured.Select(i => latency[i]).ToList()), ["resources"] = res,
            };
            var samples = measured.Where(i => statuses[i] is not null).Select(i => statuses[i]!).Distinct().Take(3).ToArray();
            if (samples.Length > 0) result["errorSamples"] = new JsonArray(samples.Select(e => (JsonNode)e).ToArray());
            Append(o, result);
        }
        return 0;
    }
}

static class Report
{
    public static int Run(Opts o)
    {
        var rows = File.ReadAllLines(o.Get("in")).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var sb = new StringBuilder();
        string L(JsonNode? lat, string p) => lat?[p]?.ToString() ?? "";
        string R(JsonObject r, string k) => r["resources"]?[k]?.ToString() ?? "";

        var sat = rows.Where(r => (string?)r["phase"] == "saturate").ToList();
        if (sat.Count > 0)
        {
            var best = sat.MaxBy(r => r["perSecond"]!.GetValue<double>())!;
            sb.AppendLine("### Goal 1: filing throughput at saturation (durable commits; goal >= 500/s)").AppendLine();
            sb.AppendLine("| workers | filed/s | ok | errors | p50 ms | p95 ms | p99 ms | API CPU % | PG CPU % | bench CPU % | other CPU % | idle % | iowait % | API RSS max MB |");
            sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in sat)
                sb.AppendLine($"| {r["workers"]} | {(r == best ? "**" + r["perSecond"] + "**" : r["perSecond"])} | {r["ok"]} | {r["errors"]} | " +
                              $"{L(r["latency"], "p50")} | {L(r["latency"], "p95")} | {L(r["latency"], "p99")} | {R(r, "apiCpu")} | {R(r, "pgCpu")} | " +
                              $"{R(r, "benchCpu")} | {R(r, "otherCpu")} | {R(r, "idle")} | {R(r, "iowait")} | {R(r, "rssMaxMb")} |");
            var v = best["perSecond"]!.GetValue<double>();
            sb.AppendLine().AppendLine($"Best: **{v}/s** with {best["workers"]} workers -> goal {(v >= 500 ? "MET" : "MISSED")}.").AppendLine();
        }

        foreach (var r in rows.Where(r => (string?)r["phase"] == "workflow"))
        {
            sb.AppendLine("### Workflow commands (to spread stages; not a goal)").AppendLine();
            sb.AppendLine($"{r["label"]}: {r["acknowledged"]} acknowledged + {r["triaged"]} triaged in {r["seconds"]} s = {r["perSecond"]} commands/s, " +
                          $"{r["errors"]} errors; acknowledge p50/p95/p99 {L(r["latencyAcknowledge"], "p50")}/{L(r["latencyAcknowledge"], "p95")}/{L(r["latencyAcknowledge"], "p99")} ms, " +
                          $"triage p50/p95/p99 {L(r["latencyTriage"], "p50")}/{L(r["latencyTriage"], "p95")}/{L(r["latencyTriage"], "p99")} ms; " +
                          $"API CPU {R(r, "apiCpu")} %, PG CPU {R(r, "pgCpu")} %, API RSS max {R(r, "rssMaxMb")} MB.").AppendLine();
        }

        foreach (var group in rows.Where(r => (string?)r["phase"] == "fixed").GroupBy(r => (string?)r["label"]))
        {
            sb.AppendLine($"### Fixed open-loop rate: {group.Key} (goal p99 <= 50 ms)").AppendLine();
            sb.AppendLine("| shape | request | rate/s | ok | errors | rows matching | p50 ms | p95 ms | p99 ms | max ms | goal | max send lag ms | API CPU % | PG CPU % | bench CPU % | other CPU % | API RSS max MB |");
            sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");
            foreach (var r in group)
            {
                var p99 = r["latency"]!["p99"]!.GetValue<double>();
                if (r["latency"]!["n"]!.GetValue<int>() == 0) p99 = double.MaxValue;
                var errs = r["errors"]!.GetValue<int>();
                sb.AppendLine($"| {r["shape"]} | `{r["target"]}` | {r["rate"]} | {r["ok"]} | {r["errors"]}{(r["timeouts"]?.GetValue<int>() > 0 ? $" ({r["timeouts"]} timed out)" : "")} | {(r["matching"]!.GetValue<long>() < 0 ? "" : r["matching"])} | " +
                              $"{L(r["latency"], "p50")} | {L(r["latency"], "p95")} | {p99} | {L(r["latency"], "max")} | {(p99 <= 50 && errs == 0 ? "met" : "**MISSED**")} | " +
                              $"{r["maxSendLagMs"]} | {R(r, "apiCpu")} | {R(r, "pgCpu")} | {R(r, "benchCpu")} | {R(r, "otherCpu")} | {R(r, "rssMaxMb")} |");
            }
            sb.AppendLine();
        }

        var hwm = rows.Select(r => r["resources"]?["hwmMb"]?.GetValue<double>() ?? 0).DefaultIfEmpty(0).Max();
        var rss = rows.Select(r => r["resources"]?["rssMaxMb"]?.GetValue<double>() ?? 0).DefaultIfEmpty(0).Max();
        sb.AppendLine("### Goal 4: API resident memory (goal <= 250 MB)").AppendLine();
        sb.AppendLine($"Highest VmRSS sampled under load: **{rss} MB**; VmHWM (peak resident) at the end of the last phase: **{hwm} MB** -> goal {(Math.Max(rss, hwm) <= 250 ? "MET" : "MISSED")}.");
        foreach (var r in rows.Where(r => r["errorSamples"] is not null))
            sb.AppendLine().Append($"Errors in {r["phase"]} {r["shape"] ?? r["workers"]}: {r["errorSamples"]!.ToJsonString()}");
        Console.Write(sb.ToString());
        return 0;
    }
}
