using Payments.Archive;
using Payments.Entitlements;
using Payments.Ingress;
using Payments.Normalizer;
using Payments.Orders;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Messaging;
using Payments.Standalone;

var builder = WebApplication.CreateBuilder(args);
var developmentSecrets = StandaloneDefaults.Apply(builder);
builder.AddServiceDefaults();
builder.AddIngress();
builder.AddNormalizer();
builder.AddOrders();
builder.AddEntitlements();
builder.AddArchive();
builder.AddBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapIngress();
app.MapOrders();
app.MapEntitlements();
app.MapArchive();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, developmentSecrets));
app.Run();
