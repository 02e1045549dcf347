using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ScorecardBot.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ActualCommentAuthor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CommentById",
                table: "Actuals",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CommentByName",
                table: "Actuals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CommentById",
                table: "Actuals");

            migrationBuilder.DropColumn(
                name: "CommentByName",
                table: "Actuals");
        }
    }
}
