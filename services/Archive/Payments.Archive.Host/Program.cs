using Payments.Archive;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddArchive();
builder.AddBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapArchive();
app.Run();
