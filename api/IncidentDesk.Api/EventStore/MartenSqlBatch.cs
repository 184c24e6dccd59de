using System.Text;
using System.Text.RegularExpressions;
using Marten;

namespace IncidentDesk.Api.EventStore;

/// <summary>
/// <see cref="ISqlBatch"/> on a Marten unit of work (<c>QueueSqlCommand</c>): the SQL commits with the events.
/// Marten binds parameters by position, one value per placeholder, so <c>$n</c> references (which projections
/// repeat) are expanded here into one placeholder and one value each.
/// </summary>
internal sealed partial class MartenSqlBatch(IDocumentOperations operations) : ISqlBatch
{
    // A character no statement of ours contains: '?' (Marten's default) is also a jsonb operator.
    private const char Placeholder = '\u00a4';

    public void Add(string sql, params object?[] parameters)
    {
        var (text, values) = Expand(sql, parameters);
        operations.QueueSqlCommand(Placeholder, text, values);
    }

    internal static (string Sql, object[] Values) Expand(string sql, object?[] parameters)
    {
        if (sql.Contains(Placeholder))
            throw new ArgumentException($"SQL must not contain U+00A4: {sql}", nameof(sql));
        var values = new List<object>();
        var text = Reference().Replace(sql, m =>
        {
            var n = int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            if (n < 1 || n > parameters.Length)
                throw new ArgumentException($"${n} has no parameter ({parameters.Length} given): {sql}", nameof(sql));
            // Marten turns null into DBNull itself; the array is typed object[] (non-nullable) by its signature.
            values.Add(parameters[n - 1]!);
            return Placeholder.ToString();
        });
        return (text, values.ToArray());
    }

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex Reference();
}
