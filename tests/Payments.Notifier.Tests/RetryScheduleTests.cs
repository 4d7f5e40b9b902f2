using Payments.Notifier.Configuration;
using Payments.Notifier.Persistence;
using Payments.Notifier.Tests.Support;
using Payments.Testing;

namespace Payments.Notifier.Tests;

/// <summary>
/// The default schedule, played on a clock 5,000 times faster than the real one: a game server that is down for a
/// day gets eight attempts over more than 24 hours, each after at least its delay and at most its delay plus jitter,
/// then the delivery is failed.
/// </summary>
public sealed class RetryScheduleTests : ReceiverTest
{
    private const double Factor = 5_000;

    [Fact]
    public async Task The_default_schedule_spans_more_than_a_day_with_every_delay_kept_then_the_delivery_is_failed()
    {
        var clock = new CompressedClock(Factor);
        var settings = NotifierTestHost.Endpoint(Receiver, "down");

        // Compressed too: one hour here is 0.72 s of real time.
        settings["Notifier:PollInterval"] = "01:00:00";
        await using var host = await NotifierTestHost.StartOnSqliteAsync(Folder, settings, clock);
        Receiver.Behave("down", (_, _) => 503);

        await host.PublishAsync(Outcomes.Granted("schedule-1"), Guid.NewGuid());
        var delivery = Assert.Single(await host.WaitSettledAsync(1, TimeSpan.FromSeconds(90)));

        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        var attempts = delivery.AttemptLog.OrderBy(a => a.Number).ToList();
        var schedule = NotifierOptions.DefaultRetryDelays;
        Assert.Equal(schedule.Count + 1, attempts.Count);
        Assert.Equal(attempts.Count, Receiver.ReceivedBy("down").Count);
        Assert.Single(Receiver.ReceivedBy("down").Select(r => r.Id).Distinct());

        // Each gap: at least the scheduled delay, at most the delay with the full 10 % jitter plus what the attempt
        // itself and the dispatcher took: up to 1 s of real time (on a busy 2-core machine), 83 minutes on this clock.
        for (var i = 1; i < attempts.Count; i++)
        {
            var gap = attempts[i].At - attempts[i - 1].At;
            var delay = schedule[i - 1];
            Assert.True(gap >= delay, $"attempt {i + 1} came {gap} after attempt {i}; the schedule says {delay}");
            Assert.True(gap <= (delay * 1.1) + TimeSpan.FromSeconds(Factor), $"attempt {i + 1} came {gap} after attempt {i}; the schedule says {delay} (+10 %)");
        }

        Assert.True(attempts[^1].At - attempts[0].At >= TimeSpan.FromHours(24), $"the attempts spanned {attempts[^1].At - attempts[0].At}");
    }
}
