using System.Security.Cryptography;
using System.Text;
using KinerjaFlow.Runtime.Identity;
using KinerjaFlow.Runtime.Identity.ApiTokens;
using KinerjaFlow.Runtime.Persistence;
using KinerjaFlow.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace KinerjaFlow.Runtime.Tests.Identity;

public abstract class ApiTokenServiceTests(TestDatabase database) : DatabaseTests(database)
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly Clock _clock = new();

    private async Task<(Guid UserId, Guid TenantId)> UserAsync(string email)
    {
        await using var db = Database.CreateContext(null);
        var user = await db.Users.SingleAsync(u => u.Email == email);
        return (user.Id, user.TenantId!.Value);
    }

    private ApiTokenService Service(KinerjaFlowDbContext db) => new(db, _clock, NullLogger<ApiTokenService>.Instance);

    private async Task<string> CreatePersonalAsync(string email, int? days = null, IReadOnlyCollection<string>? roles = null)
    {
        var (user, tenant) = await UserAsync(email);
        await using var db = Database.CreateContext(tenant);
        var created = await Service(db).CreatePersonalAsync(user, "uji", days, roles, CancellationToken.None);
        Assert.Null(created.Problem);
        return created.Secret!;
    }

    private async Task<ApiTokenIdentity?> ValidateAsync(string secret)
    {
        // Validation runs before anyone is known: no tenant in force.
        await using var db = Database.CreateContext(null);
        return await Service(db).ValidateAsync(secret, CancellationToken.None);
    }

    [SkippableFact]
    public async Task A_personal_token_stands_for_its_owner_and_only_its_hash_is_kept()
    {
        var secret = await CreatePersonalAsync("pegawai@semarang.demo");
        var (user, tenant) = await UserAsync("pegawai@semarang.demo");

        var identity = await ValidateAsync(secret);
        Assert.NotNull(identity);
        Assert.Equal(user, identity.UserId);
        Assert.Equal(tenant, identity.TenantId);
        Assert.Equal("semarang", identity.TenantSlug);
        Assert.Equal([Roles.Pegawai], identity.Roles);
        Assert.NotNull(identity.EmployeeId);

        await using var db = Database.CreateContext(tenant);
        var row = await db.ApiTokens.SingleAsync(t => t.Id == identity.TokenId);
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(secret)), row.Hash);
        Assert.Equal(_clock.Now.UtcDateTime.AddDays(ApiTokenService.DefaultPersonalDays), row.ExpiresAt);
        Assert.Null(await ValidateAsync(secret[..^1] + (secret[^1] == 'a' ? 'b' : 'a')));
    }

    [SkippableFact]
    public async Task A_token_stops_at_its_expiry_and_records_its_use_at_most_once_a_minute()
    {
        var secret = await CreatePersonalAsync("atasan@semarang.demo", days: 2);
        var first = _clock.Now;
        var id = (await ValidateAsync(secret))!.TokenId;

        async Task<DateTime?> LastUsedAsync()
        {
            await using var db = Database.CreateContext(null);
            return await db.ApiTokens.IgnoreQueryFilters().Where(t => t.Id == id).Select(t => t.LastUsedAt).SingleAsync();
        }

        Assert.Equal(first.UtcDateTime, await LastUsedAsync());
        _clock.Now = first.AddSeconds(50);
        Assert.NotNull(await ValidateAsync(secret));
        Assert.Equal(first.UtcDateTime, await LastUsedAsync());
        _clock.Now = first.AddSeconds(61);
        Assert.NotNull(await ValidateAsync(secret));
        Assert.Equal(first.AddSeconds(61).UtcDateTime, await LastUsedAsync());

        _clock.Now = first.AddDays(2);
        Assert.Null(await ValidateAsync(secret));
    }

    [SkippableFact]
    public async Task A_role_taken_from_the_owner_is_taken_from_the_token_and_a_move_to_another_pemda_ends_it()
    {
        var all = await CreatePersonalAsync("pemilik@tangsel.demo");
        var narrowed = await CreatePersonalAsync("pemilik@tangsel.demo", roles: [Roles.Pemilik]);
        var (user, _) = await UserAsync("pemilik@tangsel.demo");
        await using (var db = Database.CreateContext(null))
        {
            var atasan = await db.Roles.SingleAsync(r => r.Name == Roles.Atasan);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user, RoleId = atasan.Id });
            await db.SaveChangesAsync();
        }

        // Without narrowing, the token follows the owner's roles of today; narrowed, it keeps to its subset.
        Assert.Equal([Roles.Atasan, Roles.Pemilik], (await ValidateAsync(all))!.Roles.Order());
        Assert.Equal([Roles.Pemilik], (await ValidateAsync(narrowed))!.Roles);

        await using (var db = Database.CreateContext(null))
        {
            var pemilik = await db.Roles.SingleAsync(r => r.Name == Roles.Pemilik);
            await db.UserRoles.Where(r => r.UserId == user && r.RoleId == pemilik.Id).ExecuteDeleteAsync();
        }

        Assert.Null(await ValidateAsync(narrowed));
        Assert.Equal([Roles.Atasan], (await ValidateAsync(all))!.Roles);

        var kotalama = await Database.TenantIdAsync("kotalama");
        await using (var db = Database.CreateContext(null))
            await db.Users.Where(u => u.Id == user).ExecuteUpdateAsync(s => s.SetProperty(u => u.TenantId, kotalama));
        Assert.Null(await ValidateAsync(all));
    }

    [SkippableFact]
    public async Task Clients_belong_to_their_pemda_carry_only_pemda_roles_and_stop_when_revoked()
    {
        var (admin, banjarbaru) = await UserAsync("admin@banjarbaru.demo");
        var palangkaraya = await Database.TenantIdAsync("palangkaraya");
        ApiTokenCreateResult created;
        await using (var db = Database.CreateContext(banjarbaru))
        {
            var service = Service(db);
            Assert.Equal("roles", (await service.CreateClientAsync(admin, "tanpa peran", null, [], CancellationToken.None)).Problem?.Field);
            Assert.Equal("roles", (await service.CreateClientAsync(admin, "sistem", null, [Roles.SysAdmin], CancellationToken.None)).Problem?.Field);
            Assert.Equal("expiresInDays", (await service.CreateClientAsync(admin, "lama", 400, [Roles.Pegawai], CancellationToken.None)).Problem?.Field);
            created = await service.CreateClientAsync(admin, "SIASN", null, [Roles.Pemilik, Roles.Pegawai], CancellationToken.None);
            Assert.Null(created.Token!.ExpiresAt);
        }

        var identity = await ValidateAsync(created.Secret!);
        Assert.Equal(ApiTokenKind.IntegrationClient, identity!.Kind);
        Assert.Null(identity.UserId);
        Assert.Null(identity.EmployeeId);
        Assert.Equal("Token: SIASN", identity.DisplayName);
        Assert.Equal([Roles.Pegawai, Roles.Pemilik], identity.Roles);

        // Another pemda neither lists nor revokes it.
        await using (var other = Database.CreateContext(palangkaraya))
        {
            Assert.DoesNotContain(await Service(other).ListClientsAsync(CancellationToken.None), t => t.Id == created.Token.Id);
            Assert.False(await Service(other).RevokeClientAsync(admin, created.Token.Id, CancellationToken.None));
        }

        Assert.NotNull(await ValidateAsync(created.Secret!));
        await using (var db = Database.CreateContext(banjarbaru))
        {
            Assert.True(await Service(db).RevokeClientAsync(admin, created.Token.Id, CancellationToken.None));
            var revokedAt = _clock.Now.UtcDateTime;
            // A second revoke, later, keeps the first time.
            _clock.Now = _clock.Now.AddHours(1);
            Assert.True(await Service(db).RevokeClientAsync(admin, created.Token.Id, CancellationToken.None));
            var listed = (await Service(db).ListClientsAsync(CancellationToken.None)).Single(t => t.Id == created.Token.Id);
            Assert.False(listed.IsActive);
            Assert.Equal(revokedAt, listed.RevokedAt);
        }

        Assert.Null(await ValidateAsync(created.Secret!));
    }
}
