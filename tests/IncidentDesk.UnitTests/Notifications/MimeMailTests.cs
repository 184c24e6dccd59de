using IncidentDesk.Api.Notifications;
using MimeKit;

namespace IncidentDesk.UnitTests.Notifications;

public sealed class MimeMailTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly MailboxAddress From = MailboxAddress.Parse("IncidentDesk 事務局 <incidentdesk@example.co.jp>");

    private static OutgoingMessage Message(string body, string? ack = "https://desk.example.co.jp/ack/1?token=a%2Bb&x=1") =>
        new(Guid.Parse("01930000-0000-7000-8000-0000000000c1"), Guid.Parse("01930000-0000-7000-8000-0000000000a1"), "山田 花子 (営業部)",
            "hanako@example.co.jp", "ja", "【新規報告】INC-2026-0042 不審なメール・フィッシング", body, ack);

    private static MimeMessage RoundTrip(MimeMessage message)
    {
        using var bytes = new MemoryStream();
        message.WriteTo(bytes);
        bytes.Position = 0;
        return MimeMessage.Load(bytes);
    }

    [Fact]
    public void The_written_message_reads_back_with_the_exact_Japanese_name_subject_and_sender()
    {
        var read = RoundTrip(MimeMail.Build(Message("本文"), From, Now));

        Assert.Equal("山田 花子 (営業部)", Assert.IsType<MailboxAddress>(Assert.Single(read.To)).Name);
        Assert.Equal("【新規報告】INC-2026-0042 不審なメール・フィッシング", read.Subject);
        Assert.Equal("IncidentDesk 事務局", Assert.IsType<MailboxAddress>(Assert.Single(read.From)).Name);
        Assert.Equal("01930000-0000-7000-8000-0000000000c1", read.Headers[MimeMail.NotificationHeader]);
        Assert.Equal(Now, read.Date);
    }

    [Fact]
    public void Every_byte_on_the_wire_is_7_bit_so_no_server_needs_8BITMIME()
    {
        using var bytes = new MemoryStream();
        MimeMail.Build(Message("日本語の本文\n詳細: https://desk.example.co.jp/incidents/1\n"), From, Now).WriteTo(bytes);

        Assert.All(bytes.ToArray(), b => Assert.True(b < 0x80, $"byte 0x{b:x2} is not 7-bit"));
    }

    [Fact]
    public void The_text_part_ends_with_the_acknowledge_link_and_the_HTML_part_makes_it_a_link()
    {
        var read = RoundTrip(MimeMail.Build(Message("新しい報告です。\n\n詳細: https://desk.example.co.jp/incidents/1\n"), From, Now));

        var alternative = Assert.IsType<MultipartAlternative>(read.Body);
        Assert.Equal("新しい報告です。\n\n詳細: https://desk.example.co.jp/incidents/1\n\nワンクリックで受付確認（ログイン不要）: " +
                     "https://desk.example.co.jp/ack/1?token=a%2Bb&x=1\n", alternative.TextBody!.Replace("\r\n", "\n"));
        var html = alternative.HtmlBody!;
        Assert.Contains("<a href=\"https://desk.example.co.jp/ack/1?token=a%2Bb&amp;x=1\"", html);
        Assert.Contains(">ワンクリックで受付確認（ログイン不要）</a>", html);
        Assert.Contains("詳細: <a href=\"https://desk.example.co.jp/incidents/1\">https://desk.example.co.jp/incidents/1</a>", html);
        Assert.Contains("<html lang=\"ja\">", html);
    }

    [Fact]
    public void The_HTML_part_escapes_what_the_reporter_wrote()
    {
        var html = MimeMail.Html(Message("内容: <script>alert(\"x\")</script> & <b>太字</b>\n", ack: null));

        Assert.Contains("内容: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;太字&lt;/b&gt;", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("ワンクリック", html);
    }

    [Fact]
    public void An_address_MimeKit_cannot_take_fails_the_message_for_good()
    {
        var bad = Message("本文") with { Address = "not an address" };

        Assert.False(MimeMail.TryBuild(bad, From, Now, out _, out var refused));
        Assert.True(refused.Permanent);
        Assert.Contains("not an address", refused.Error);
    }
}
