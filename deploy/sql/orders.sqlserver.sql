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

