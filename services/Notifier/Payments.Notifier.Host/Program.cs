using Payments.Notifier;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNotifier();
builder.AddBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapNotifier();
app.Run();
