using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScorecardBot.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryCare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FollowedUpAt",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ParentKey",
                table: "OutboxMessages",
                type: "TEXT",
                unicode: false,
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DigestLayout",
                table: "Organizations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "UnreachablePeople",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Platform = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", unicode: false, maxLength: 80, nullable: false),
                    Since = table.Column<long>(type: "INTEGER", nullable: false),
                    ManagerToldAt = table.Column<long>(type: "INTEGER", nullable: true)
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
