IF OBJECT_ID(N'[__EntitlementsMigrations]') IS NULL
BEGIN
    CREATE TABLE [__EntitlementsMigrations] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EntitlementsMigrations] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EntitlementsMigrations]
    WHERE [MigrationId] = N'20261121125702_Initial'
)
BEGIN
    CREATE TABLE [Grants] (
        [OrderId] uniqueidentifier NOT NULL,
        [Sku] nvarchar(128) NOT NULL,
        [Quantity] int NOT NULL,
        [UserId] nvarchar(128) NOT NULL,
        [Provider] nvarchar(32) NOT NULL,
        [Account] nvarchar(64) NOT NULL,
        [Environment] nvarchar(16) NOT NULL,
        [GrantedAt] datetimeoffset NOT NULL,
        [RevokedAt] datetimeoffset NULL,
        [RevokeReason] nvarchar(64) NULL,
        CONSTRAINT [PK_Grants] PRIMARY KEY ([OrderId], [Sku])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EntitlementsMigrations]
    WHERE [MigrationId] = N'20261121125702_Initial'
)
BEGIN
    CREATE TABLE [KnownUsers] (
        [UserId] nvarchar(128) NOT NULL,
        [Source] nvarchar(16) NOT NULL,
        [KnownSince] datetimeoffset NOT NULL,
        CONSTRAINT [PK_KnownUsers] PRIMARY KEY ([UserId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EntitlementsMigrations]
    WHERE [MigrationId] = N'20261121125702_Initial'
)
BEGIN
    CREATE TABLE [LedgerOrders] (
        [OrderId] uniqueidentifier NOT NULL,
        [UserId] nvarchar(128) NOT NULL,
        [Provider] nvarchar(32) NOT NULL,
        [Account] nvarchar(64) NOT NULL,
        [Environment] nvarchar(16) NOT NULL,
        [GrantedAt] datetimeoffset NULL,
        [RevokedAt] datetimeoffset NULL,
        [RevokeReason] nvarchar(64) NULL,
        CONSTRAINT [PK_LedgerOrders] PRIMARY KEY ([OrderId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EntitlementsMigrations]
    WHERE [MigrationId] = N'20261121125702_Initial'
)
BEGIN
    CREATE INDEX [IX_Grants_UserId_Environment] ON [Grants] ([UserId], [Environment]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EntitlementsMigrations]
    WHERE [MigrationId] = N'20261121125702_Initial'
)
BEGIN
    INSERT INTO [__EntitlementsMigrations] ([MigrationId], [ProductVersion])
    VALUES (N'20261121125702_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EntitlementsMigrations]
    WHERE [MigrationId] = N'20261202002759_FieldLimits'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[LedgerOrders]') AND [c].[name] = N'UserId');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [LedgerOrders] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [LedgerOrders] ALTER COLUMN [UserId] nvarchar(255) NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EntitlementsMigrations]
    WHERE [MigrationId] = N'20261202002759_FieldLimits'
)
BEGIN
    ALTER TABLE [KnownUsers] DROP CONSTRAINT [PK_KnownUsers];
END;

IF NOT EXISTS (
    SELECT * FROM [__EntitlementsMigrations]
    WHERE [MigrationId] = N'20261202002759_FieldLimits'
)
BEGIN
    ALTER TABLE [Grants] DROP CONSTRAINT [PK_Grants];
END;

IF NOT EXISTS (
    SELECT * FROM [__EntitlementsMigrations]
    WHERE [MigrationId] = N'20261202002759_FieldLimits'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[KnownUsers]') AND [c].[name] = N'UserId');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [KnownUsers] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [KnownUsers] ALTER COLUMN [UserId] nvarchar(255) NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EntitlementsMigrations]
    WHERE [MigrationId] = N'20261202002759_FieldLimits'
)
BEGIN
    DROP INDEX [IX_Grants_UserId_Environment] ON [Grants];
    DECLARE @var2 nvarchar(max);
    SELECT @var2 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Grants]') AND [c].[name] = N'UserId');
    IF @var2 IS NOT NULL EXEC(N'ALTER TABLE [Grants] DROP CONSTRAINT ' + @var2 + ';');
    ALTER TABLE [Grants] ALTER COLUMN [UserId] nvarchar(255) NOT NULL;
    CREATE INDEX [IX_Grants_UserId_Environment] ON [Grants] ([UserId], [Environment]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EntitlementsMigrations]
    WHERE [MigrationId] = N'20261202002759_FieldLimits'
)
BEGIN
    DECLARE @var3 nvarchar(max);
    SELECT @var3 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Grants]') AND [c].[name] = N'Sku');
    IF @var3 IS NOT NULL EXEC(N'ALTER TABLE [Grants] DROP CONSTRAINT ' + @var3 + ';');
    ALTER TABLE [Grants] ALTER COLUMN [Sku] nvarchar(255) NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EntitlementsMigrations]
    WHERE [MigrationId] = N'20261202002759_FieldLimits'
)
BEGIN
    ALTER TABLE [KnownUsers] ADD CONSTRAINT [PK_KnownUsers] PRIMARY KEY ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EntitlementsMigrations]
    WHERE [MigrationId] = N'20261202002759_FieldLimits'
)
BEGIN
    ALTER TABLE [Grants] ADD CONSTRAINT [PK_Grants] PRIMARY KEY ([OrderId], [Sku]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EntitlementsMigrations]
    WHERE [MigrationId] = N'20261202002759_FieldLimits'
)
BEGIN
    INSERT INTO [__EntitlementsMigrations] ([MigrationId], [ProductVersion])
    VALUES (N'20261202002759_FieldLimits', N'10.0.15');
END;

COMMIT;
GO

