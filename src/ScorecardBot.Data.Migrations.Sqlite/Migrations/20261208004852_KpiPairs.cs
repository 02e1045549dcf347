using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScorecardBot.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class KpiPairs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PairKpiId",
                table: "Kpis",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Kpis_PairKpiId",
                table: "Kpis",
                column: "PairKpiId");

            migrationBuilder.AddForeignKey(
                name: "FK_Kpis_Kpis_PairKpiId",
                table: "Kpis",
                column: "PairKpiId",
                principalTable: "Kpis",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Kpis_Kpis_PairKpiId",
                table: "Kpis");

            migrationBuilder.DropIndex(
                name: "IX_Kpis_PairKpiId",
                table: "Kpis");

            migrationBuilder.DropColumn(
                name: "PairKpiId",
                table: "Kpis");
        }
    }
}
