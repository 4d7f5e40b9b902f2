IF OBJECT_ID(N'[__OrdersMigrations]') IS NULL
BEGIN
    CREATE TABLE [__OrdersMigrations] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___OrdersMigrations] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261121125556_Initial'
)
BEGIN
    CREATE TABLE [OrderSagas] (
        [CorrelationId] uniqueidentifier NOT NULL,
        [CurrentState] nvarchar(64) NOT NULL,
        [Provider] nvarchar(32) NOT NULL,
        [Account] nvarchar(64) NOT NULL,
        [Environment] nvarchar(16) NOT NULL,
        [ProviderOrderId] nvarchar(128) NOT NULL,
        [UserId] nvarchar(128) NULL,
        [Items] nvarchar(max) NOT NULL,
        [Registered] bit NOT NULL,
        [RegisteredAmount] nvarchar(32) NULL,
        [Currency] nvarchar(8) NULL,
        [PaidAmount] nvarchar(32) NULL,
        [AmountMismatch] bit NOT NULL,
        [Granted] bit NOT NULL,
        [Revoked] bit NOT NULL,
        [GrantTrigger] nvarchar(256) NULL,
        [RevokeTrigger] nvarchar(256) NULL,
        [PaidAt] datetimeoffset NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [Timeline] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_OrderSagas] PRIMARY KEY ([CorrelationId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261121125556_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_OrderSagas_Provider_Account_Environment_ProviderOrderId] ON [OrderSagas] ([Provider], [Account], [Environment], [ProviderOrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261121125556_Initial'
)
BEGIN
    INSERT INTO [__OrdersMigrations] ([MigrationId], [ProductVersion])
    VALUES (N'20261121125556_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261201234144_RegistrationAndTimelineFolding'
)
BEGIN
    ALTER TABLE [OrderSagas] ADD [RegisteredItems] nvarchar(max) NOT NULL DEFAULT N'[]';
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261201234144_RegistrationAndTimelineFolding'
)
BEGIN
    ALTER TABLE [OrderSagas] ADD [RegisteredUserId] nvarchar(128) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261201234144_RegistrationAndTimelineFolding'
)
BEGIN
    ALTER TABLE [OrderSagas] ADD [TimelineFolded] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261201234144_RegistrationAndTimelineFolding'
)
BEGIN
    INSERT INTO [__OrdersMigrations] ([MigrationId], [ProductVersion])
    VALUES (N'20261201234144_RegistrationAndTimelineFolding', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261202000057_ProviderMismatchAndResolution'
)
BEGIN
    ALTER TABLE [OrderSagas] ADD [ItemMismatch] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261202000057_ProviderMismatchAndResolution'
)
BEGIN
    ALTER TABLE [OrderSagas] ADD [PaidCurrency] nvarchar(8) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261202000057_ProviderMismatchAndResolution'
)
BEGIN
    ALTER TABLE [OrderSagas] ADD [ProviderItems] nvarchar(max) NOT NULL DEFAULT N'[]';
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261202000057_ProviderMismatchAndResolution'
)
BEGIN
    ALTER TABLE [OrderSagas] ADD [ProviderQuantitiesStated] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261202000057_ProviderMismatchAndResolution'
)
BEGIN
    ALTER TABLE [OrderSagas] ADD [RegisteredCurrency] nvarchar(8) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261202000057_ProviderMismatchAndResolution'
)
BEGIN
    ALTER TABLE [OrderSagas] ADD [Resolution] nvarchar(32) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261202000057_ProviderMismatchAndResolution'
)
BEGIN
    INSERT INTO [__OrdersMigrations] ([MigrationId], [ProductVersion])
    VALUES (N'20261202000057_ProviderMismatchAndResolution', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261202002753_FieldLimits'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[OrderSagas]') AND [c].[name] = N'UserId');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [OrderSagas] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [OrderSagas] ALTER COLUMN [UserId] nvarchar(255) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261202002753_FieldLimits'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[OrderSagas]') AND [c].[name] = N'RevokeTrigger');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [OrderSagas] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [OrderSagas] ALTER COLUMN [RevokeTrigger] nvarchar(510) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261202002753_FieldLimits'
)
BEGIN
    DECLARE @var2 nvarchar(max);
    SELECT @var2 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[OrderSagas]') AND [c].[name] = N'RegisteredUserId');
    IF @var2 IS NOT NULL EXEC(N'ALTER TABLE [OrderSagas] DROP CONSTRAINT ' + @var2 + ';');
    ALTER TABLE [OrderSagas] ALTER COLUMN [RegisteredUserId] nvarchar(255) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261202002753_FieldLimits'
)
BEGIN
    DROP INDEX [IX_OrderSagas_Provider_Account_Environment_ProviderOrderId] ON [OrderSagas];
    DECLARE @var3 nvarchar(max);
    SELECT @var3 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[OrderSagas]') AND [c].[name] = N'ProviderOrderId');
    IF @var3 IS NOT NULL EXEC(N'ALTER TABLE [OrderSagas] DROP CONSTRAINT ' + @var3 + ';');
    ALTER TABLE [OrderSagas] ALTER COLUMN [ProviderOrderId] nvarchar(255) NOT NULL;
    CREATE UNIQUE INDEX [IX_OrderSagas_Provider_Account_Environment_ProviderOrderId] ON [OrderSagas] ([Provider], [Account], [Environment], [ProviderOrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261202002753_FieldLimits'
)
BEGIN
    DECLARE @var4 nvarchar(max);
    SELECT @var4 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[OrderSagas]') AND [c].[name] = N'GrantTrigger');
    IF @var4 IS NOT NULL EXEC(N'ALTER TABLE [OrderSagas] DROP CONSTRAINT ' + @var4 + ';');
    ALTER TABLE [OrderSagas] ALTER COLUMN [GrantTrigger] nvarchar(510) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261202002753_FieldLimits'
)
BEGIN
    INSERT INTO [__OrdersMigrations] ([MigrationId], [ProductVersion])
    VALUES (N'20261202002753_FieldLimits', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261208004141_SearchIndexes'
)
BEGIN
    CREATE INDEX [IX_OrderSagas_UpdatedAt_CorrelationId] ON [OrderSagas] ([UpdatedAt], [CorrelationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261208004141_SearchIndexes'
)
BEGIN
    CREATE INDEX [IX_OrderSagas_UserId] ON [OrderSagas] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__OrdersMigrations]
    WHERE [MigrationId] = N'20261208004141_SearchIndexes'
)
BEGIN
    INSERT INTO [__OrdersMigrations] ([MigrationId], [ProductVersion])
    VALUES (N'20261208004141_SearchIndexes', N'10.0.15');
END;

COMMIT;
GO

