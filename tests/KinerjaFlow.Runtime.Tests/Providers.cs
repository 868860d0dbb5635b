using KinerjaFlow.Testing;

namespace KinerjaFlow.Runtime.Tests;

// Every persistence test class below has a SQLite and a PostgreSQL variant, one fresh database each.

public sealed class SqliteDatabase : SqliteTestDatabase;

public sealed class PostgreSqlDatabase : PostgreSqlTestDatabase;

public sealed class TenantIsolationTests_Sqlite(SqliteDatabase db) : Tenancy.TenantIsolationTests(db), IClassFixture<SqliteDatabase>;

public sealed class TenantIsolationTests_PostgreSql(PostgreSqlDatabase db) : Tenancy.TenantIsolationTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class DemoSeedTests_Sqlite(SqliteDatabase db) : Seeding.DemoSeedTests(db), IClassFixture<SqliteDatabase>;

public sealed class DemoSeedTests_PostgreSql(PostgreSqlDatabase db) : Seeding.DemoSeedTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class OrgDirectoryTests_Sqlite(SqliteDatabase db) : Org.OrgDirectoryTests(db), IClassFixture<SqliteDatabase>;

public sealed class OrgDirectoryTests_PostgreSql(PostgreSqlDatabase db) : Org.OrgDirectoryTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class OrgCsvImportTests_Sqlite(SqliteDatabase db) : Org.OrgCsvImportTests(db), IClassFixture<SqliteDatabase>;

public sealed class OrgCsvImportTests_PostgreSql(PostgreSqlDatabase db) : Org.OrgCsvImportTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class PemdaGeneratorTests_Sqlite(SqliteDatabase db) : Seeding.PemdaGeneratorTests(db), IClassFixture<SqliteDatabase>;

public sealed class PemdaGeneratorTests_PostgreSql(PostgreSqlDatabase db) : Seeding.PemdaGeneratorTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class WorkflowRuntimeTests_Sqlite(SqliteDatabase db) : Workflows.WorkflowRuntimeTests(db), IClassFixture<SqliteDatabase>;

public sealed class WorkflowRuntimeTests_PostgreSql(PostgreSqlDatabase db) : Workflows.WorkflowRuntimeTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class DurableRuntimeTests_Sqlite(SqliteDatabase db) : Workflows.DurableRuntimeTests(db), IClassFixture<SqliteDatabase>;

public sealed class DurableRuntimeTests_PostgreSql(PostgreSqlDatabase db) : Workflows.DurableRuntimeTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class DefinitionVersionsTests_Sqlite(SqliteDatabase db) : Workflows.DefinitionVersionsTests(db), IClassFixture<SqliteDatabase>;

public sealed class DefinitionVersionsTests_PostgreSql(PostgreSqlDatabase db) : Workflows.DefinitionVersionsTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class BulkStartTests_Sqlite(SqliteDatabase db) : Workflows.BulkStartTests(db), IClassFixture<SqliteDatabase>;

public sealed class BulkStartTests_PostgreSql(PostgreSqlDatabase db) : Workflows.BulkStartTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class BackgroundRuntimeTests_Sqlite(SqliteDatabase db) : Workflows.BackgroundRuntimeTests(db), IClassFixture<SqliteDatabase>;

public sealed class BackgroundRuntimeTests_PostgreSql(PostgreSqlDatabase db) : Workflows.BackgroundRuntimeTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class FormStoreTests_Sqlite(SqliteDatabase db) : Forms.FormStoreTests(db), IClassFixture<SqliteDatabase>;

public sealed class FormStoreTests_PostgreSql(PostgreSqlDatabase db) : Forms.FormStoreTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class IndicatorCatalogTests_Sqlite(SqliteDatabase db) : Indicators.IndicatorCatalogTests(db), IClassFixture<SqliteDatabase>;

public sealed class IndicatorCatalogTests_PostgreSql(PostgreSqlDatabase db) : Indicators.IndicatorCatalogTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class ApiTokenServiceTests_Sqlite(SqliteDatabase db) : Identity.ApiTokenServiceTests(db), IClassFixture<SqliteDatabase>;

public sealed class ApiTokenServiceTests_PostgreSql(PostgreSqlDatabase db) : Identity.ApiTokenServiceTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class TemplateClonerTests_Sqlite(SqliteDatabase db) : Templates.TemplateClonerTests(db), IClassFixture<SqliteDatabase>;

public sealed class TemplateClonerTests_PostgreSql(PostgreSqlDatabase db) : Templates.TemplateClonerTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class InstanceMonitorTests_Sqlite(SqliteDatabase db) : Workflows.InstanceMonitorTests(db), IClassFixture<SqliteDatabase>;

public sealed class InstanceMonitorTests_PostgreSql(PostgreSqlDatabase db) : Workflows.InstanceMonitorTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class AssigneeRuleTests_Sqlite(SqliteDatabase db) : Workflows.AssigneeRuleTests(db), IClassFixture<SqliteDatabase>;

public sealed class AssigneeRuleTests_PostgreSql(PostgreSqlDatabase db) : Workflows.AssigneeRuleTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class ApprovalModeTests_Sqlite(SqliteDatabase db) : Workflows.ApprovalModeTests(db), IClassFixture<SqliteDatabase>;

public sealed class ApprovalModeTests_PostgreSql(PostgreSqlDatabase db) : Workflows.ApprovalModeTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class TaskAssignmentTests_Sqlite(SqliteDatabase db) : Workflows.TaskAssignmentTests(db), IClassFixture<SqliteDatabase>;

public sealed class TaskAssignmentTests_PostgreSql(PostgreSqlDatabase db) : Workflows.TaskAssignmentTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class TaskInboxTests_Sqlite(SqliteDatabase db) : Workflows.Tasks.TaskInboxTests(db), IClassFixture<SqliteDatabase>;

public sealed class TaskInboxTests_PostgreSql(PostgreSqlDatabase db) : Workflows.Tasks.TaskInboxTests(db), IClassFixture<PostgreSqlDatabase>;

public sealed class TaskLifecycleTests_Sqlite(SqliteDatabase db) : Workflows.Tasks.TaskLifecycleTests(db), IClassFixture<SqliteDatabase>;

public sealed class TaskLifecycleTests_PostgreSql(PostgreSqlDatabase db) : Workflows.Tasks.TaskLifecycleTests(db), IClassFixture<PostgreSqlDatabase>;

