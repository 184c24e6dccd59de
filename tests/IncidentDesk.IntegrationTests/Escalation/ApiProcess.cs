using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Escalation;

/// <summary>
/// The real API as a separate OS process (<c>dotnet IncidentDesk.Api.dll --urls http://127.0.0.1:port</c>) on a
/// test database, configured as <see cref="EscalationNode.Settings"/> configures an in-memory node (timers and
/// delivery on, mail to the shared maildev), with its admin signed in. Unlike several in-memory apps, which live in
/// one process, two of these are two nodes as in production (two Hangfire servers, two relays, two dispatchers),
/// and <see cref="Kill"/> ends one the way a crash does (SIGKILL: no shutdown code runs).
/// Everything the process writes to stdout and stderr is kept; <see cref="Log"/> and <see cref="FailWithLogs"/>
/// put it in failure messages.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private const string AssemblyName = "IncidentDesk.Api";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Inherited variables that would configure the app behind the test's back; the test sets its own.</summary>
    private static readonly string[] AppVariablePrefixes =
        ["ConnectionStrings__", "IncidentDesk__", "Notifications__", "Smtp__", "Hangfire__", "INCIDENTDESK_ADMIN_"];

    private readonly Process process;
    private readonly StringBuilder log = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();

    private ApiProcess(string name, Process process, Uri baseUrl)
    {
        Name = name;
        this.process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>A label for messages ("A", "B").</summary>
    public string Name { get; }

    public Uri BaseUrl { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>The admin (INCIDENTDESK_ADMIN_EMAIL / PASSWORD), signed in against this process.</summary>
    public ApiClient Admin { get; private set; } = null!;

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved, each line with the test's clock.</summary>
    public string Log
    {
        get
        {
            lock (log) return log.ToString();
        }
    }

    /// <summary>
    /// Starts the API on a free port and waits for /health/ready, then signs the admin in. The process is
    /// configured only through environment variables, as deploy/ and tests/run.sh start it: the connection
    /// string, the first admin, the repository's playbooks/, and <see cref="EscalationNode.Settings"/> with
    /// <paramref name="extra"/> on top (configuration keys; "A:B" becomes A__B).
    /// </summary>
    public static async Task<ApiProcess> StartAsync(TestDatabase database, string name, IReadOnlyDictionary<string, string?>? extra = null)
    {
        // The port is free when asked but nothing reserves it: if another process takes it first, try another.
        for (var attempt = 1; ; attempt++)
        {
            var api = Launch(database, name, extra);
            try
            {
                await api.WaitUntilReadyAsync();
                api.Admin = await api.SignInAdminAsync();
                return api;
            }
            catch (PortTaken) when (attempt < 3)
            {
                await api.DisposeAsync();
            }
            catch
            {
                await api.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Two processes started together on the (empty) database, as two nodes deployed at once: the migrations, the
    /// first admin and Hangfire's schema each go to whichever gets there first. If one fails, the other is killed.
    /// </summary>
    public static async Task<(ApiProcess A, ApiProcess B)> StartTwoAsync(TestDatabase database, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var startA = StartAsync(database, "A", extra);
        var startB = StartAsync(database, "B", extra);
        try
        {
            await Task.WhenAll(startA, startB);
        }
        catch
        {
            if (startA.IsCompletedSuccessfully) await (await startA).DisposeAsync();
            if (startB.IsCompletedSuccessfully) await (await startB).DisposeAsync();
            throw;
        }
        return (await startA, await startB);
    }

    /// <summary>SIGKILL (the whole process tree): no graceful shutdown, no Hangfire server deregistration, no flushing.</summary>
    public void Kill()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit(); // also drains the redirected output
        Append("harness", $"killed (SIGKILL) after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>A failure whose message carries what each process logged (the last lines of each).</summary>
    public static WithLogs FailWithLogs(Exception failure, params ApiProcess?[] processes)
    {
        if (failure is WithLogs already) return already;
        var message = new StringBuilder(failure.Message);
        foreach (var p in processes.OfType<ApiProcess>())
        {
            var lines = p.Log.Split('\n');
            message.Append(CultureInfo.InvariantCulture, $"\n\n---- API process {p.Name} (pid {p.Pid}, {p.BaseUrl}), last {Math.Min(lines.Length, 150)} of {lines.Length} lines ----\n");
            message.AppendJoin('\n', lines.TakeLast(150));
        }
        return new WithLogs(message.ToString(), failure);
    }

    /// <summary>A test failure with the processes' logs attached.</summary>
    public sealed class WithLogs(string message, Exception inner) : Xunit.Sdk.XunitException(message, inner);

    public Task CreateChainAsync(params string[] emails) => Admin.CreateDefaultChainAsync(emails);

    public Task SetAckSecondsAsync(int ackSeconds) => Admin.SetUnratedAckSecondsAsync(ackSeconds);

    public ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static ApiProcess Launch(TestDatabase database, string name, IReadOnlyDictionary<string, string?>? extra)
    {
        var dll = ApiDll();
        var baseUrl = new Uri($"http://127.0.0.1:{EscalationNode.ClosedPort()}");
        var info = new ProcessStartInfo(DotnetHost())
        {
            // The API reads appsettings.json from its content root, the working directory.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));
        foreach (var key in info.Environment.Keys.Where(k => AppVariablePrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
            info.Environment.Remove(key);

        var settings = EscalationNode.Settings(extra);
        settings["ConnectionStrings:IncidentDesk"] = database.ConnectionString;
        settings["IncidentDesk:PlaybooksPath"] = Path.Combine(RepositoryRoot(), "playbooks");
        // One line per entry with a timestamp, so a failure message reads as a timeline.
        settings["Logging:Console:FormatterName"] = "simple";
        settings["Logging:Console:FormatterOptions:SingleLine"] = "true";
        settings["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ";
        foreach (var (key, value) in settings)
        {
            if (value is null) info.Environment.Remove(key.Replace(":", "__"));
            else info.Environment[key.Replace(":", "__")] = value;
        }
        info.Environment["INCIDENTDESK_ADMIN_EMAIL"] = IncidentDeskFactory.AdminEmail;
        info.Environment["INCIDENTDESK_ADMIN_PASSWORD"] = IncidentDeskFactory.AdminPassword;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var api = new ApiProcess(name, process, baseUrl);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) api.Append("out", e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) api.Append("err", e.Data); };
        api.Append("harness", $"{info.FileName} {string.Join(' ', info.ArgumentList)} (cwd {info.WorkingDirectory})");
        if (!process.Start()) throw new InvalidOperationException($"could not start {info.FileName} {dll}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return api;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + ReadyTimeout;
        string last = "no answer yet";
        while (true)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                if (Log.Contains("address already in use", StringComparison.OrdinalIgnoreCase)) throw new PortTaken();
                throw FailWithLogs(new InvalidOperationException($"API process {Name} exited with code {process.ExitCode} before {BaseUrl}health/ready answered"), this);
            }
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Append("harness", $"ready after {clock.Elapsed.TotalSeconds:0.0} s");
                    return;
                }
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            if (DateTime.UtcNow > until)
                throw FailWithLogs(new TimeoutException($"API process {Name} was not ready at {BaseUrl}health/ready within {ReadyTimeout.TotalSeconds} s (last: {last})"), this);
            await Task.Delay(100);
        }
    }

    /// <summary>A browser-like client (cookie jar, no redirects) at this process, signed in as the admin.</summary>
    private async Task<ApiClient> SignInAdminAsync()
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false };
        var admin = new ApiClient(new HttpClient(handler) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) }, null);
        try
        {
            var login = (await admin.LoginAsync(IncidentDeskFactory.AdminEmail, IncidentDeskFactory.AdminPassword)).Expect(200);
            admin.Account = new TestAccount(login.Json.Guid("id"), IncidentDeskFactory.AdminEmail, IncidentDeskFactory.AdminPassword,
                login.Json.Str("displayName"), "Admin");
            if (admin.XsrfToken is null) throw new InvalidOperationException($"the login at {BaseUrl} set no {ApiClient.XsrfCookie} cookie");
            return admin;
        }
        catch (Exception e)
        {
            admin.Dispose();
            throw FailWithLogs(e, this);
        }
    }

    private void Append(string stream, string line)
    {
        lock (log) log.Append(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,7:0.000} {stream}] {line}\n");
    }

    /// <summary>
    /// The API's entry assembly as this build made it. The test project references the API project, so the
    /// build copies IncidentDesk.Api.dll with its runtimeconfig.json and deps.json next to the tests; failing
    /// that, the API project's own output for the same configuration. Never skipped: not finding it fails.
    /// </summary>
    public static string ApiDll()
    {
        static bool Runnable(string folder) =>
            new[] { ".dll", ".runtimeconfig.json", ".deps.json" }.All(ext => File.Exists(Path.Combine(folder, AssemblyName + ext)));

        var configuration = typeof(ApiProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var candidates = new[]
        {
            AppContext.BaseDirectory,
            Path.Combine(RepositoryRoot(), "api", AssemblyName, "bin", configuration, "net10.0"),
        };
        return candidates.FirstOrDefault(Runnable) is { } found
            ? Path.GetFullPath(Path.Combine(found, AssemblyName + ".dll"))
            : throw new InvalidOperationException(
                $"{AssemblyName}.dll with its .runtimeconfig.json and .deps.json was found in none of: {string.Join(", ", candidates)}. " +
                $"Build the API first (dotnet build api/{AssemblyName} -c {configuration}).");
    }

    /// <summary>The folder holding IncidentDesk.sln, above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "IncidentDesk.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no IncidentDesk.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>The dotnet host running these tests (the SDK sets DOTNET_HOST_PATH), else dotnet on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }

    private sealed class PortTaken : Exception;
}
