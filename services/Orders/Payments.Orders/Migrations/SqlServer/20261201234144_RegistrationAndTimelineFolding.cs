using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Orders.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RegistrationAndTimelineFolding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows of earlier versions: no registered items of their own (an empty JSON list), nothing folded.
            migrationBuilder.AddColumn<string>(
                name: "RegisteredItems",
                table: "OrderSagas",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "RegisteredUserId",
                table: "OrderSagas",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TimelineFolded",
                table: "OrderSagas",
                type: "int",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RegisteredItems",
                table: "OrderSagas");

            migrationBuilder.DropColumn(
                name: "RegisteredUserId",
                table: "OrderSagas");

            migrationBuilder.DropColumn(
                name: "TimelineFolded",
                table: "OrderSagas");
        }
    }
}
