using IncidentDesk.Api.Accounts;
using IncidentDesk.Api.EventStore;
using IncidentDesk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentDesk.IntegrationTests.EventStore;

/// <summary>
/// The one command path on Marten: versions as the client reads them, pinned streams that answer 412, unpinned
/// streams decided again, required streams that hold a decision. Account streams serve as the subject: their
/// events have no reactions, so what is counted is only what these tests append.
/// </summary>
public sealed class CommandPathTests(IncidentDeskApp app) : IClassFixture<IncidentDeskApp>
{
    private CommandPath Commands => app.Factory.Services.GetRequiredService<CommandPath>();

    [Fact]
    public async Task Appending_at_the_version_read_leaves_the_stream_at_that_version_plus_the_events_appended()
    {
        // Marten counts an append's expected version after the append; the command path converts once, here pinned.
        var user = await app.CreateAccountAsync("Reporter");
        var after = await Commands.RunAsync(user.Id, async work =>
        {
            var read = await work.LoadAsync<User>(user.Id, User.Evolve, CancellationToken.None);
            Assert.Equal(1, read!.Version);
            work.Append(user.Id, [Changed(user.Id, "en", work.Now), Changed(user.Id, "ja", work.Now)]);
            return work.VersionAfter(user.Id);
        }, CancellationToken.None);

        Assert.Equal(3, after);
        Assert.Equal(3, await app.Database.ScalarAsync("select version from mt_streams where id = $1", user.Id));
        Assert.Equal([1L, 2L, 3L], (await app.Database.TextRowsAsync(
            $"select version::text from mt_events where stream_id = '{user.Id}' order by version")).Select(long.Parse));
    }

    [Fact]
    public async Task A_pinned_stream_that_moved_is_a_conflict_naming_it_and_nothing_is_written()
    {
        var user = await app.CreateAccountAsync("Reporter");
        var before = await app.CountEventsAsync();

        var conflict = await Assert.ThrowsAsync<StreamVersionConflict>(() => Commands.RunAsync(user.Id, async work =>
        {
            // The client read version 1, but someone changed the account since: version 2.
            await MoveAsync(user.Id, "en");
            await work.LoadAsync<User>(user.Id, User.Evolve, CancellationToken.None, expectedVersion: 1);
            work.Append(user.Id, [Changed(user.Id, "ja", work.Now)]);
        }, CancellationToken.None));

        Assert.Equal(user.Id, conflict.StreamId);
        Assert.Equal(1, conflict.Expected);
        Assert.Equal(2, conflict.Actual);
        Assert.Equal(before + 1, await app.CountEventsAsync());
    }

    [Fact]
    public async Task A_pinned_stream_that_moves_between_the_read_and_the_commit_is_a_conflict_too()
    {
        var user = await app.CreateAccountAsync("Reporter");
        var before = await app.CountEventsAsync();
        var attempts = 0;

        var conflict = await Assert.ThrowsAsync<StreamVersionConflict>(() => Commands.RunAsync(user.Id, async work =>
        {
            attempts++;
            await work.LoadAsync<User>(user.Id, User.Evolve, CancellationToken.None, expectedVersion: 1);
            work.Append(user.Id, [Changed(user.Id, "en", work.Now)]);
            await MoveAsync(user.Id, "en");
        }, CancellationToken.None));

        Assert.Equal(1, attempts);
        Assert.Equal((user.Id, 1L, 2L), (conflict.StreamId, conflict.Expected, conflict.Actual));
        Assert.Equal(before + 1, await app.CountEventsAsync());
    }

    [Fact]
    public async Task An_unpinned_stream_that_moved_before_the_commit_is_decided_again_on_fresh_state()
    {
        var user = await app.CreateAccountAsync("Reporter");
        var versionsSeen = new List<long>();

        await Commands.RunAsync(user.Id, async work =>
        {
            var read = await work.LoadAsync<User>(user.Id, User.Evolve, CancellationToken.None);
            versionsSeen.Add(read!.Version);
            work.Append(user.Id, [Changed(user.Id, read.State.Language == "en" ? "ja" : "en", work.Now)]);
            if (versionsSeen.Count == 1) await MoveAsync(user.Id, "en"); // a concurrent change, once
        }, CancellationToken.None);

        Assert.Equal([1L, 2L], versionsSeen);
        Assert.Equal(3, await app.Database.ScalarAsync("select version from mt_streams where id = $1", user.Id));
        // Decided on the fresh state (en), so it switched back to ja.
        Assert.Equal("ja", (await app.Database.TextRowsAsync($"select language from users where id = '{user.Id}'")).Single());
    }

    [Fact]
    public async Task A_decision_that_required_another_stream_unchanged_is_decided_again_when_that_stream_moved()
    {
        var subject = await app.CreateAccountAsync("Reporter");
        var other = await app.CreateAccountAsync("Reporter");
        var attempts = 0;

        await Commands.RunAsync(subject.Id, async work =>
        {
            attempts++;
            await work.LoadAsync<User>(other.Id, User.Evolve, CancellationToken.None);
            work.Require(other.Id);
            await work.LoadAsync<User>(subject.Id, User.Evolve, CancellationToken.None);
            work.Append(subject.Id, [Changed(subject.Id, "en", work.Now)]);
            if (attempts == 1) await MoveAsync(other.Id, "en");
        }, CancellationToken.None);

        Assert.Equal(2, attempts);
        Assert.Equal(2, await app.Database.ScalarAsync("select version from mt_streams where id = $1", subject.Id));
    }

    [Fact]
    public async Task A_stream_that_keeps_moving_gives_up_after_the_bounded_attempts_with_a_conflict()
    {
        var user = await app.CreateAccountAsync("Reporter");
        var attempts = 0;

        await Assert.ThrowsAsync<StreamVersionConflict>(() => Commands.RunAsync(user.Id, async work =>
        {
            attempts++;
            var read = await work.LoadAsync<User>(user.Id, User.Evolve, CancellationToken.None);
            work.Append(user.Id, [Changed(user.Id, "ja", work.Now)]);
            await MoveAsync(user.Id, read!.State.Language == "en" ? "ja" : "en");
        }, CancellationToken.None));

        Assert.Equal(CommandPath.MaxAttempts, attempts);
    }

    [Fact]
    public async Task A_command_that_decides_nothing_writes_nothing_even_on_a_stale_version()
    {
        var user = await app.CreateAccountAsync("Reporter");
        await MoveAsync(user.Id, "en");
        var before = await app.CountEventsAsync();

        var answer = await Commands.RunAsync(user.Id, async work =>
        {
            var read = await work.LoadAsync<User>(user.Id, User.Evolve, CancellationToken.None, expectedVersion: 1);
            work.Append(user.Id, []);
            return read!.State.Language;
        }, CancellationToken.None);

        Assert.Equal("en", answer);
        Assert.Equal(before, await app.CountEventsAsync());
    }

    /// <summary>Another writer's change of the account's language, committed at once.</summary>
    private Task MoveAsync(Guid userId, string language) =>
        Commands.RunAsync(userId, async work =>
        {
            await work.LoadAsync<User>(userId, User.Evolve, CancellationToken.None);
            work.Append(userId, [Changed(userId, language, work.Now)]);
        }, CancellationToken.None);

    private static UserLanguageChanged Changed(Guid user, string language, DateTimeOffset at) => new(user, language, user, at);
}
