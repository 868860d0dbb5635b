using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KinerjaFlow.Testing;

namespace KinerjaFlow.E2E.Tests;

/// <summary>
/// The web app as a real child process on 127.0.0.1 and a free port, in Development (static assets
/// of Radzen need it) with the project folder as working directory and its own SQLite file, as a
/// user would start it. Its output goes to the artifacts folder.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataFolder;
    private readonly StreamWriter _log;

    private AppProcess(Process process, string dataFolder, StreamWriter log, Uri baseUrl)
    {
        _process = process;
        _dataFolder = dataFolder;
        _log = log;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<AppProcess> StartAsync(string name)
    {
        var root = TestEnvironment.RepositoryRoot;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
        var projectFolder = Path.Combine(root, "src", "KinerjaFlow.Web");
        var dll = Path.Combine(projectFolder, "bin", configuration, "net10.0", "KinerjaFlow.Web.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException("Build the solution first: the web app was not found.", dll);
        var port = FreePort();
        var dataFolder = Path.Combine(Path.GetTempPath(), "kinerjaflow-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = projectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__KinerjaFlow"] = $"Data Source={Path.Combine(dataFolder, "e2e.db")}";
        start.Environment["KinerjaFlow__Database__Provider"] = "Sqlite";
        start.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(dataFolder, "logs", "e2e-.log");
        var log = new StreamWriter(Path.Combine(TestEnvironment.ArtifactsFolder("e2e"), $"{name}-app.log")) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, dataFolder, log, new Uri($"http://127.0.0.1:{port}/"));
        await app.WaitUntilReadyAsync();
        return app;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode}; see its log in TestResults/artifacts/e2e.");
            try
            {
                if ((await http.GetAsync(new Uri(BaseUrl, "health/ready"))).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly (migrations and seeding on first start).
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The app did not become ready within 90 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the dying process; the temp folder is cleaned by the OS.
        }
    }
}
