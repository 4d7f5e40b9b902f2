using Payments.Archive;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Messaging;
using Payments.ServiceDefaults.OpenApi;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddArchive();
builder.AddPaymentsOpenApi("Payments Archive API");
builder.AddBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapArchive();
app.MapPaymentsOpenApi();
app.Run();
