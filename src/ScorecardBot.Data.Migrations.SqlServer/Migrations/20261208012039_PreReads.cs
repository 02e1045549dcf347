using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScorecardBot.Data.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PreReads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PreReadBusinessDaysBefore",
                table: "ReviewCycles",
                type: "int",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.CreateTable(
                name: "PreReads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    KpiId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Period = table.Column<string>(type: "varchar(10)", unicode: false, maxLength: 10, nullable: false),
                    Cause = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Countermeasure = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    CountermeasureOwnerId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CountermeasureDue = table.Column<DateOnly>(type: "date", nullable: false),
                    Need = table.Column<int>(type: "int", nullable: false),
                    AnsweredById = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreReads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PreReads_Kpis_KpiId_OrganizationId",
                        columns: x => new { x.KpiId, x.OrganizationId },
                        principalTable: "Kpis",
                        principalColumns: new[] { "Id", "OrganizationId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PreReads_KpiId_OrganizationId",
                table: "PreReads",
                columns: new[] { "KpiId", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_PreReads_KpiId_Period",
                table: "PreReads",
                columns: new[] { "KpiId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PreReads_OrganizationId_AnsweredAt",
                table: "PreReads",
                columns: new[] { "OrganizationId", "AnsweredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PreReads");

            migrationBuilder.DropColumn(
                name: "PreReadBusinessDaysBefore",
                table: "ReviewCycles");
        }
    }
}
