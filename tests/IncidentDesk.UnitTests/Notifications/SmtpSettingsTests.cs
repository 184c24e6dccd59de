using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IncidentDesk.Api.Notifications;
using MailKit.Security;
using Microsoft.Extensions.Configuration;

namespace IncidentDesk.UnitTests.Notifications;

public sealed class SmtpSettingsTests
{
    private static SmtpSettings Read(params (string Key, string? Value)[] values) =>
        SmtpSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value))).Build());

    private static X509Certificate2 SelfSigned(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadCertificate(cert.RawData);
    }

    [Fact]
    public void Without_security_settings_there_is_no_TLS_as_before_and_StartTls_true_asks_for_STARTTLS()
    {
        Assert.Equal(SecureSocketOptions.None, Read(("Smtp:Host", "mail.example.co.jp")).Security);
        Assert.Equal(25, Read(("Smtp:Host", "mail.example.co.jp")).Port);
        Assert.Equal(SecureSocketOptions.StartTls, Read(("Smtp:StartTls", "true")).Security);
    }

    [Theory]
    [InlineData("None", SecureSocketOptions.None, 25)]
    [InlineData("StartTls", SecureSocketOptions.StartTls, 25)]
    [InlineData("starttlswhenavailable", SecureSocketOptions.StartTlsWhenAvailable, 25)]
    [InlineData("Tls", SecureSocketOptions.SslOnConnect, 465)]
    public void Smtp_Security_names_the_TLS_mode_and_implicit_TLS_defaults_to_port_465(string value, SecureSocketOptions expected, int port)
    {
        var settings = Read(("Smtp:Security", value), ("Smtp:StartTls", "true"));

        Assert.Equal(expected, settings.Security);
        Assert.Equal(port, settings.Port);
    }

    [Fact]
    public void An_unknown_security_mode_stops_the_app_rather_than_sending_in_the_clear() =>
        Assert.Contains("Smtp:Security", Assert.Throws<InvalidOperationException>(() => Read(("Smtp:Security", "ssl3"))).Message);

    [Fact]
    public void The_sender_may_have_a_Japanese_name()
    {
        var from = Read(("Smtp:From", "インシデント窓口 <desk@example.co.jp>")).From;

        Assert.Equal("インシデント窓口", from.Name);
        Assert.Equal("desk@example.co.jp", from.Address);
    }

    [Fact]
    public void A_certificate_the_system_does_not_trust_passes_only_when_it_chains_to_the_configured_one_and_names_the_host()
    {
        using var server = SelfSigned("localhost");
        using var other = SelfSigned("localhost");
        var dir = Directory.CreateTempSubdirectory("smtp-cert-");
        try
        {
            var pem = Path.Combine(dir.FullName, "server.pem");
            File.WriteAllText(pem, server.ExportCertificatePem());
            var pinned = Read(("Smtp:TrustedCertificate", pem));
            var plain = Read();

            Assert.True(plain.Accepts(server, SslPolicyErrors.None));
            Assert.False(plain.Accepts(server, SslPolicyErrors.RemoteCertificateChainErrors));
            Assert.True(pinned.Accepts(server, SslPolicyErrors.RemoteCertificateChainErrors));
            Assert.False(pinned.Accepts(other, SslPolicyErrors.RemoteCertificateChainErrors));
            Assert.False(pinned.Accepts(server, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch));
            Assert.False(pinned.Accepts(null, SslPolicyErrors.RemoteCertificateNotAvailable));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
