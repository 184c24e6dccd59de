using Microsoft.Net.Http.Headers;

namespace IncidentDesk.Api.Common;

/// <summary>The stream version travels as a strong ETag ("7"); commands must send it back in If-Match.</summary>
public static class Versions
{
    public static string ETag(long version) => $"\"{version}\"";

    public static long ExpectedFrom(HttpRequest request)
    {
        var raw = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(raw))
            throw ValidationFailed.For("If-Match", "is required: send the ETag of the version you read");
        if (EntityTagHeaderValue.TryParse(raw, out var tag) &&
            long.TryParse(tag.Tag.AsSpan().Trim('"'), out var version) && version >= 1)
            return version;
        throw ValidationFailed.For("If-Match", "must be the ETag of the version you read, like \"3\"");
    }

    public static void SetETag(HttpResponse response, long version) => response.Headers.ETag = ETag(version);
}
