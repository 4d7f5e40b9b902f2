using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Payments.Orders.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_OrderSagas_UpdatedAt_CorrelationId",
                table: "OrderSagas",
                columns: new[] { "UpdatedAt", "CorrelationId" });

            migrationBuilder.CreateIndex(
                name: "IX_OrderSagas_UserId",
                table: "OrderSagas",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OrderSagas_UpdatedAt_CorrelationId",
                table: "OrderSagas");

            migrationBuilder.DropIndex(
                name: "IX_OrderSagas_UserId",
                table: "OrderSagas");
        }
    }
}
