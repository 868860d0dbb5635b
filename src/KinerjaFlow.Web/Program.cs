using KinerjaFlow.Web.Commands;
using KinerjaFlow.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddKinerjaFlowWeb();

var app = builder.Build();
if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(app, args);

app.UseKinerjaFlowWeb();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that WebApplicationFactory can start the app in tests.</summary>
public partial class Program;
