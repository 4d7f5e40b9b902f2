using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Payments.Ingress.Tests.Support;
using Payments.ServiceDefaults.Telemetry;
using Payments.Simulator.RoboKassa;
using Payments.Simulator.Vectors;
using Payments.Testing;

namespace Payments.Ingress.Tests.RoboKassa;

public sealed class RoboKassaTelemetryTests : IDisposable
{
    // Other tests run in parallel on the same ActivitySource and Meter, so this class uses an account of its own.
    private const string Account = "telemetry-rk";

    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<(string Name, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener = new();

    public RoboKassaTelemetryTests()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PaymentsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_activityListener);

        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PaymentsTelemetry.Name && instrument.Name.StartsWith("payments.ingress.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
            _measurements.Enqueue((instrument.Name, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _meterListener.Start();
    }

    [Fact]
    public async Task An_accepted_result_is_traced_counted_and_logged_without_password_or_email()
    {
        var logs = new LogCapture();
        await using var host = await StartAsync(logs);
        var signature = RoboKassaCalls.Sign("MD5", "100.000000:450009:test_password_2:Shp_login=Vasya:Shp_oplata=1");
        var form = RoboKassaShop.R1(signature).Concat([new("IsTest", "1"), new("EMail", "buyer@example.com")]);

        using var response = await host.PostResultAsync(Account, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var activity = Assert.Single(_activities, a => a.GetTagItem("account") as string == Account);
        Assert.Equal("robokassa result", activity.OperationName);
        Assert.Equal("robokassa", activity.GetTagItem("provider"));
        Assert.Equal("sandbox", activity.GetTagItem("environment"));
        Assert.Equal("verified", activity.GetTagItem("verification"));
        Assert.Contains(_measurements, m => m.Name == "payments.ingress.accepted" && Equals(m.Tags["provider"], "robokassa") && Equals(m.Tags["reason"], "result"));
        Assert.Contains(logs.Lines, line => line.Contains("450009", StringComparison.Ordinal));
        AssertNoSecrets(logs, activity);
    }

    [Fact]
    public async Task A_refused_result_is_traced_as_an_error_and_counted_with_its_reason()
    {
        var logs = new LogCapture();
        await using var host = await StartAsync(logs);

        using var response = await host.PostResultAsync(Account, RoboKassaShop.R1("00").Append(new("EMail", "buyer@example.com")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var activity = Assert.Single(_activities, a => a.GetTagItem("account") as string == Account);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("bad_signature", activity.GetTagItem("verification"));
        Assert.Contains(_measurements, m => m.Name == "payments.ingress.rejected" && Equals(m.Tags["provider"], "robokassa") && Equals(m.Tags["reason"], "bad_signature"));
        AssertNoSecrets(logs, activity);
    }

    [Fact]
    public async Task A_success_redirect_is_counted_apart_from_notifications()
    {
        await using var host = await StartAsync(new LogCapture());

        using var response = await host.GetSuccessAsync(
            Account, [new("OutSum", "4710.00"), new("InvId", "63"), new("SignatureValue", RoboKassaVectors.R3Md5)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("robokassa success", Assert.Single(_activities, a => a.GetTagItem("account") as string == Account).OperationName);
        Assert.Contains(_measurements, m => m.Name == "payments.ingress.accepted" && Equals(m.Tags["provider"], "robokassa") && Equals(m.Tags["reason"], "success_page"));
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }

    private static Task<IngressTestHost> StartAsync(LogCapture logs)
    {
        var settings = RoboKassaShop.Account(Account, algorithm: null);
        settings["Logging:LogLevel:Default"] = "Trace";
        return IngressTestHost.StartAsync(settings, services => services.AddSingleton<ILoggerProvider>(logs));
    }

    private static void AssertNoSecrets(LogCapture logs, Activity activity)
    {
        var tagText = string.Join('|', activity.TagObjects.Select(t => $"{t.Key}={t.Value}"));
        foreach (var text in logs.Lines.Append(tagText))
        {
            Assert.DoesNotContain("password_1", text, StringComparison.Ordinal);
            Assert.DoesNotContain("password_2", text, StringComparison.Ordinal);
            Assert.DoesNotContain("buyer@example.com", text, StringComparison.Ordinal);
        }
    }
}
