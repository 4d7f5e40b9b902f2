using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Archive.Migrations.SqlServer
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
            // In EXEC: the idempotent script runs it in the batch that adds the column, which SQL Server compiles first.
            migrationBuilder.Sql("""
                EXEC('UPDATE [ArchivedNotifications] SET [ReceivedHour] = DATEDIFF_BIG(hour, CAST(''1970-01-01T00:00:00+00:00'' AS datetimeoffset), SWITCHOFFSET([ReceivedAt], ''+00:00''))');
                """);

            migrationBuilder.CreateTable(
                name: "RefusalSummaries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Provider = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Account = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Hour = table.Column<long>(type: "bigint", nullable: false),
                    From = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    To = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
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
