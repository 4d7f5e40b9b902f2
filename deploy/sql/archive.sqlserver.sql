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

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__ArchiveMigrations]
    WHERE [MigrationId] = N'20261208005041_InvoiceIndexAndCounts'
)
BEGIN
    ALTER TABLE [ArchivedNotifications] ADD [ReceivedHour] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__ArchiveMigrations]
    WHERE [MigrationId] = N'20261208005041_InvoiceIndexAndCounts'
)
BEGIN
    EXEC('UPDATE [ArchivedNotifications] SET [ReceivedHour] = DATEDIFF_BIG(hour, CAST(''1970-01-01T00:00:00+00:00'' AS datetimeoffset), SWITCHOFFSET([ReceivedAt], ''+00:00''))');
END;

IF NOT EXISTS (
    SELECT * FROM [__ArchiveMigrations]
    WHERE [MigrationId] = N'20261208005041_InvoiceIndexAndCounts'
)
BEGIN
    CREATE TABLE [RefusalSummaries] (
        [Id] bigint NOT NULL IDENTITY,
        [MessageId] uniqueidentifier NOT NULL,
        [Provider] nvarchar(32) NOT NULL,
        [Account] nvarchar(64) NOT NULL,
        [Reason] nvarchar(64) NOT NULL,
        [Hour] bigint NOT NULL,
        [From] datetimeoffset NOT NULL,
        [To] datetimeoffset NOT NULL,
        [Count] int NOT NULL,
        CONSTRAINT [PK_RefusalSummaries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__ArchiveMigrations]
    WHERE [MigrationId] = N'20261208005041_InvoiceIndexAndCounts'
)
BEGIN
    CREATE INDEX [IX_ArchivedNotifications_Provider_InvoiceId] ON [ArchivedNotifications] ([Provider], [InvoiceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ArchiveMigrations]
    WHERE [MigrationId] = N'20261208005041_InvoiceIndexAndCounts'
)
BEGIN
    CREATE INDEX [IX_ArchivedNotifications_ReceivedHour_Provider] ON [ArchivedNotifications] ([ReceivedHour], [Provider]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ArchiveMigrations]
    WHERE [MigrationId] = N'20261208005041_InvoiceIndexAndCounts'
)
BEGIN
    CREATE INDEX [IX_RefusalSummaries_Hour_Provider] ON [RefusalSummaries] ([Hour], [Provider]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ArchiveMigrations]
    WHERE [MigrationId] = N'20261208005041_InvoiceIndexAndCounts'
)
BEGIN
    CREATE UNIQUE INDEX [IX_RefusalSummaries_MessageId] ON [RefusalSummaries] ([MessageId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__ArchiveMigrations]
    WHERE [MigrationId] = N'20261208005041_InvoiceIndexAndCounts'
)
BEGIN
    INSERT INTO [__ArchiveMigrations] ([MigrationId], [ProductVersion])
    VALUES (N'20261208005041_InvoiceIndexAndCounts', N'10.0.15');
END;

COMMIT;
GO

