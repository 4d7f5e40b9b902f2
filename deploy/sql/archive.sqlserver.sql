IF OBJECT_ID(N'[__ArchiveMigrations]') IS NULL
BEGIN
    CREATE TABLE [__ArchiveMigrations] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___ArchiveMigrations] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__ArchiveMigrations]
    WHERE [MigrationId] = N'20261121131524_Initial'
)
BEGIN
    CREATE TABLE [ArchivedNotifications] (
        [Id] bigint NOT NULL IDENTITY,
        [MessageId] uniqueidentifier NOT NULL,
        [Provider] nvarchar(32) NOT NULL,
        [Account] nvarchar(64) NOT NULL,
        [Environment] nvarchar(16) NOT NULL,
        [MessageType] nvarchar(128) NOT NULL,
        [ProviderOrderId] nvarchar(256) NULL,
        [InvoiceId] nvarchar(256) NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [ArchivedAt] datetimeoffset NOT NULL,
        [Message] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_ArchivedNotifications] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__ArchiveMigrations]
    WHERE [MigrationId] = N'20261121131524_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ArchivedNotifications_MessageId] ON [ArchivedNotifications] ([MessageId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ArchiveMigrations]
    WHERE [MigrationId] = N'20261121131524_Initial'
)
BEGIN
    CREATE INDEX [IX_ArchivedNotifications_Provider_Account_ProviderOrderId] ON [ArchivedNotifications] ([Provider], [Account], [ProviderOrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ArchiveMigrations]
    WHERE [MigrationId] = N'20261121131524_Initial'
)
BEGIN
    INSERT INTO [__ArchiveMigrations] ([MigrationId], [ProductVersion])
    VALUES (N'20261121131524_Initial', N'10.0.15');
END;

COMMIT;
GO

