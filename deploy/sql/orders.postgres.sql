CREATE TABLE IF NOT EXISTS "__OrdersMigrations" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL,
    CONSTRAINT "PK___OrdersMigrations" PRIMARY KEY ("MigrationId")
);

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261121125530_Initial') THEN
    CREATE TABLE "OrderSagas" (
        "CorrelationId" uuid NOT NULL,
        "CurrentState" character varying(64) NOT NULL,
        "Provider" character varying(32) NOT NULL,
        "Account" character varying(64) NOT NULL,
        "Environment" character varying(16) NOT NULL,
        "ProviderOrderId" character varying(128) NOT NULL,
        "UserId" character varying(128),
        "Items" text NOT NULL,
        "Registered" boolean NOT NULL,
        "RegisteredAmount" character varying(32),
        "Currency" character varying(8),
        "PaidAmount" character varying(32),
        "AmountMismatch" boolean NOT NULL,
        "Granted" boolean NOT NULL,
        "Revoked" boolean NOT NULL,
        "GrantTrigger" character varying(256),
        "RevokeTrigger" character varying(256),
        "PaidAt" timestamp with time zone,
        "CreatedAt" timestamp with time zone NOT NULL,
        "UpdatedAt" timestamp with time zone NOT NULL,
        "Timeline" text NOT NULL,
        CONSTRAINT "PK_OrderSagas" PRIMARY KEY ("CorrelationId")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261121125530_Initial') THEN
    CREATE UNIQUE INDEX "IX_OrderSagas_Provider_Account_Environment_ProviderOrderId" ON "OrderSagas" ("Provider", "Account", "Environment", "ProviderOrderId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261121125530_Initial') THEN
    INSERT INTO "__OrdersMigrations" ("MigrationId", "ProductVersion")
    VALUES ('20261121125530_Initial', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261201234138_RegistrationAndTimelineFolding') THEN
    ALTER TABLE "OrderSagas" ADD "RegisteredItems" text NOT NULL DEFAULT '[]';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261201234138_RegistrationAndTimelineFolding') THEN
    ALTER TABLE "OrderSagas" ADD "RegisteredUserId" character varying(128);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261201234138_RegistrationAndTimelineFolding') THEN
    ALTER TABLE "OrderSagas" ADD "TimelineFolded" integer NOT NULL DEFAULT 0;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261201234138_RegistrationAndTimelineFolding') THEN
    INSERT INTO "__OrdersMigrations" ("MigrationId", "ProductVersion")
    VALUES ('20261201234138_RegistrationAndTimelineFolding', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261202000053_ProviderMismatchAndResolution') THEN
    ALTER TABLE "OrderSagas" ADD "ItemMismatch" boolean NOT NULL DEFAULT FALSE;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261202000053_ProviderMismatchAndResolution') THEN
    ALTER TABLE "OrderSagas" ADD "PaidCurrency" character varying(8);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261202000053_ProviderMismatchAndResolution') THEN
    ALTER TABLE "OrderSagas" ADD "ProviderItems" text NOT NULL DEFAULT '[]';
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261202000053_ProviderMismatchAndResolution') THEN
    ALTER TABLE "OrderSagas" ADD "ProviderQuantitiesStated" boolean NOT NULL DEFAULT FALSE;
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261202000053_ProviderMismatchAndResolution') THEN
    ALTER TABLE "OrderSagas" ADD "RegisteredCurrency" character varying(8);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261202000053_ProviderMismatchAndResolution') THEN
    ALTER TABLE "OrderSagas" ADD "Resolution" character varying(32);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261202000053_ProviderMismatchAndResolution') THEN
    INSERT INTO "__OrdersMigrations" ("MigrationId", "ProductVersion")
    VALUES ('20261202000053_ProviderMismatchAndResolution', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261202002750_FieldLimits') THEN
    ALTER TABLE "OrderSagas" ALTER COLUMN "UserId" TYPE character varying(255);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261202002750_FieldLimits') THEN
    ALTER TABLE "OrderSagas" ALTER COLUMN "RevokeTrigger" TYPE character varying(510);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261202002750_FieldLimits') THEN
    ALTER TABLE "OrderSagas" ALTER COLUMN "RegisteredUserId" TYPE character varying(255);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261202002750_FieldLimits') THEN
    ALTER TABLE "OrderSagas" ALTER COLUMN "ProviderOrderId" TYPE character varying(255);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261202002750_FieldLimits') THEN
    ALTER TABLE "OrderSagas" ALTER COLUMN "GrantTrigger" TYPE character varying(510);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261202002750_FieldLimits') THEN
    INSERT INTO "__OrdersMigrations" ("MigrationId", "ProductVersion")
    VALUES ('20261202002750_FieldLimits', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261208004040_SearchIndexes') THEN
    CREATE INDEX "IX_OrderSagas_UpdatedAt_CorrelationId" ON "OrderSagas" ("UpdatedAt", "CorrelationId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261208004040_SearchIndexes') THEN
    CREATE INDEX "IX_OrderSagas_UserId" ON "OrderSagas" ("UserId");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__OrdersMigrations" WHERE "MigrationId" = '20261208004040_SearchIndexes') THEN
    INSERT INTO "__OrdersMigrations" ("MigrationId", "ProductVersion")
    VALUES ('20261208004040_SearchIndexes', '10.0.15');
    END IF;
END $EF$;
COMMIT;

