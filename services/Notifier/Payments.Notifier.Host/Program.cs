using Payments.Notifier;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Messaging;
using Payments.ServiceDefaults.OpenApi;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotifier();
builder.AddPaymentsOpenApi("Payments Notifier API");
builder.AddBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapNotifier();
app.MapPaymentsOpenApi();
app.Run();
