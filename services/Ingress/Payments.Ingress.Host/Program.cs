using Payments.Ingress;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Messaging;
using Payments.ServiceDefaults.OpenApi;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIngress();
builder.AddPaymentsOpenApi("Payments Ingress (provider webhooks)");
builder.AddBus();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapIngress();
app.MapPaymentsOpenApi();

app.Run();
