using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KinerjaFlow.Runtime.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ApprovalsInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_TenantId_AssigneeEmployeeId_Status",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_TenantId_AssigneeRole_Status",
                table: "WorkflowTasks");

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "WorkflowTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "CommentRequired",
                table: "WorkflowTasks",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DefinitionName",
                table: "WorkflowTasks",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DueAt",
                table: "WorkflowTasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DueHandledAt",
                table: "WorkflowTasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FormVersion",
                table: "WorkflowTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InitiatorName",
                table: "WorkflowTasks",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InitiatorNip",
                table: "WorkflowTasks",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "InitiatorUnitId",
                table: "WorkflowTasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InitiatorUnitName",
                table: "WorkflowTasks",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "WorkflowTasks",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseUntil",
                table: "WorkflowTasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OnDue",
                table: "WorkflowTasks",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "Instances",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_Due",
                table: "WorkflowTasks",
                column: "DueAt",
                filter: "\"DueHandledAt\" IS NULL AND \"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTasks_TenantId_AssigneeEmployeeId_Status_CreatedAt_Id",
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_Due",
                table: "WorkflowTasks");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowTasks_TenantId_AssigneeEmployeeId_Status_CreatedAt_Id",
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
                name: "Attempts",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "CommentRequired",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "DefinitionName",
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
                name: "OnDue",
                table: "WorkflowTasks");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "Instances");

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
