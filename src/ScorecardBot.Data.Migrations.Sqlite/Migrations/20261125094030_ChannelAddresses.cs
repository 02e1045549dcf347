using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScorecardBot.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ChannelAddresses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConversationReferences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Platform = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    TenantOrTeamId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    BotId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversationReferences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConversationReferences_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConversationReferences_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "SlackInstallations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    TeamName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EnterpriseId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ProtectedBotToken = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    BotUserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    AppId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Scopes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    InstalledAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlackInstallations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationReferences_OrganizationId_Platform_ConversationId",
                table: "ConversationReferences",
                columns: new[] { "OrganizationId", "Platform", "ConversationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConversationReferences_OrganizationId_Platform_PersonId",
                table: "ConversationReferences",
                columns: new[] { "OrganizationId", "Platform", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationReferences_PersonId",
                table: "ConversationReferences",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_SlackInstallations_TeamId",
                table: "SlackInstallations",
                column: "TeamId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConversationReferences");

            migrationBuilder.DropTable(
                name: "SlackInstallations");
        }
    }
}
