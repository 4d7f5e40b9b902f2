using Payments.Ingress;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIngress();
builder.AddBus();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapIngress();

app.Run();
