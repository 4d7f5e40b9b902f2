using Payments.Archive;
using Payments.Entitlements;
using Payments.Ingress;
using Payments.Normalizer;
using Payments.Notifier;
using Payments.OperatorConsole;
using Payments.Orders;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Messaging;
using Payments.ServiceDefaults.OpenApi;
using Payments.Standalone;

var builder = WebApplication.CreateBuilder(args);
var development = StandaloneDefaults.Apply(builder);
builder.AddServiceDefaults();
builder.AddIngress();
builder.AddNormalizer();
builder.AddOrders();
builder.AddEntitlements();
builder.AddArchive();
builder.AddNotifier();
builder.AddPaymentsOpenApi("Payments (standalone: every module)");
var console = StandaloneDefaults.ConsoleEnabled(builder.Configuration);
if (console)
{
    builder.AddConsole();
}

builder.AddBus();

if (StandaloneDefaults.PublicExposure(builder.Configuration, development) is { } refusal)
{
    await Console.Error.WriteLineAsync(refusal);
    return 2;
}

if (StandaloneDefaults.LoopbackOnly(builder.Configuration, development))
{
    StandaloneDefaults.AcceptLoopbackConnectionsOnly(builder);
}

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIngress();
app.MapOrders();
app.MapEntitlements();
app.MapArchive();
app.MapNotifier();
app.MapPaymentsOpenApi();
if (console)
{
    app.MapConsole();
}

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, development));
await app.RunAsync();
return Environment.ExitCode;
