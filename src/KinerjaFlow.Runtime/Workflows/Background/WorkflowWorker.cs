using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KinerjaFlow.Runtime.Workflows.Background;

/// <summary>Runs <see cref="BackgroundWork"/> round after round while the app lives; sleeps when idle.</summary>
public sealed class WorkflowWorker(IServiceScopeFactory scopes, IOptions<WorkerOptions> options, ILogger<WorkflowWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        logger.LogInformation("Workflow worker {Node} started", options.Value.NodeId);
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                handled = await scope.ServiceProvider.GetRequiredService<BackgroundWork>().RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // The database may be briefly away; the next round tries again.
                logger.LogError(exception, "Workflow worker round failed");
            }

            if (handled == 0)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }
}
