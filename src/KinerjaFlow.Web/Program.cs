using KinerjaFlow.Runtime.Hosting;
using KinerjaFlow.Web.Commands;
using KinerjaFlow.Web.Extensions;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddKinerjaFlowWeb();

    var app = builder.Build();
    if (CommandLine.IsCommand(args))
        return await CommandLine.RunAsync(app, args);

    app.UseKinerjaFlowWeb();
    await app.RunAsync();
    return 0;
}
catch (StartupProblemException problem)
{
    // Configuration and environment problems get their message, not a stack trace.
    await Console.Error.WriteLineAsync(problem.Message);
    return 1;
}

/// <summary>Entry point; public so that WebApplicationFactory can start the app in tests.</summary>
public partial class Program;
