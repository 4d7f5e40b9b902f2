using Payments.Orders;
using Payments.ServiceDefaults;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOrders();
builder.AddBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOrders();
app.Run();
