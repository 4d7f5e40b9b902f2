using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Orders.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ProviderMismatchAndResolution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows of earlier versions: no provider items kept apart (an empty JSON list), no mismatch, unresolved.
            migrationBuilder.AddColumn<bool>(
                name: "ItemMismatch",
                table: "OrderSagas",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PaidCurrency",
                table: "OrderSagas",
                type: "nvarchar(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderItems",
                table: "OrderSagas",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "ProviderQuantitiesStated",
                table: "OrderSagas",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "RegisteredCurrency",
                table: "OrderSagas",
                type: "nvarchar(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Resolution",
                table: "OrderSagas",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ItemMismatch",
                table: "OrderSagas");

            migrationBuilder.DropColumn(
                name: "PaidCurrency",
                table: "OrderSagas");

            migrationBuilder.DropColumn(
                name: "ProviderItems",
                table: "OrderSagas");

            migrationBuilder.DropColumn(
                name: "ProviderQuantitiesStated",
                table: "OrderSagas");

            migrationBuilder.DropColumn(
                name: "RegisteredCurrency",
                table: "OrderSagas");

            migrationBuilder.DropColumn(
                name: "Resolution",
                table: "OrderSagas");
        }
    }
}
