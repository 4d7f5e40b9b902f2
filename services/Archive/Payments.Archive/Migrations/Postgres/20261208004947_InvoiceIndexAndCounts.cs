using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Payments.Archive.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InvoiceIndexAndCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ReceivedHour",
                table: "ArchivedNotifications",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // The rows archived before this migration: their receivedAt hour, as NotificationArchive sets it (HourCounts.HourOf).
            migrationBuilder.Sql("""
                UPDATE "ArchivedNotifications" SET "ReceivedHour" = floor(extract(epoch from "ReceivedAt") / 3600)::bigint;
                """);

            migrationBuilder.CreateTable(
                name: "RefusalSummaries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Provider = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Account = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hour = table.Column<long>(type: "bigint", nullable: false),
                    From = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    To = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RefusalSummaries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArchivedNotifications_Provider_InvoiceId",
                table: "ArchivedNotifications",
                columns: new[] { "Provider", "InvoiceId" });

            migrationBuilder.CreateIndex(
                name: "IX_ArchivedNotifications_ReceivedHour_Provider",
                table: "ArchivedNotifications",
                columns: new[] { "ReceivedHour", "Provider" });

            migrationBuilder.CreateIndex(
                name: "IX_RefusalSummaries_Hour_Provider",
                table: "RefusalSummaries",
                columns: new[] { "Hour", "Provider" });

            migrationBuilder.CreateIndex(
                name: "IX_RefusalSummaries_MessageId",
                table: "RefusalSummaries",
                column: "MessageId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RefusalSummaries");

            migrationBuilder.DropIndex(
                name: "IX_ArchivedNotifications_Provider_InvoiceId",
                table: "ArchivedNotifications");

            migrationBuilder.DropIndex(
                name: "IX_ArchivedNotifications_ReceivedHour_Provider",
                table: "ArchivedNotifications");

            migrationBuilder.DropColumn(
                name: "ReceivedHour",
                table: "ArchivedNotifications");
        }
    }
}
