using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IncidentDesk.IntegrationTests.Infrastructure;

namespace IncidentDesk.IntegrationTests.Escalation;

/// <summary>
/// A private maildev that speaks SMTP over implicit TLS (a self-signed certificate made here for 127.0.0.1) and wants
/// SMTP AUTH; the node trusts that certificate through Smtp:TrustedCertificate and logs in with Smtp:User/Password.
/// </summary>
public sealed class SecureSmtpFixture : EscalationFixture, IDisposable
{
    public const string User = "incidentdesk";
    public const string Password = "smtp-secret-for-the-tests";

    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("incidentdesk-smtps-");
    private readonly Process sink;

    public SecureSmtpFixture()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        CertificatePath = Path.Combine(dir.FullName, "cert.pem");
        File.WriteAllText(CertificatePath, cert.ExportCertificatePem());
        var key = Path.Combine(dir.FullName, "key.pem");
        File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());

        SmtpPort = EscalationNode.ClosedPort();
        var webPort = EscalationNode.ClosedPort();
        var bin = Mailbox.Required(Mailbox.BinVariable);
        var info = new ProcessStartInfo(bin)
        {
            ArgumentList =
            {
                "--smtp", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--web", webPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1",
                "--incoming-secure", "--incoming-cert", CertificatePath, "--incoming-key", key,
                "--incoming-user", User, "--incoming-pass", Password,
            },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        sink = Process.Start(info) ?? throw new InvalidOperationException($"could not start {bin}");
        sink.OutputDataReceived += (_, _) => { };
        sink.ErrorDataReceived += (_, _) => { };
        sink.BeginOutputReadLine();
        sink.BeginErrorReadLine();
        SecureMail = new Mailbox($"http://127.0.0.1:{webPort}");
    }

    public int SmtpPort { get; }

    public string CertificatePath { get; }

    public Mailbox SecureMail { get; }

    public override int AckSeconds => 600;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Smtp:Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "Tls", ["Smtp:TrustedCertificate"] = CertificatePath,
        ["Smtp:User"] = User, ["Smtp:Password"] = Password,
    };

    public void Dispose()
    {
        SecureMail.Dispose();
        try
        {
            if (!sink.HasExited) sink.Kill(entireProcessTree: true);
            sink.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        sink.Dispose();
        dir.Delete(recursive: true);
    }
}

[Collection(EscalationCollection.Name)]
public sealed class SecureSmtpTests(SecureSmtpFixture app) : IClassFixture<SecureSmtpFixture>
{
    [Fact]
    public async Task Mail_goes_over_implicit_TLS_with_SMTP_AUTH_to_a_server_whose_certificate_is_configured()
    {
        await EscalationNode.EventuallyAsync(async () =>
        {
            try { return (await app.SecureMail.ToAsync("nobody@escalation.test")).Count >= 0; }
            catch (HttpRequestException) { return false; }
        }, up => up, TimeSpan.FromSeconds(20), "the TLS maildev to start");

        var (incident, email) = await JapaneseContact.ReportAsync(app.Node, "C6", "不正ログインの通知");

        var delivery = await JapaneseContact.DeliveredAsync(app.Node, incident, email);
        Assert.Equal("smtp", delivery.Str("transport"));
        Assert.Equal(1, delivery.Long("attempts"));
        var mail = Assert.Single(await app.SecureMail.WaitForAsync(email, TimeSpan.FromSeconds(10)));
        Assert.Equal(JapaneseContact.Name, mail["to"]![0]!.Str("name"));
        Assert.Equal(delivery.Str("subject"), Mailbox.Subject(mail));
        // Nothing of it reached the shared plain-text sink.
        Assert.Empty(await app.Mail.ToAsync(email));
    }
}
