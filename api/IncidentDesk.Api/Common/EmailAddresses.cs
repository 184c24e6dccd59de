using MimeKit;

namespace IncidentDesk.Api.Common;

/// <summary>E-mail addresses as IncidentDesk stores them: parsed by MimeKit, the library that later sends to them.</summary>
public static class EmailAddresses
{
    private static readonly ParserOptions Strict = new()
    {
        AllowAddressesWithoutDomain = false,
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowUnquotedCommasInAddresses = false,
    };

    /// <summary>
    /// A bare address (local@domain) exactly as written: MimeKit also parses "Name &lt;a@b&gt;", lists and comments, but only
    /// a bare address may be stored, logged in with, and mailed to.
    /// </summary>
    public static bool IsBare(string value) =>
        value.Length > 0 && !value.Any(char.IsWhiteSpace) && value.Count(c => c == '@') == 1
        && MailboxAddress.TryParse(Strict, value, out var parsed) && string.IsNullOrEmpty(parsed.Name) && parsed.Address == value
        && parsed.Address.IndexOf('@') is > 0 and var at && at < parsed.Address.Length - 1;
}
