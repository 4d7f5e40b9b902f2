using Payments.Normalizer;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddNormalizer();
builder.AddBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
