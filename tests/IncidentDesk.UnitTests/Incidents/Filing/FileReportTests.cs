using IncidentDesk.Api.Incidents;
using IncidentDesk.Api.Incidents.Filing;
using IncidentDesk.UnitTests.Testing;
using static IncidentDesk.UnitTests.Testing.Fixed;

namespace IncidentDesk.UnitTests.Incidents.Filing;

public sealed class FileReportTests
{
    private static FileReportRequest Request(
        Category? category = Category.C1, string? summary = "PC shows a ransom note", DateTimeOffset? noticedAt = null,
        string? contact = "ext. 1234", string? deviceId = "PC-0815", bool? personalData = null, bool? disconnected = true) =>
        new(category, summary, noticedAt ?? NoticedAt, contact, deviceId, personalData, disconnected);

    private static IncidentReported File(FileReportRequest body) => FileReportHandler.Decide(FileReportHandler.Validate(body, Now), IncidentId, Reference, Reporter, Now);

    [Fact]
    public void Filing_a_report_records_what_the_reporter_said_and_when()
    {
        var e = File(Request(summary: "  PC shows a ransom note \n", contact: " ext. 1234 ", deviceId: " PC-0815 ", personalData: true));

        Assert.Equal(EventJson.Describe([new IncidentReported(IncidentId, Reference, Category.C1, "PC shows a ransom note", NoticedAt,
            "ext. 1234", "PC-0815", true, true, Reporter, Now)]), EventJson.Describe([e]));
    }

    [Fact]
    public void A_filed_report_starts_in_detection_with_nothing_assessed()
    {
        var s = Incident.Evolve(null, File(Request()));

        Assert.Equal(Stage.Detection, s.Stage);
        Assert.Equal(Reporter, s.ReporterId);
        Assert.Equal(Now, s.ReportedAt);
        Assert.Equal(Now, s.UpdatedAt);
        Assert.Null(s.AcknowledgedAt);
        Assert.Null(s.Severity);
        Assert.Null(s.OwnerId);
        Assert.Empty(s.Notes);
        Assert.Equal(Stage.Triage, s.NextStage);
    }

    [Fact]
    public void Only_category_summary_and_noticed_at_are_needed()
    {
        var body = new FileReportRequest(Category.Unknown, "odd pop-up", NoticedAt, null, null, null, null);

        Validation.Passes(() => FileReportHandler.Validate(body, Now));
        Assert.Equal(EventJson.Describe([new IncidentReported(IncidentId, Reference, Category.Unknown, "odd pop-up", NoticedAt,
            null, null, false, null, Reporter, Now)]), EventJson.Describe([File(body)]));
    }

    [Fact]
    public void Blank_contact_and_device_are_stored_as_missing()
    {
        var e = File(Request(contact: "   ", deviceId: ""));

        Assert.Null(e.Contact);
        Assert.Null(e.DeviceId);
    }

    [Theory]
    [InlineData(Category.C1, true, true)]
    [InlineData(Category.C1, false, false)]
    [InlineData(Category.C2, true, true)]
    [InlineData(Category.C2, false, false)]
    [InlineData(Category.C1, null, null)]
    [InlineData(Category.C3, true, null)]
    [InlineData(Category.C4, true, null)]
    [InlineData(Category.C5, false, null)]
    [InlineData(Category.C6, true, null)]
    [InlineData(Category.C7, true, null)]
    [InlineData(Category.C8, true, null)]
    [InlineData(Category.C9, true, null)]
    [InlineData(Category.C10, true, null)]
    [InlineData(Category.Unknown, true, null)]
    public void Disconnected_from_network_is_kept_only_for_malware_and_ransomware(Category category, bool? answered, bool? kept)
    {
        Assert.Equal(kept, File(Request(category, disconnected: answered)).DisconnectedFromNetwork);
    }

    [Fact]
    public void A_noticed_at_slightly_ahead_of_the_server_clock_is_recorded_as_now()
    {
        Assert.Equal(Now, File(Request(noticedAt: Now.AddMinutes(4))).NoticedAt);
    }

    [Fact]
    public void Noticed_at_is_stored_in_UTC()
    {
        var tokyo = new DateTimeOffset(2026, 11, 20, 17, 50, 0, TimeSpan.FromHours(9));

        var e = File(Request(noticedAt: tokyo));

        Assert.Equal(NoticedAt, e.NoticedAt);
        Assert.Equal(TimeSpan.Zero, e.NoticedAt.Offset);
    }

    // Validation (400)

    [Fact]
    public void A_full_report_is_valid() => Validation.Passes(() => FileReportHandler.Validate(Request(), Now));

    [Fact]
    public void Category_summary_and_noticed_at_are_required()
    {
        Validation.Fails(() => FileReportHandler.Validate(new FileReportRequest(null, null, null, null, null, null, null), Now),
            "category", "summary", "noticedAt");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_summary_is_refused(string summary) =>
        Validation.Fails(() => FileReportHandler.Validate(Request(summary: summary), Now), "summary");

    [Fact]
    public void A_summary_may_have_up_to_4000_characters()
    {
        Validation.Passes(() => FileReportHandler.Validate(Request(summary: new string('s', 4000)), Now));
        Validation.Fails(() => FileReportHandler.Validate(Request(summary: new string('s', 4001)), Now), "summary");
    }

    [Fact]
    public void Noticed_at_may_be_up_to_five_minutes_ahead_for_clock_skew_but_not_further()
    {
        Validation.Passes(() => FileReportHandler.Validate(Request(noticedAt: Now.AddMinutes(5)), Now));
        Validation.Fails(() => FileReportHandler.Validate(Request(noticedAt: Now.AddMinutes(5).AddSeconds(1)), Now), "noticedAt");
        Validation.Fails(() => FileReportHandler.Validate(Request(noticedAt: Now.AddDays(1)), Now), "noticedAt");
    }

    [Fact]
    public void Noticed_at_more_than_ten_years_ago_is_refused()
    {
        Validation.Passes(() => FileReportHandler.Validate(Request(noticedAt: Now.AddYears(-10)), Now));
        Validation.Fails(() => FileReportHandler.Validate(Request(noticedAt: Now.AddYears(-10).AddSeconds(-1)), Now), "noticedAt");
    }

    [Fact]
    public void Contact_may_have_up_to_200_characters_and_device_id_100()
    {
        Validation.Passes(() => FileReportHandler.Validate(Request(contact: new string('c', 200), deviceId: new string('d', 100)), Now));
        Validation.Fails(() => FileReportHandler.Validate(Request(contact: new string('c', 201), deviceId: new string('d', 101)), Now),
            "contact", "deviceId");
    }
}
