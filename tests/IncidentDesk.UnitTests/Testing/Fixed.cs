namespace IncidentDesk.UnitTests.Testing;

/// <summary>
/// The fixed clock and accounts every test shares, so expected events can be written out in full. Decide
/// functions take time and ids as inputs (architecture guide, style 3-4), so nothing here is ever "now".
/// </summary>
public static class Fixed
{
    public static readonly Guid IncidentId = Guid.Parse("01930000-0000-7000-8000-000000000001");
    public static readonly Guid Reporter = Guid.Parse("01930000-0000-7000-8000-0000000000a1");
    public static readonly Guid Responder = Guid.Parse("01930000-0000-7000-8000-0000000000b1");
    public static readonly Guid OtherResponder = Guid.Parse("01930000-0000-7000-8000-0000000000b2");
    public static readonly Guid Owner = Guid.Parse("01930000-0000-7000-8000-0000000000c1");
    public static readonly Guid OtherOwner = Guid.Parse("01930000-0000-7000-8000-0000000000c2");
    public static readonly Guid NoteId = Guid.Parse("01930000-0000-7000-8000-0000000000d1");

    public const string Reference = "INC-2026-0042";

    /// <summary>When the reporter noticed something; the report is filed ten minutes later.</summary>
    public static readonly DateTimeOffset NoticedAt = new(2026, 11, 20, 8, 50, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset ReportedAt = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The moment every command in a test is decided; later than anything in a given history.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 1, 2, 3, TimeSpan.Zero);

    /// <summary>A point in a given history, <paramref name="minutes"/> after the report was filed.</summary>
    public static DateTimeOffset T(int minutes) => ReportedAt.AddMinutes(minutes);
}
