using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Diagnostics;
using System.Net;
using Payments.Ingress.Tests.Support;
using Payments.ServiceDefaults.Telemetry;
using Payments.Simulator.RuStore;

namespace Payments.Ingress.Tests.RuStore;

public sealed class RuStoreTelemetryTests : IDisposable
{
    // Other tests run in parallel on the same ActivitySource and Meter, so this class uses an account of its own.
    private const string Account = "telemetry1";

    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<(string Name, long Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener = new();

    public RuStoreTelemetryTests()
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
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _meterListener.Start();
    }

    [Fact]
    public async Task An_accepted_notification_is_traced_and_counted_without_key_or_body()
    {
        await using var host = await IngressTestHost.StartAsync(TestKeys.Settings(Account));
        var plaintext = RuStoreSamples.InvoiceStatusPlaintext(type: "INVOICE_STATUS_SANDBOX", orderId: "order-telemetry");

        using var response = await host.PostAsync(RuStoreNotifications.Body(RuStoreNotifications.Seal(TestKeys.Current, plaintext)), Account);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var activity = Assert.Single(_activities, a => a.GetTagItem("account") as string == Account);
        Assert.Equal("rustore webhook", activity.OperationName);
        Assert.Equal("rustore", activity.GetTagItem("provider"));
        Assert.Equal("INVOICE_STATUS_SANDBOX", activity.GetTagItem("notification_type"));
        Assert.Equal("sandbox", activity.GetTagItem("environment"));
        Assert.Equal("verified", activity.GetTagItem("verification"));
        var tagText = string.Join('|', activity.TagObjects.Select(t => $"{t.Key}={t.Value}"));
        Assert.DoesNotContain("order-telemetry", tagText, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(TestKeys.Current), tagText, StringComparison.Ordinal);
        Assert.Contains(_measurements, m => m.Name == "payments.ingress.accepted" && Equals(m.Tags["provider"], "rustore") && Equals(m.Tags["reason"], "invoice_status"));
    }

    [Fact]
    public async Task A_refused_notification_is_traced_as_an_error_and_counted_with_its_reason()
    {
        await using var host = await IngressTestHost.StartAsync(TestKeys.Settings(Account));

        using var response = await host.PostAsync(RuStoreNotifications.Body(RuStoreNotifications.Seal(TestKeys.Unknown, RuStoreSamples.InvoiceStatusPlaintext())), Account);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var activity = Assert.Single(_activities, a => a.GetTagItem("account") as string == Account);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("decryption_failed", activity.GetTagItem("verification"));
        Assert.Contains(_measurements, m => m.Name == "payments.ingress.rejected" && Equals(m.Tags["provider"], "rustore") && Equals(m.Tags["reason"], "decryption_failed"));
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }
}
