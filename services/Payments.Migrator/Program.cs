using Payments.Migrator;

return await MigratorApp.RunAsync(args, Console.Error);
