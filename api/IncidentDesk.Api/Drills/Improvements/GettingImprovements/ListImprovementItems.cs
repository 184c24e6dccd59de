using IncidentDesk.Api.Common;
using MediatR;
using Npgsql;
using NpgsqlTypes;

namespace IncidentDesk.Api.Drills.Improvements.GettingImprovements;

/// <summary>One line of the improvement list: what, owner, due date and status (overdue when past due and not done).</summary>
public sealed record ImprovementItemSummary(
    Guid Id, long Version, string Title, Guid OwnerId, string? OwnerName, DateOnly DueDate, ImprovementStatus Status, bool Overdue,
    Guid? RunId, string? ScenarioId, Guid? ExerciseId, string? ExpectedActionId, string? ContactPerson, string? PlaybookId, string? StepId,
    Guid? RetestRunId, Guid? RetestExerciseId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ImprovementItemList(IReadOnlyList<ImprovementItemSummary> Items);

/// <summary>
/// Filters: <paramref name="Status"/> (a status, or "active" for open and in-progress), owner, the run or scenario or exercise
/// the items came from, <paramref name="Mine"/>. Reporters see only the items they own. Active first, soonest due first.
/// </summary>
public sealed record ListImprovementItems(
    Caller Caller, string? Status, Guid? OwnerId, Guid? RunId, string? ScenarioId, Guid? ExerciseId, bool Mine) : IRequest<ImprovementItemList>;

internal sealed class ListImprovementItemsHandler(NpgsqlDataSource db, ImprovementFacts facts) : IRequestHandler<ListImprovementItems, ImprovementItemList>
{
    public const int Limit = 500;

    public async Task<ImprovementItemList> Handle(ListImprovementItems q, CancellationToken ct)
    {
        if (q.Status is not null && q.Status != "active") EnumNames.ParseQuery<ImprovementStatus>("status", q.Status);
        if (q.ScenarioId is { Length: > 100 }) throw ValidationFailed.For("scenarioId", "must be at most 100 characters");
        var owner = q.Mine || !q.Caller.SeesAllIncidents ? q.Caller.Id : q.OwnerId;
        if (!q.Caller.SeesAllIncidents && q.OwnerId is { } other && other != q.Caller.Id)
            return new ImprovementItemList([]);
        var today = ImprovementRules.Today(DateTimeOffset.UtcNow, await facts.ZoneAsync(ct));
        await using var cmd = db.CreateCommand(
            "select i.item_id, i.version, i.title, i.owner_id, u.display_name, i.due_date, i.status, i.run_id, i.scenario_id, i.exercise_id, " +
            "i.expected_action_id, i.contact_person, i.playbook_id, i.step_id, i.retest_run_id, i.retest_exercise_id, i.created_at, i.updated_at " +
            "from improvement_items i left join users u on u.id = i.owner_id " +
            "where ($1::text is null or ($1 = 'active' and i.status in ('open', 'in-progress')) or i.status = $1) " +
            "and ($2::uuid is null or i.owner_id = $2) and ($3::uuid is null or i.run_id = $3) " +
            "and ($4::text is null or i.scenario_id = $4) and ($5::uuid is null or i.exercise_id = $5) " +
            "order by (i.status in ('open', 'in-progress')) desc, i.due_date asc, i.created_at desc " +
            $"limit {Limit}");
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)q.Status ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)owner ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)q.RunId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)q.ScenarioId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)q.ExerciseId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var items = new List<ImprovementItemSummary>();
        while (await r.ReadAsync(ct))
        {
            var status = EnumNames.Parse<ImprovementStatus>(r.GetString(6));
            var due = r.GetFieldValue<DateOnly>(5);
            items.Add(new ImprovementItemSummary(r.GetGuid(0), r.GetInt64(1), r.GetString(2), r.GetGuid(3), r.IsDBNull(4) ? null : r.GetString(4), due,
                status, status is ImprovementStatus.Open or ImprovementStatus.InProgress && due < today,
                N<Guid>(r, 7), S(r, 8), N<Guid>(r, 9), S(r, 10), S(r, 11), S(r, 12), S(r, 13), N<Guid>(r, 14), N<Guid>(r, 15),
                r.GetFieldValue<DateTimeOffset>(16), r.GetFieldValue<DateTimeOffset>(17)));
        }
        return new ImprovementItemList(items);
    }

    private static string? S(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static T? N<T>(NpgsqlDataReader r, int i) where T : struct => r.IsDBNull(i) ? null : r.GetFieldValue<T>(i);
}
