using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Payments.Archive.Api;
using Payments.Archive.Capture;
using Payments.Archive.Counts;
using Payments.Archive.DeadLetters;
using Payments.Archive.Replay;
using Payments.Archive.Persistence;
using Payments.Persistence;
using Payments.ServiceDefaults.Messaging;

namespace Payments.Archive;

/// <summary>
/// The notification archive: keeps every verified provider message append-only (ConnectionStrings:Archive),
/// answers queries on it and replays a stored message under its original MessageId.
/// </summary>
public static class ArchiveModule
{
    public static IHostApplicationBuilder AddArchive(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ArchiveDbContext, ArchivePostgresDbContext, ArchiveSqlServerDbContext>(ArchiveDbContext.Store);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<NotificationArchive>();
        builder.Services.AddScoped<ArchiveReplayer>();
        builder.AddBusContribution(bus =>
        {
            bus.AddConsumer<NotificationArchiveConsumer>();
            bus.AddConsumer<RefusalSummaryConsumer>();
        });
        builder.AddDeadLetters();
        return builder;
    }

    public static WebApplication MapArchive(this WebApplication app)
    {
        app.MapArchiveEndpoints();
        app.MapArchiveCountEndpoints();
        app.MapDeadLetterEndpoints();
        return app;
    }
}
