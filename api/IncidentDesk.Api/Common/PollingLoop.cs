namespace IncidentDesk.Api.Common;

/// <summary>
/// The loop of a background worker that drains a table (the timer relay, the dispatcher): one pass after another
/// while there is work, a short idle wait when a pass found none, and after a failure a log line and a pause
/// rather than a dead worker. Ends when <paramref name="stop"/> is cancelled.
/// </summary>
public static class PollingLoop
{
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(2);

    /// <param name="pass">One pass; returns how many items it handled (0: wait <paramref name="idle"/>).</param>
    public static async Task RunAsync(Func<CancellationToken, Task<int>> pass, TimeSpan idle, ILogger log, string what, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (await pass(stop) == 0) await Task.Delay(idle, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "{What} failed; retrying in {Seconds} s", what, AfterFailure.TotalSeconds);
                try
                {
                    await Task.Delay(AfterFailure, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
