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

