using Payments.Entitlements;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Messaging;
using Payments.ServiceDefaults.OpenApi;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEntitlements();
builder.AddPaymentsOpenApi("Payments Entitlements API");
builder.AddBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapEntitlements();
app.MapPaymentsOpenApi();
app.Run();
