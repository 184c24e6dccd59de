namespace IncidentDesk.Api.Notifications;

/// <summary>
/// The marking every outgoing message of a tabletop drill carries (issue 11 §2): the subject prefix 【訓練/DRILL】 and a
/// first line saying it is a drill and not a real incident, in the recipient's language, plus a closing line, so a
/// message forwarded without its subject still says what it is. While a drill is in progress a real message says the
/// opposite (<see cref="MarkReal"/>), so nobody mistakes a real incident for part of the exercise.
/// </summary>
public static class DrillMarking
{
    public const string SubjectPrefix = "【訓練/DRILL】";

    public static string FirstLine(string language) => language == "en"
        ? "[DRILL] This message is part of a drill. It is not a real incident."
        : "【訓練】これは訓練のメッセージです。実際のインシデントではありません。";

    public static string LastLine(string language) => language == "en"
        ? "-- End of drill message. Do not forward it outside the drill."
        : "-- 訓練のメッセージはここまでです。訓練の参加者以外に転送しないでください。";

    public static string RealLine(string language) => language == "en"
        ? "[REAL] This is a REAL incident, not a drill. A drill is in progress at the same time."
        : "【実案件】これは実際のインシデントです（訓練ではありません）。現在、別に訓練が実施中です。";

    /// <summary>Marks a drill message; marking a marked message changes nothing (the dispatcher marks again as a safety net).</summary>
    public static (string Subject, string Body) Mark(string subject, string body, string language) => (
        subject.StartsWith(SubjectPrefix, StringComparison.Ordinal) ? subject : $"{SubjectPrefix} {subject}",
        IsMarkedBody(body, language) ? body : $"{FirstLine(language)}\n\n{body.TrimEnd('\n')}\n\n{LastLine(language)}\n");

    /// <summary>Marks a real message sent while a drill is in progress; idempotent like <see cref="Mark"/>.</summary>
    public static string MarkReal(string body, string language) =>
        body.StartsWith(RealLine(language), StringComparison.Ordinal) ? body : $"{RealLine(language)}\n\n{body}";

    public static bool IsMarked(string subject, string body, string language) =>
        subject.StartsWith(SubjectPrefix, StringComparison.Ordinal) && IsMarkedBody(body, language);

    private static bool IsMarkedBody(string body, string language) => body.StartsWith(FirstLine(language), StringComparison.Ordinal);
}
