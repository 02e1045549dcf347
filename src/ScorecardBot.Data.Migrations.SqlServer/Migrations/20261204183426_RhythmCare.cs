using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScorecardBot.Data.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class RhythmCare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AwayFromSlackStatus",
                table: "Organizations",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "WeekendDays",
                table: "Organizations",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "[6,0]");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FirstSubmittedAt",
                table: "Actuals",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Absences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    DelegateId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Source = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Absences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Absences_People_PersonId_OrganizationId",
                        columns: x => new { x.PersonId, x.OrganizationId },
                        principalTable: "People",
                        principalColumns: new[] { "Id", "OrganizationId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LateNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    KpiId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Period = table.Column<string>(type: "varchar(10)", unicode: false, maxLength: 10, nullable: false),
                    Eta = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ReportedById = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ReportedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LateNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LateNotices_Kpis_KpiId_OrganizationId",
                        columns: x => new { x.KpiId, x.OrganizationId },
                        principalTable: "Kpis",
                        principalColumns: new[] { "Id", "OrganizationId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Absences_OrganizationId_To",
                table: "Absences",
                columns: new[] { "OrganizationId", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_Absences_PersonId_OrganizationId",
                table: "Absences",
                columns: new[] { "PersonId", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_LateNotices_KpiId_OrganizationId",
                table: "LateNotices",
                columns: new[] { "KpiId", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_LateNotices_KpiId_Period",
                table: "LateNotices",
                columns: new[] { "KpiId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LateNotices_OrganizationId_Eta",
                table: "LateNotices",
                columns: new[] { "OrganizationId", "Eta" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Absences");

            migrationBuilder.DropTable(
                name: "LateNotices");

            migrationBuilder.DropColumn(
                name: "AwayFromSlackStatus",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "WeekendDays",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "FirstSubmittedAt",
                table: "Actuals");
        }
    }
}
