using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Diagnostics;
using System.Net;
using Payments.Ingress.Tests.Support;
using Payments.ServiceDefaults.Telemetry;
using Payments.Simulator.Xsolla;

namespace Payments.Ingress.Tests.Xsolla;

public sealed class XsollaTelemetryTests : IDisposable
{
    // Other tests run in parallel on the same ActivitySource and Meter, so this class uses an account of its own.
    private const string Account = "xtelemetry1";

    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<(string Name, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener = new();

    public XsollaTelemetryTests()
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
    public async Task An_accepted_payment_is_traced_and_counted_without_secret_or_personal_data()
    {
        await using var host = await IngressTestHost.StartAsync(XsollaSecrets.Settings(Account));

        using var response = await host.PostSignedXsollaAsync(XsollaFixtures.Read("payment.json"), Account);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var activity = Assert.Single(_activities, a => a.GetTagItem("account") as string == Account);
        Assert.Equal("xsolla webhook", activity.OperationName);
        Assert.Equal(("xsolla", "payment", "sandbox", "verified"), (
            activity.GetTagItem("provider"), activity.GetTagItem("notification_type"), activity.GetTagItem("environment"), activity.GetTagItem("verification")));
        var tagText = string.Join('|', activity.TagObjects.Select(t => $"{t.Key}={t.Value}"));
        foreach (var secretOrPersonal in new[] { XsollaSecrets.Current, "support@xsolla.com", "18777976552", "127.0.0.1", "Xsolla User", "1234567" })
        {
            Assert.DoesNotContain(secretOrPersonal, tagText, StringComparison.Ordinal);
        }

        Assert.Contains(_measurements, m => m.Name == "payments.ingress.accepted" && Equals(m.Tags["provider"], "xsolla") && Equals(m.Tags["reason"], "payment"));
    }

    [Fact]
    public async Task A_forged_webhook_is_traced_as_an_error_and_counted_with_its_reason()
    {
        await using var host = await IngressTestHost.StartAsync(XsollaSecrets.Settings(Account));
        var body = XsollaFixtures.Read("order_paid.json");

        using var response = await host.PostXsollaAsync(body, XsollaWebhooks.Authorization(body, XsollaSecrets.Unknown), Account);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var activity = Assert.Single(_activities, a => a.GetTagItem("account") as string == Account);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("invalid_signature", activity.GetTagItem("verification"));
        Assert.Contains(_measurements, m => m.Name == "payments.ingress.rejected" && Equals(m.Tags["provider"], "xsolla") && Equals(m.Tags["reason"], "invalid_signature"));
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }
}
