using System.Text.Json.Serialization;

namespace IncidentDesk.Api.Common;

/// <summary>C1–C10 of the seeds digest §5, plus "unknown" for a reporter who cannot tell.</summary>
public enum Category
{
    [JsonStringEnumMemberName("C1")] C1, // malware infection
    [JsonStringEnumMemberName("C2")] C2, // ransomware
    [JsonStringEnumMemberName("C3")] C3, // targeted mail, phishing, BEC
    [JsonStringEnumMemberName("C4")] C4, // lost or stolen device or media
    [JsonStringEnumMemberName("C5")] C5, // eavesdropping, shoulder surfing
    [JsonStringEnumMemberName("C6")] C6, // unauthorised access
    [JsonStringEnumMemberName("C7")] C7, // misuse of external, cloud or SNS services
    [JsonStringEnumMemberName("C8")] C8, // mis-sent information
    [JsonStringEnumMemberName("C9")] C9, // insider or contractor leakage
    [JsonStringEnumMemberName("C10")] C10, // system failure, disaster, outage
    [JsonStringEnumMemberName("unknown")] Unknown,
}

/// <summary>検知・初動・分析・復旧・再発防止 (seeds 000:1333-1394), then closed.</summary>
public enum Stage { Detection, Triage, Analysis, Recovery, Prevention, Closed }

public enum Severity { Low = 1, Medium = 2, High = 3, Critical = 4 }

/// <summary>公開 / 業務 / 機密 (seeds 003:458-466).</summary>
public enum InfoClass { Public = 1, Business = 2, Confidential = 3 }

/// <summary>軽微 / 重大 / 極めて重大 (seeds 001:1935-2101).</summary>
public enum Impact { Minor = 1, Serious = 2, ExtremelySerious = 3 }

public enum MeasureDecision { Done, WillDo, NotNeeded }

public static class SeverityRule
{
    /// <summary>
    /// The higher of information class and impact (each 1..3 → low..high), raised one level when personal
    /// data is involved or users may be harmed (seeds digest §7, [derived]; personal data triggers the
    /// notification duties of §4). Critical is reachable only through that raise.
    /// </summary>
    public static Severity Derive(InfoClass info, Impact impact, bool personalData, bool usersMayBeHarmed)
    {
        var level = Math.Max((int)info, (int)impact);
        if (personalData || usersMayBeHarmed) level++;
        return (Severity)Math.Min(level, (int)Severity.Critical);
    }
}
