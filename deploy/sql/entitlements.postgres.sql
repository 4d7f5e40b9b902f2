CREATE TABLE IF NOT EXISTS "__EntitlementsMigrations" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL,
    CONSTRAINT "PK___EntitlementsMigrations" PRIMARY KEY ("MigrationId")
);

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EntitlementsMigrations" WHERE "MigrationId" = '20261121125630_Initial') THEN
    CREATE TABLE "Grants" (
        "OrderId" uuid NOT NULL,
        "Sku" character varying(128) NOT NULL,
        "Quantity" integer NOT NULL,
        "UserId" character varying(128) NOT NULL,
        "Provider" character varying(32) NOT NULL,
        "Account" character varying(64) NOT NULL,
        "Environment" character varying(16) NOT NULL,
        "GrantedAt" timestamp with time zone NOT NULL,
        "RevokedAt" timestamp with time zone,
        "RevokeReason" character varying(64),
        CONSTRAINT "PK_Grants" PRIMARY KEY ("OrderId", "Sku")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EntitlementsMigrations" WHERE "MigrationId" = '20261121125630_Initial') THEN
    CREATE TABLE "KnownUsers" (
        "UserId" character varying(128) NOT NULL,
        "Source" character varying(16) NOT NULL,
        "KnownSince" timestamp with time zone NOT NULL,
        CONSTRAINT "PK_KnownUsers" PRIMARY KEY ("UserId")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EntitlementsMigrations" WHERE "MigrationId" = '20261121125630_Initial') THEN
    CREATE TABLE "LedgerOrders" (
        "OrderId" uuid NOT NULL,
        "UserId" character varying(128) NOT NULL,
        "Provider" character varying(32) NOT NULL,
        "Account" character varying(64) NOT NULL,
        "Environment" character varying(16) NOT NULL,
        "GrantedAt" timestamp with time zone,
        "RevokedAt" timestamp with time zone,
        "RevokeReason" character varying(64),
        CONSTRAINT "PK_LedgerOrders" PRIMARY KEY ("OrderId")
    );
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EntitlementsMigrations" WHERE "MigrationId" = '20261121125630_Initial') THEN
    CREATE INDEX "IX_Grants_UserId_Environment" ON "Grants" ("UserId", "Environment");
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EntitlementsMigrations" WHERE "MigrationId" = '20261121125630_Initial') THEN
    INSERT INTO "__EntitlementsMigrations" ("MigrationId", "ProductVersion")
    VALUES ('20261121125630_Initial', '10.0.15');
    END IF;
END $EF$;
COMMIT;

START TRANSACTION;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EntitlementsMigrations" WHERE "MigrationId" = '20261202002756_FieldLimits') THEN
    ALTER TABLE "LedgerOrders" ALTER COLUMN "UserId" TYPE character varying(255);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EntitlementsMigrations" WHERE "MigrationId" = '20261202002756_FieldLimits') THEN
    ALTER TABLE "KnownUsers" ALTER COLUMN "UserId" TYPE character varying(255);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EntitlementsMigrations" WHERE "MigrationId" = '20261202002756_FieldLimits') THEN
    ALTER TABLE "Grants" ALTER COLUMN "UserId" TYPE character varying(255);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EntitlementsMigrations" WHERE "MigrationId" = '20261202002756_FieldLimits') THEN
    ALTER TABLE "Grants" ALTER COLUMN "Sku" TYPE character varying(255);
    END IF;
END $EF$;

DO $EF$
BEGIN
    IF NOT EXISTS(SELECT 1 FROM "__EntitlementsMigrations" WHERE "MigrationId" = '20261202002756_FieldLimits') THEN
    INSERT INTO "__EntitlementsMigrations" ("MigrationId", "ProductVersion")
    VALUES ('20261202002756_FieldLimits', '10.0.15');
    END IF;
END $EF$;
COMMIT;

