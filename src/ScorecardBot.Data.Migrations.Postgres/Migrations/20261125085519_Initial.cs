using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ScorecardBot.Data.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Organizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TimeZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FiscalYearStartMonth = table.Column<int>(type: "integer", nullable: false),
                    Locale = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    TeamsTenantId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    SlackTeamId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    MentionOwners = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    KpiId = table.Column<Guid>(type: "uuid", nullable: true),
                    Period = table.Column<string>(type: "character varying(10)", unicode: false, maxLength: 10, nullable: true),
                    Change = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OldValue = table.Column<string>(type: "text", nullable: true),
                    NewValue = table.Column<string>(type: "text", nullable: true),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Via = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AuditEntries_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Holidays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Holidays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Holidays_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    TimeZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                    table.UniqueConstraint("AK_People_Id_OrganizationId", x => new { x.Id, x.OrganizationId });
                    table.ForeignKey(
                        name: "FK_People_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChannelAccounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Platform = table.Column<int>(type: "integer", nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ChannelUserId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChannelAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChannelAccounts_People_PersonId_OrganizationId",
                        columns: x => new { x.PersonId, x.OrganizationId },
                        principalTable: "People",
                        principalColumns: new[] { "Id", "OrganizationId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Actuals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    KpiId = table.Column<Guid>(type: "uuid", nullable: false),
                    Period = table.Column<string>(type: "character varying(10)", unicode: false, maxLength: 10, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    NoDataReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SubmittedById = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmittedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    CarriedForward = table.Column<bool>(type: "boolean", nullable: false),
                    PendingApproval = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Actuals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Actuals_People_SubmittedById",
                        column: x => x.SubmittedById,
                        principalTable: "People",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "Initiatives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ScorecardId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Start = table.Column<DateOnly>(type: "date", nullable: true),
                    End = table.Column<DateOnly>(type: "date", nullable: true),
                    Budget = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    Spent = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    DecisionNeeded = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ObjectiveIds = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    KpiIds = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Initiatives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Initiatives_People_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "People",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "Milestones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InitiativeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Due = table.Column<DateOnly>(type: "date", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Milestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Milestones_Initiatives_InitiativeId",
                        column: x => x.InitiativeId,
                        principalTable: "Initiatives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Kpis",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScorecardId = table.Column<Guid>(type: "uuid", nullable: false),
                    ObjectiveId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Aliases = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Unit = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Format = table.Column<int>(type: "integer", nullable: false),
                    Decimals = table.Column<int>(type: "integer", nullable: false),
                    Formula = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DataSource = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Direction = table.Column<int>(type: "integer", nullable: false),
                    Indicator = table.Column<int>(type: "integer", nullable: false),
                    Frequency = table.Column<int>(type: "integer", nullable: false),
                    Baseline = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    DelegateId = table.Column<Guid>(type: "uuid", nullable: true),
                    Weight = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    FedByApi = table.Column<bool>(type: "boolean", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Kpis", x => x.Id);
                    table.UniqueConstraint("AK_Kpis_Id_OrganizationId", x => new { x.Id, x.OrganizationId });
                    table.ForeignKey(
                        name: "FK_Kpis_People_DelegateId",
                        column: x => x.DelegateId,
                        principalTable: "People",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Kpis_People_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "People",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "Targets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    KpiId = table.Column<Guid>(type: "uuid", nullable: false),
                    Period = table.Column<string>(type: "character varying(10)", unicode: false, maxLength: 10, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    BandLow = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    BandHigh = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    ThresholdStyle = table.Column<int>(type: "integer", nullable: false),
                    Amber = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    Red = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Targets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Targets_Kpis_KpiId_OrganizationId",
                        columns: x => new { x.KpiId, x.OrganizationId },
                        principalTable: "Kpis",
                        principalColumns: new[] { "Id", "OrganizationId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ObjectiveLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ScorecardId = table.Column<Guid>(type: "uuid", nullable: false),
                    CauseObjectiveId = table.Column<Guid>(type: "uuid", nullable: false),
                    EffectObjectiveId = table.Column<Guid>(type: "uuid", nullable: false),
                    Rationale = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObjectiveLinks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Objectives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ScorecardId = table.Column<Guid>(type: "uuid", nullable: false),
                    PerspectiveId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    ParentObjectiveId = table.Column<Guid>(type: "uuid", nullable: true),
                    Weight = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Objectives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Objectives_Objectives_ParentObjectiveId",
                        column: x => x.ParentObjectiveId,
                        principalTable: "Objectives",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Objectives_People_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "People",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "Scorecards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ParentScorecardId = table.Column<Guid>(type: "uuid", nullable: true),
                    SupportsObjectiveId = table.Column<Guid>(type: "uuid", nullable: true),
                    Weight = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    ManagerId = table.Column<Guid>(type: "uuid", nullable: true),
                    RequiresApproval = table.Column<bool>(type: "boolean", nullable: false),
                    LockAfterReview = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Scorecards", x => x.Id);
                    table.UniqueConstraint("AK_Scorecards_Id_OrganizationId", x => new { x.Id, x.OrganizationId });
                    table.ForeignKey(
                        name: "FK_Scorecards_Objectives_SupportsObjectiveId",
                        column: x => x.SupportsObjectiveId,
                        principalTable: "Objectives",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Scorecards_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Scorecards_People_ManagerId",
                        column: x => x.ManagerId,
                        principalTable: "People",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Scorecards_Scorecards_ParentScorecardId",
                        column: x => x.ParentScorecardId,
                        principalTable: "Scorecards",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "Perspectives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ScorecardId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Weight = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Perspectives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Perspectives_Scorecards_ScorecardId",
                        column: x => x.ScorecardId,
                        principalTable: "Scorecards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScorecardId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Due = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RaisedInPeriod = table.Column<string>(type: "character varying(10)", unicode: false, maxLength: 10, nullable: true),
                    KpiId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewActions_Kpis_KpiId",
                        column: x => x.KpiId,
                        principalTable: "Kpis",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_ReviewActions_People_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "People",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_ReviewActions_Scorecards_ScorecardId_OrganizationId",
                        columns: x => new { x.ScorecardId, x.OrganizationId },
                        principalTable: "Scorecards",
                        principalColumns: new[] { "Id", "OrganizationId" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewCycles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ScorecardId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    WeekOfMonth = table.Column<int>(type: "integer", nullable: false),
                    DayOfWeek = table.Column<int>(type: "integer", nullable: false),
                    MeetingTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    WindowOpensBusinessDaysBefore = table.Column<int>(type: "integer", nullable: false),
                    DueBusinessDaysBefore = table.Column<int>(type: "integer", nullable: false),
                    ReminderBusinessDays = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    EscalateBusinessDaysAfterDue = table.Column<int>(type: "integer", nullable: false),
                    DigestBusinessDaysBefore = table.Column<int>(type: "integer", nullable: false),
                    SendTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    MeetingMinutes = table.Column<int>(type: "integer", nullable: false),
                    WindowOverride = table.Column<bool>(type: "boolean", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewCycles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewCycles_Scorecards_ScorecardId",
                        column: x => x.ScorecardId,
                        principalTable: "Scorecards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeamChannels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ScorecardId = table.Column<Guid>(type: "uuid", nullable: false),
                    Platform = table.Column<int>(type: "integer", nullable: false),
                    ConversationId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ServiceUrl = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamChannels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeamChannels_Scorecards_ScorecardId",
                        column: x => x.ScorecardId,
                        principalTable: "Scorecards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Actuals_KpiId_OrganizationId",
                table: "Actuals",
                columns: new[] { "KpiId", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Actuals_KpiId_Period",
                table: "Actuals",
                columns: new[] { "KpiId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Actuals_OrganizationId_Period",
                table: "Actuals",
                columns: new[] { "OrganizationId", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_Actuals_SubmittedById",
                table: "Actuals",
                column: "SubmittedById");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_KpiId_Period",
                table: "AuditEntries",
                columns: new[] { "KpiId", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_OrganizationId_At",
                table: "AuditEntries",
                columns: new[] { "OrganizationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SubjectId_At",
                table: "AuditEntries",
                columns: new[] { "SubjectId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ChannelAccounts_OrganizationId_Platform_ExternalId",
                table: "ChannelAccounts",
                columns: new[] { "OrganizationId", "Platform", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChannelAccounts_PersonId_OrganizationId",
                table: "ChannelAccounts",
                columns: new[] { "PersonId", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Holidays_OrganizationId_Date",
                table: "Holidays",
                columns: new[] { "OrganizationId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_OwnerId",
                table: "Initiatives",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Initiatives_ScorecardId_Key",
                table: "Initiatives",
                columns: new[] { "ScorecardId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Kpis_DelegateId",
                table: "Kpis",
                column: "DelegateId");

            migrationBuilder.CreateIndex(
                name: "IX_Kpis_ObjectiveId",
                table: "Kpis",
                column: "ObjectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_Kpis_OrganizationId_Key",
                table: "Kpis",
                columns: new[] { "OrganizationId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Kpis_OwnerId",
                table: "Kpis",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Kpis_ScorecardId_OrganizationId",
                table: "Kpis",
                columns: new[] { "ScorecardId", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_InitiativeId",
                table: "Milestones",
                column: "InitiativeId");

            migrationBuilder.CreateIndex(
                name: "IX_ObjectiveLinks_CauseObjectiveId_EffectObjectiveId",
                table: "ObjectiveLinks",
                columns: new[] { "CauseObjectiveId", "EffectObjectiveId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ObjectiveLinks_EffectObjectiveId",
                table: "ObjectiveLinks",
                column: "EffectObjectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_ObjectiveLinks_ScorecardId",
                table: "ObjectiveLinks",
                column: "ScorecardId");

            migrationBuilder.CreateIndex(
                name: "IX_Objectives_OwnerId",
                table: "Objectives",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Objectives_ParentObjectiveId",
                table: "Objectives",
                column: "ParentObjectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_Objectives_PerspectiveId",
                table: "Objectives",
                column: "PerspectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_Objectives_ScorecardId_Key",
                table: "Objectives",
                columns: new[] { "ScorecardId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_SlackTeamId",
                table: "Organizations",
                column: "SlackTeamId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_TeamsTenantId",
                table: "Organizations",
                column: "TeamsTenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_OrganizationId_Email",
                table: "People",
                columns: new[] { "OrganizationId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Perspectives_ScorecardId",
                table: "Perspectives",
                column: "ScorecardId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_KpiId",
                table: "ReviewActions",
                column: "KpiId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_OrganizationId_Number",
                table: "ReviewActions",
                columns: new[] { "OrganizationId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_OwnerId",
                table: "ReviewActions",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_ScorecardId_OrganizationId",
                table: "ReviewActions",
                columns: new[] { "ScorecardId", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewCycles_ScorecardId_Kind",
                table: "ReviewCycles",
                columns: new[] { "ScorecardId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Scorecards_ManagerId",
                table: "Scorecards",
                column: "ManagerId");

            migrationBuilder.CreateIndex(
                name: "IX_Scorecards_OrganizationId_Key",
                table: "Scorecards",
                columns: new[] { "OrganizationId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Scorecards_ParentScorecardId",
                table: "Scorecards",
                column: "ParentScorecardId");

            migrationBuilder.CreateIndex(
                name: "IX_Scorecards_SupportsObjectiveId",
                table: "Scorecards",
                column: "SupportsObjectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_Targets_KpiId_OrganizationId",
                table: "Targets",
                columns: new[] { "KpiId", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Targets_KpiId_Period",
                table: "Targets",
                columns: new[] { "KpiId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Targets_OrganizationId",
                table: "Targets",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamChannels_ScorecardId_Platform_ConversationId",
                table: "TeamChannels",
                columns: new[] { "ScorecardId", "Platform", "ConversationId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Actuals_Kpis_KpiId_OrganizationId",
                table: "Actuals",
                columns: new[] { "KpiId", "OrganizationId" },
                principalTable: "Kpis",
                principalColumns: new[] { "Id", "OrganizationId" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Initiatives_Scorecards_ScorecardId",
                table: "Initiatives",
                column: "ScorecardId",
                principalTable: "Scorecards",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Kpis_Objectives_ObjectiveId",
                table: "Kpis",
                column: "ObjectiveId",
                principalTable: "Objectives",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_Kpis_Scorecards_ScorecardId_OrganizationId",
                table: "Kpis",
                columns: new[] { "ScorecardId", "OrganizationId" },
                principalTable: "Scorecards",
                principalColumns: new[] { "Id", "OrganizationId" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_ObjectiveLinks_Objectives_CauseObjectiveId",
                table: "ObjectiveLinks",
                column: "CauseObjectiveId",
                principalTable: "Objectives",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_ObjectiveLinks_Objectives_EffectObjectiveId",
                table: "ObjectiveLinks",
                column: "EffectObjectiveId",
                principalTable: "Objectives",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_ObjectiveLinks_Scorecards_ScorecardId",
                table: "ObjectiveLinks",
                column: "ScorecardId",
                principalTable: "Scorecards",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Objectives_Perspectives_PerspectiveId",
                table: "Objectives",
                column: "PerspectiveId",
                principalTable: "Perspectives",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_Objectives_Scorecards_ScorecardId",
                table: "Objectives",
                column: "ScorecardId",
                principalTable: "Scorecards",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Objectives_People_OwnerId",
                table: "Objectives");

            migrationBuilder.DropForeignKey(
                name: "FK_Scorecards_People_ManagerId",
                table: "Scorecards");

            migrationBuilder.DropForeignKey(
                name: "FK_Scorecards_Organizations_OrganizationId",
                table: "Scorecards");

            migrationBuilder.DropForeignKey(
                name: "FK_Objectives_Scorecards_ScorecardId",
                table: "Objectives");

            migrationBuilder.DropForeignKey(
                name: "FK_Perspectives_Scorecards_ScorecardId",
                table: "Perspectives");

            migrationBuilder.DropTable(
                name: "Actuals");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "ChannelAccounts");

            migrationBuilder.DropTable(
                name: "Holidays");

            migrationBuilder.DropTable(
                name: "Milestones");

            migrationBuilder.DropTable(
                name: "ObjectiveLinks");

            migrationBuilder.DropTable(
                name: "ReviewActions");

            migrationBuilder.DropTable(
                name: "ReviewCycles");

            migrationBuilder.DropTable(
                name: "Targets");

            migrationBuilder.DropTable(
                name: "TeamChannels");

            migrationBuilder.DropTable(
                name: "Initiatives");

            migrationBuilder.DropTable(
                name: "Kpis");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "Organizations");

            migrationBuilder.DropTable(
                name: "Scorecards");

            migrationBuilder.DropTable(
                name: "Objectives");

            migrationBuilder.DropTable(
                name: "Perspectives");
        }
    }
}
