using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KinerjaFlow.Runtime.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Approvals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_InstanceId_BookmarkId",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_TenantId_AssigneeEmployeeId_Status",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_TenantId_AssigneeRole_Status",
                table: "WorkflowTasks");

            migrationBuilder.AddColumn<bool>(
                name: "AllowRepeatApprover",
                table: "WorkflowTasks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Approved",
                table: "WorkflowTasks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "WorkflowTasks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedAt",
                table: "WorkflowTasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ClaimedByEmployeeId",
                table: "WorkflowTasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CommentRequired",
                table: "WorkflowTasks",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CompletedByEmployeeId",
                table: "WorkflowTasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DefinitionName",
                table: "WorkflowTasks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DelegatedFromEmployeeId",
                table: "WorkflowTasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DueAt",
                table: "WorkflowTasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DueHandledAt",
                table: "WorkflowTasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FormVersion",
                table: "WorkflowTasks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InitiatorName",
                table: "WorkflowTasks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InitiatorNip",
                table: "WorkflowTasks",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "InitiatorUnitId",
                table: "WorkflowTasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InitiatorUnitName",
                table: "WorkflowTasks",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "WorkflowTasks",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseUntil",
                table: "WorkflowTasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Mode",
                table: "WorkflowTasks",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "OnePerson"); // rows from before are one-person tasks

            migrationBuilder.AddColumn<string>(
                name: "OnDue",
                table: "WorkflowTasks",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Quorum",
                table: "WorkflowTasks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "WorkflowTasks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "Instances",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Committees",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Committees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Committees_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Delegations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromEmployeeId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToEmployeeId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Delegations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Delegations_Employees_FromEmployeeId",
                        column: x => x.FromEmployeeId,
                        principalTable: "Employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Delegations_Employees_ToEmployeeId",
                        column: x => x.ToEmployeeId,
                        principalTable: "Employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Delegations_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CommitteeMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    CommitteeId = table.Column<Guid>(type: "uuid", nullable: false),
                    EmployeeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommitteeMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommitteeMembers_Committees_CommitteeId",
                        column: x => x.CommitteeId,
                        principalTable: "Committees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CommitteeMembers_Employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "Employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CommitteeMembers_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_Due",
                table: "WorkflowTasks",
                column: "DueAt",
                filter: "\"DueHandledAt\" IS NULL AND \"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_InstanceId_BookmarkId_Sequence",
                table: "WorkflowTasks",
                columns: new[] { "InstanceId", "BookmarkId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_TenantId_AssigneeEmployeeId_Status_CreatedAt_~",
                table: "WorkflowTasks",
                columns: new[] { "TenantId", "AssigneeEmployeeId", "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_TenantId_AssigneeRole_Status_CreatedAt_Id",
                table: "WorkflowTasks",
                columns: new[] { "TenantId", "AssigneeRole", "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_TenantId_DefinitionId_Status_CreatedAt_Id",
                table: "WorkflowTasks",
                columns: new[] { "TenantId", "DefinitionId", "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_TenantId_InitiatorEmployeeId_CreatedAt_Id",
                table: "WorkflowTasks",
                columns: new[] { "TenantId", "InitiatorEmployeeId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_TenantId_InitiatorUnitId_Status_CreatedAt_Id",
                table: "WorkflowTasks",
                columns: new[] { "TenantId", "InitiatorUnitId", "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_TenantId_Status_CreatedAt_Id",
                table: "WorkflowTasks",
                columns: new[] { "TenantId", "Status", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_TenantId_Status_DueAt_Id",
                table: "WorkflowTasks",
                columns: new[] { "TenantId", "Status", "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Instances_TenantId_InitiatorEmployeeId_CreatedAt_Id",
                table: "Instances",
                columns: new[] { "TenantId", "InitiatorEmployeeId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeMembers_CommitteeId_EmployeeId",
                table: "CommitteeMembers",
                columns: new[] { "CommitteeId", "EmployeeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeMembers_EmployeeId",
                table: "CommitteeMembers",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_CommitteeMembers_TenantId",
                table: "CommitteeMembers",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Committees_TenantId",
                table: "Committees",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Committees_TenantId_Code",
                table: "Committees",
                columns: new[] { "TenantId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Delegations_FromEmployeeId",
                table: "Delegations",
                column: "FromEmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_Delegations_TenantId",
                table: "Delegations",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Delegations_TenantId_FromEmployeeId_To",
                table: "Delegations",
                columns: new[] { "TenantId", "FromEmployeeId", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_Delegations_TenantId_ToEmployeeId",
                table: "Delegations",
                columns: new[] { "TenantId", "ToEmployeeId" });

            migrationBuilder.CreateIndex(
                name: "IX_Delegations_ToEmployeeId",
                table: "Delegations",
                column: "ToEmployeeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommitteeMembers");

            migrationBuilder.DropTable(
                name: "Delegations");

            migrationBuilder.DropTable(
                name: "Committees");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_Due",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_InstanceId_BookmarkId_Sequence",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_TenantId_AssigneeEmployeeId_Status_CreatedAt_~",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_TenantId_AssigneeRole_Status_CreatedAt_Id",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_TenantId_DefinitionId_Status_CreatedAt_Id",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_TenantId_InitiatorEmployeeId_CreatedAt_Id",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_TenantId_InitiatorUnitId_Status_CreatedAt_Id",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_TenantId_Status_CreatedAt_Id",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_TenantId_Status_DueAt_Id",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_Instances_TenantId_InitiatorEmployeeId_CreatedAt_Id",
                table: "Instances");

            migrationBuilder.DropColumn(
                name: "AllowRepeatApprover",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "Approved",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "ClaimedAt",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "ClaimedByEmployeeId",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "CommentRequired",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "CompletedByEmployeeId",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "DefinitionName",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "DelegatedFromEmployeeId",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "DueHandledAt",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "FormVersion",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "InitiatorName",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "InitiatorNip",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "InitiatorUnitId",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "InitiatorUnitName",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "Mode",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "OnDue",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "Quorum",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "Instances");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_InstanceId_BookmarkId",
                table: "WorkflowTasks",
                columns: new[] { "InstanceId", "BookmarkId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_TenantId_AssigneeEmployeeId_Status",
                table: "WorkflowTasks",
                columns: new[] { "TenantId", "AssigneeEmployeeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_TenantId_AssigneeRole_Status",
                table: "WorkflowTasks",
                columns: new[] { "TenantId", "AssigneeRole", "Status" });
        }
    }
}
