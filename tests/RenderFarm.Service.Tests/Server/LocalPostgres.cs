using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RenderFarm.Service.Tests.Server;

/// <summary>
/// A throwaway PostgreSQL cluster from Debian's postgresql package: initdb in a temp folder, trust
/// authentication, listening on a free loopback port; stopped and deleted afterwards. As root
/// (CI containers) the server runs as the postgres user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class LocalPostgres : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"renderfarm-pg-{Guid.NewGuid():N}");
    private string _bin = "";

    public string ConnectionUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault() ?? ""
            : "";
        if (_bin.Length == 0)
        {
            throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql (./renderfarm test installs it).");
        }

        Directory.CreateDirectory(_folder);
        if (Environment.UserName == "root")
        {
            await Run("chown", "postgres", _folder);
        }

        int port = FreePort();
        string data = Path.Combine(_folder, "data");
        await Postgres("initdb", "-D", data, "-A", "trust", "-U", "renderfarm", "--no-sync");
        await Postgres("pg_ctl", "-D", data, "-w", "-l", Path.Combine(_folder, "log"),
            "-o", $"-p {port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        ConnectionUrl = $"postgres://renderfarm@127.0.0.1:{port}/postgres";
    }

    public async Task DisposeAsync()
    {
        if (_bin.Length > 0 && Directory.Exists(Path.Combine(_folder, "data")))
        {
            await Postgres("pg_ctl", "-D", Path.Combine(_folder, "data"), "-w", "-m", "immediate", "stop");
        }

        Directory.Delete(_folder, recursive: true);
    }

    private Task Postgres(string tool, params string[] args) =>
        Environment.UserName == "root"
            ? Run("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : Run(Path.Combine(_bin, tool), args);

    private static async Task Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
