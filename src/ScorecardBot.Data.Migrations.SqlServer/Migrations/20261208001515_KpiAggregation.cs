using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScorecardBot.Data.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class KpiAggregation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Aggregation",
                table: "Kpis",
                type: "int",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Aggregation",
                table: "Kpis");
        }
    }
}
