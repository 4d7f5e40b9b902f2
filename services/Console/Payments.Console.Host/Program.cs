using Payments.OperatorConsole;
using Payments.ServiceDefaults.Health;
using Payments.ServiceDefaults.Security;
using Payments.ServiceDefaults.Telemetry;

var builder = WebApplication.CreateBuilder(args);

// No bus and no database: the console's readiness is only its own process; each service's is on the overview.
builder.AddPaymentsTelemetry();
builder.AddPaymentsAccess();
builder.Services.AddProblemDetails();
builder.Services.AddHealthChecks();
builder.AddConsole();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapConsole();
app.MapGet("/", () => Results.Redirect(ConsolePaths.Root)).AllowAnonymous().ExcludeFromDescription();
app.Run();
