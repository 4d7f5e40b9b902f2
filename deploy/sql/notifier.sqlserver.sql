IF OBJECT_ID(N'[__NotifierMigrations]') IS NULL
BEGIN
    CREATE TABLE [__NotifierMigrations] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___NotifierMigrations] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__NotifierMigrations]
    WHERE [MigrationId] = N'20261207223509_Initial'
)
BEGIN
    CREATE TABLE [NotifierEndpoints] (
        [Name] nvarchar(64) NOT NULL,
        [Disabled] bit NOT NULL,
        [DisabledAt] datetimeoffset NULL,
        [DisabledReason] nvarchar(256) NULL,
        CONSTRAINT [PK_NotifierEndpoints] PRIMARY KEY ([Name])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__NotifierMigrations]
    WHERE [MigrationId] = N'20261207223509_Initial'
)
BEGIN
    CREATE TABLE [WebhookDeliveries] (
        [Id] bigint NOT NULL IDENTITY,
        [WebhookId] nvarchar(64) NOT NULL,
        [EventId] uniqueidentifier NOT NULL,
        [Endpoint] nvarchar(64) NOT NULL,
        [EventType] nvarchar(64) NOT NULL,
        [OrderId] uniqueidentifier NULL,
        [UserId] nvarchar(256) NULL,
        [Account] nvarchar(64) NULL,
        [Environment] nvarchar(16) NULL,
        [Payload] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [Attempts] int NOT NULL,
        [ScheduleStep] int NOT NULL,
        [DueAt] bigint NOT NULL,
        [LeaseUntil] bigint NULL,
        [LeaseToken] uniqueidentifier NULL,
        [LastAttemptAt] datetimeoffset NULL,
        [LastStatusCode] int NULL,
        [LastOutcome] nvarchar(16) NULL,
        [CompletedAt] datetimeoffset NULL,
        CONSTRAINT [PK_WebhookDeliveries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__NotifierMigrations]
    WHERE [MigrationId] = N'20261207223509_Initial'
)
BEGIN
    CREATE TABLE [DeliveryAttempts] (
        [Id] bigint NOT NULL IDENTITY,
        [DeliveryId] bigint NOT NULL,
        [Endpoint] nvarchar(64) NOT NULL,
        [Number] int NOT NULL,
        [At] datetimeoffset NOT NULL,
        [DurationMs] int NOT NULL,
        [StatusCode] int NULL,
        [Outcome] nvarchar(16) NOT NULL,
        [Response] nvarchar(max) NULL,
        [Error] nvarchar(512) NULL,
        CONSTRAINT [PK_DeliveryAttempts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DeliveryAttempts_WebhookDeliveries_DeliveryId] FOREIGN KEY ([DeliveryId]) REFERENCES [WebhookDeliveries] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__NotifierMigrations]
    WHERE [MigrationId] = N'20261207223509_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DeliveryAttempts_DeliveryId_Number] ON [DeliveryAttempts] ([DeliveryId], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__NotifierMigrations]
    WHERE [MigrationId] = N'20261207223509_Initial'
)
BEGIN
    CREATE INDEX [IX_DeliveryAttempts_Endpoint_Id] ON [DeliveryAttempts] ([Endpoint], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__NotifierMigrations]
    WHERE [MigrationId] = N'20261207223509_Initial'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_Endpoint_Id] ON [WebhookDeliveries] ([Endpoint], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__NotifierMigrations]
    WHERE [MigrationId] = N'20261207223509_Initial'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_Endpoint_Status_DueAt] ON [WebhookDeliveries] ([Endpoint], [Status], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__NotifierMigrations]
    WHERE [MigrationId] = N'20261207223509_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WebhookDeliveries_EventId_Endpoint] ON [WebhookDeliveries] ([EventId], [Endpoint]);
END;

IF NOT EXISTS (
    SELECT * FROM [__NotifierMigrations]
    WHERE [MigrationId] = N'20261207223509_Initial'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_OrderId] ON [WebhookDeliveries] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__NotifierMigrations]
    WHERE [MigrationId] = N'20261207223509_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WebhookDeliveries_WebhookId] ON [WebhookDeliveries] ([WebhookId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__NotifierMigrations]
    WHERE [MigrationId] = N'20261207223509_Initial'
)
BEGIN
    INSERT INTO [__NotifierMigrations] ([MigrationId], [ProductVersion])
    VALUES (N'20261207223509_Initial', N'10.0.15');
END;

COMMIT;
GO

