using Payments.Cli;

return await CliApp.RunAsync(args, CliContext.ForConsole());
