using Payments.Entitlements;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEntitlements();
builder.AddBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapEntitlements();
app.Run();
