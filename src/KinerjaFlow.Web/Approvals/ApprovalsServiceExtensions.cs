using KinerjaFlow.Web.Approvals;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the read models and actions behind Ajukan, Kotak Tugas, Permohonan Saya, Beranda and the bell.</summary>
public static class ApprovalsServiceExtensions
{
    public static IServiceCollection AddKinerjaFlowApprovals(this IServiceCollection services) => services
        .AddScoped<RequestStarter>()
        .AddScoped<StartCatalog>()
        .AddScoped<TaskDesk>()
        .AddScoped<RequestBook>()
        .AddScoped<DeskStatistics>()
        .AddScoped<NotificationBell>();
}
