using Payments.Orders;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Messaging;
using Payments.ServiceDefaults.OpenApi;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOrders();
builder.AddPaymentsOpenApi("Payments Orders API");
builder.AddBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOrders();
app.MapPaymentsOpenApi();
app.Run();
