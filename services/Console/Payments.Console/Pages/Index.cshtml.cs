using System.Globalization;
using System.Text;
using Payments.OperatorConsole.Services;

namespace Payments.OperatorConsole.Pages;

/// <summary>
/// The overview: notifications accepted and refused per provider over 24 hours, the orders waiting for an operator
/// or for details, the error queues, and each service's readiness.
/// </summary>
public sealed class IndexModel(ConsoleApi api) : ConsolePage
{
    public const int Hours = 24;

    public NotificationCounts? Counts { get; private set; }

    public (int Count, bool More)? Blocked { get; private set; }

    public (int Count, bool More)? Awaiting { get; private set; }

    public DeadLetterQueues? Queues { get; private set; }

    public List<(string Service, string State)> Readiness { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var counts = api.CountsAsync(Hours, cancellationToken);
        var blocked = api.SearchOrdersAsync(new OrderQuery { Blocked = true, Limit = 200 }, cancellationToken);
        var awaiting = api.SearchOrdersAsync(new OrderQuery { AwaitingDetails = true, Limit = 200 }, cancellationToken);
        var queues = api.DeadLetterQueuesAsync(cancellationToken);
        var readiness = api.SameHost
            ? [(Service: "Standalone host (every service)", Answer: api.ReadinessAsync(ConsoleServices.Orders, cancellationToken))]
            : ConsoleServices.All.Where(api.Has).Select(s => (Service: s, Answer: api.ReadinessAsync(s, cancellationToken))).ToList();

        Counts = Take(await counts, "Notification counts");
        Blocked = Take(await blocked, "Blocked orders") is { } b ? (b.Orders.Count, b.Next is not null) : null;
        Awaiting = Take(await awaiting, "Orders awaiting details") is { } a ? (a.Orders.Count, a.Next is not null) : null;
        Queues = Take(await queues, "Dead letters");
        foreach (var (service, answer) in readiness)
        {
            var ready = await answer;
            Readiness.Add((service, ready.Value ?? ready.Error ?? "unknown"));
        }
    }

    public static readonly (string Provider, string Colour)[] Series = [("rustore", "#2853c7"), ("xsolla", "#1f7a44"), ("robokassa", "#9a5b00")];

    /// <summary>
    /// The last 24 hours as bars: accepted notifications stacked per provider above the axis, refused ones below
    /// it in red. Drawn on the server as SVG markup (no script; the page's CSP allows none).
    /// </summary>
    public static string Chart(NotificationCounts counts)
    {
        const int width = 960, top = 150, bottom = 60, left = 40, barGap = 4;
        var end = new DateTimeOffset(counts.To.Year, counts.To.Month, counts.To.Day, counts.To.Hour, 0, 0, TimeSpan.Zero);
        var hours = Enumerable.Range(0, Hours).Select(i => end.AddHours(i - Hours + 1)).ToList();
        int Accepted(DateTimeOffset hour, string provider) => counts.Hours.Where(h => h.Hour == hour && h.Provider == provider).Sum(h => h.Accepted);
        int Refused(DateTimeOffset hour) => counts.Hours.Where(h => h.Hour == hour).Sum(h => h.Refused);
        var maxUp = Math.Max(1, hours.Max(h => Series.Sum(s => Accepted(h, s.Provider))));
        var maxDown = Math.Max(1, hours.Max(Refused));
        var barWidth = (width - left) / Hours - barGap;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg role="img" aria-label="Notifications accepted and refused per hour" viewBox="0 0 {width} {top + bottom + 30}" width="100%" data-testid="chart">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{left}" y1="{top}" x2="{width}" y2="{top}" stroke="#999" />""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="0" y="12">{maxUp}</text><text x="0" y="{top + bottom}">{maxDown}</text>""");
        for (var i = 0; i < hours.Count; i++)
        {
            var x = left + i * (barWidth + barGap);
            var y = (double)top;
            foreach (var (provider, colour) in Series)
            {
                var value = Accepted(hours[i], provider);
                if (value == 0)
                {
                    continue;
                }

                var height = value * (top - 10.0) / maxUp;
                y -= height;
                svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x}" y="{y:F1}" width="{barWidth}" height="{height:F1}" fill="{colour}"><title>{hours[i]:HH}:00 {provider}: {value} accepted</title></rect>""");
            }

            var refused = Refused(hours[i]);
            if (refused > 0)
            {
                var height = refused * (bottom - 10.0) / maxDown;
                svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x}" y="{top}" width="{barWidth}" height="{height:F1}" fill="#b3261e"><title>{hours[i]:HH}:00: {refused} refused</title></rect>""");
            }

            if (i % 3 == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x}" y="{top + bottom + 20}">{hours[i]:HH}:00</text>""");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
