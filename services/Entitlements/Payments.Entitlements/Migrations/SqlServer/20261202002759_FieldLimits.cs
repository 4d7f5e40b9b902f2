using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Entitlements.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class FieldLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "UserId",
                table: "LedgerOrders",
                type: "nvarchar(255)",
                maxLength: 255,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(128)",
                oldMaxLength: 128);

            // SQL Server alters a primary key column only without its key (EF rebuilds indexes, not keys).
            migrationBuilder.DropPrimaryKey(name: "PK_KnownUsers", table: "KnownUsers");
            migrationBuilder.DropPrimaryKey(name: "PK_Grants", table: "Grants");

            migrationBuilder.AlterColumn<string>(
                name: "UserId",
                table: "KnownUsers",
                type: "nvarchar(255)",
                maxLength: 255,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(128)",
                oldMaxLength: 128);

            migrationBuilder.AlterColumn<string>(
                name: "UserId",
                table: "Grants",
                type: "nvarchar(255)",
                maxLength: 255,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(128)",
                oldMaxLength: 128);

            migrationBuilder.AlterColumn<string>(
                name: "Sku",
                table: "Grants",
                type: "nvarchar(255)",
                maxLength: 255,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(128)",
                oldMaxLength: 128);

            migrationBuilder.AddPrimaryKey(name: "PK_KnownUsers", table: "KnownUsers", column: "UserId");
            migrationBuilder.AddPrimaryKey(name: "PK_Grants", table: "Grants", columns: new[] { "OrderId", "Sku" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "UserId",
                table: "LedgerOrders",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(255)",
                oldMaxLength: 255);

            // SQL Server alters a primary key column only without its key (EF rebuilds indexes, not keys).
            migrationBuilder.DropPrimaryKey(name: "PK_KnownUsers", table: "KnownUsers");
            migrationBuilder.DropPrimaryKey(name: "PK_Grants", table: "Grants");

            migrationBuilder.AlterColumn<string>(
                name: "UserId",
                table: "KnownUsers",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(255)",
                oldMaxLength: 255);

            migrationBuilder.AlterColumn<string>(
                name: "UserId",
                table: "Grants",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(255)",
                oldMaxLength: 255);

            migrationBuilder.AlterColumn<string>(
                name: "Sku",
                table: "Grants",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(255)",
                oldMaxLength: 255);

            migrationBuilder.AddPrimaryKey(name: "PK_KnownUsers", table: "KnownUsers", column: "UserId");
            migrationBuilder.AddPrimaryKey(name: "PK_Grants", table: "Grants", columns: new[] { "OrderId", "Sku" });
        }
    }
}
