using System.Text;
using IncidentDesk.Api.Common;
using Npgsql;

namespace IncidentDesk.Api.Incidents.Filing;

/// <summary>An earlier report that a new one is compared with.</summary>
public sealed record EarlierReport(Guid Id, string Reference, string Summary, DateTimeOffset ReportedAt);

/// <summary>
/// A possible duplicate report (issue 9 §5): the same reporter filed a report of the same category within the
/// previous hour whose text is nearly the same. "Nearly the same" is the Dice coefficient of the two texts'
/// character bigram sets, after NFKC normalisation, lower-casing and dropping everything that is not a letter or a
/// digit (spaces, punctuation, full-width forms), at <see cref="Threshold"/> or more. Character bigrams (as pg_bigm
/// uses for Japanese) work for Japanese, which has no spaces between words, as well as for English; pg_trgm's word
/// trigrams, whose letters depend on the database locale, score the first pair below 0.71. Measured: 「PCの画面に身代金を要求するメッセージが
/// 出ました」 against 「…が表示されました」 0.86; 「共有フォルダのファイルが暗号化されました」 against 「…されています」 0.82;
/// "Ransom note on the file server" against "Laptop left on the train" 0.34; 「ノートPCを電車に置き忘れました」
/// against 「スマホを電車に置き忘れました」 0.71 (another device: not flagged).
/// </summary>
public static class PossibleDuplicates
{
    public const double Threshold = 0.8;

    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>The most similar earlier report at or above the threshold, if any. Pure.</summary>
    public static (EarlierReport Report, double Similarity)? Find(string summary, DateTimeOffset now, IEnumerable<EarlierReport> earlier) =>
        earlier
            .Where(e => e.ReportedAt <= now && now - e.ReportedAt <= Window)
            .Select(e => (Report: e, Similarity: Math.Round(Similarity(summary, e.Summary), 3)))
            .Where(x => x.Similarity >= Threshold)
            .OrderByDescending(x => x.Similarity).ThenByDescending(x => x.Report.ReportedAt)
            .Select(x => ((EarlierReport, double)?)x)
            .FirstOrDefault();

    /// <summary>Dice coefficient of the normalised texts' character bigram sets: 1 the same, 0 nothing shared.</summary>
    public static double Similarity(string a, string b)
    {
        var x = Bigrams(Normalise(a));
        var y = Bigrams(Normalise(b));
        if (x.Count == 0 || y.Count == 0) return 0;
        var shared = x.Count(y.Contains);
        return 2.0 * shared / (x.Count + y.Count);
    }

    internal static string Normalise(string text)
    {
        var s = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var kept = new StringBuilder(s.Length);
        foreach (var c in s)
            if (char.IsLetterOrDigit(c)) kept.Append(c);
        return kept.ToString();
    }

    private static HashSet<string> Bigrams(string s)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (s.Length == 1) set.Add(s);
        for (var i = 0; i + 1 < s.Length; i++) set.Add(s.Substring(i, 2));
        return set;
    }
}

/// <summary>The same reporter's reports of one category filed in the hour before <c>now</c> (index incident_board_reporter_reported).</summary>
public sealed class EarlierReports(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<EarlierReport>> ForAsync(Guid reporter, Category category, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(
            "select id, reference, summary, reported_at from incident_board " +
            // A real report is never flagged as a repeat of a drill's incident (issue 11 §2: drills kept apart).
            "where reporter_id = $1 and reported_at >= $2 and reported_at <= $3 and category = $4 and drill_run_id is null " +
            "order by reported_at desc limit 50");
        cmd.Parameters.Add(new NpgsqlParameter { Value = reporter });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now - PossibleDuplicates.Window });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now });
        cmd.Parameters.Add(new NpgsqlParameter { Value = EnumNames.Name(category) });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var found = new List<EarlierReport>();
        while (await r.ReadAsync(ct))
            found.Add(new EarlierReport(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3)));
        return found;
    }
}
