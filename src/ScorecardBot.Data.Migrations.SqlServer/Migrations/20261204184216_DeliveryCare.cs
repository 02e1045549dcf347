using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScorecardBot.Data.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryCare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FollowedUpAt",
                table: "OutboxMessages",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ParentKey",
                table: "OutboxMessages",
                type: "varchar(200)",
                unicode: false,
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DigestLayout",
                table: "Organizations",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "UnreachablePeople",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Platform = table.Column<int>(type: "int", nullable: false),
                    Reason = table.Column<string>(type: "varchar(80)", unicode: false, maxLength: 80, nullable: false),
                    Since = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ManagerToldAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnreachablePeople", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnreachablePeople_People_PersonId_OrganizationId",
                        columns: x => new { x.PersonId, x.OrganizationId },
                        principalTable: "People",
                        principalColumns: new[] { "Id", "OrganizationId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UnreachablePeople_OrganizationId_PersonId_Platform",
                table: "UnreachablePeople",
                columns: new[] { "OrganizationId", "PersonId", "Platform" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnreachablePeople_PersonId_OrganizationId",
                table: "UnreachablePeople",
                columns: new[] { "PersonId", "OrganizationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UnreachablePeople");

            migrationBuilder.DropColumn(
                name: "FollowedUpAt",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "ParentKey",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "DigestLayout",
                table: "Organizations");
        }
    }
}
